// npm run mail:send   delivers the outbox once (SMTP_URL, MAIL_FROM), for a cron job beside servers that do not
// send mail themselves. Safe beside running servers: each email is claimed before it is sent.
import { deliverDueEmails, mailConfigured } from "../lib/mail/sender";
import { runScript } from "./run-script";

async function main(command: string | undefined) {
  if (command !== "send") {
    console.error("Usage: tsx scripts/mail.ts send");
    return 2;
  }
  if (!mailConfigured()) {
    console.error("SMTP_URL is not set: emails stay in the outbox (see /outbox).");
    return 2;
  }
  const report = await deliverDueEmails();
  console.log(`Sent ${report.sent}, retrying ${report.retrying}, failed ${report.failed}, interrupted ${report.interrupted}.`);
  return 0;
}

runScript(main);

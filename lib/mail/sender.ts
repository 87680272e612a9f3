import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { claimEmail, dueEmails, failInterruptedDeliveries, markEmailAttemptFailed, markEmailSent } from "@/lib/data/outbox";

// Delivers the outbox over SMTP (SMTP_URL, e.g. smtp://user:pass@relay:587; MAIL_FROM the sender). Without
// SMTP_URL, the embedded default, mail stays in the outbox for RA managers to see at /outbox.

const MINUTE = 60_000;
export const DELIVERY = {
  // Waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final.
  backoffMs: [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE],
  batch: 20,
  // A claim older than this is a sender that stopped mid-delivery (see failInterruptedDeliveries).
  staleClaimMs: 10 * MINUTE,
};

export type DeliveryOptions = { transport?: Transporter; now?: () => Date; backoffMs?: number[]; from?: string };
export type DeliveryReport = { sent: number; retrying: number; failed: number; interrupted: number };

let defaultTransport: Transporter | null = null;

export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

function transportFromEnv(): Transporter | null {
  if (!process.env.SMTP_URL) return null;
  defaultTransport ??= nodemailer.createTransport(process.env.SMTP_URL);
  return defaultTransport;
}

/** A failure's reason as stored and shown: one line, no credentials (an SMTP URL may carry a password). */
export function deliveryError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Greedy to the last "@" before the host: a password may itself contain "@".
  return text.replace(/\/\/[^\s/]*@/g, "//…@").replace(/\s+/g, " ").slice(0, 500);
}

/** One pass over the due emails. Safe to run in several processes at once: each row is claimed before sending. */
export async function deliverDueEmails(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const transport = options.transport ?? transportFromEnv();
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, interrupted: 0 };
  if (!transport) return report;
  const now = options.now ?? (() => new Date());
  const backoff = options.backoffMs ?? DELIVERY.backoffMs;
  const from = options.from ?? process.env.MAIL_FROM ?? "CSMS access <no-reply@ra.example>";
  report.interrupted = await failInterruptedDeliveries(new Date(now().getTime() - DELIVERY.staleClaimMs));
  for (const { id } of await dueEmails(now(), DELIVERY.batch)) {
    const email = await claimEmail(id, now());
    if (!email) continue;
    try {
      const info = await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text, html: email.html });
      await markEmailSent(id, typeof info.messageId === "string" ? info.messageId : null, now());
      report.sent++;
    } catch (error) {
      const wait = backoff[email.attempts - 1];
      await markEmailAttemptFailed(id, deliveryError(error), wait === undefined ? null : new Date(now().getTime() + wait));
      if (wait === undefined) report.failed++;
      else report.retrying++;
    }
  }
  return report;
}

let running = false;
let again = false;

/** After a change queues mail: deliver it now rather than at the next tick. Never throws into the caller. */
export function deliverSoon(): void {
  if (!mailConfigured()) return;
  // One pass at a time per process; mail queued meanwhile gets one more pass straight after.
  if (running) {
    again = true;
    return;
  }
  running = true;
  again = false;
  deliverDueEmails()
    .catch((error: unknown) => console.error(`Mail delivery failed: ${deliveryError(error)}`))
    .finally(() => {
      running = false;
      if (again) deliverSoon();
    });
}

/** The server's own sender: retries come due without anyone scheduling a job. */
export function startMailer(intervalMs = 15_000): void {
  if (!mailConfigured()) return;
  setInterval(deliverSoon, intervalMs).unref();
  deliverSoon();
}

// Delivering the outbox over SMTP to a real server on loopback (smtp-server, started here): what arrives, at
// most once even with two senders at once, retries with backoff, no credentials in errors, and a crashed
// sender's claim marked failed instead of sent twice.
import nodemailer, { type Transporter } from "nodemailer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { DENSHAM } from "@/prisma/seed/demo";
import { changeRequest, submitRequestApi } from "@/lib/services/requests";
import { DELIVERY, deliverDueEmails } from "@/lib/mail/sender";
import { signInAs, signOut } from "./support/session";
import { requester, suggestedText } from "./support/requests-api";
import { closedPort, emailsFor, smtpTransport, startSmtpServer, type SmtpTestServer } from "./support/outbox";

const AGENT = "agent@ra.example";
const MINUTE = 60_000;

let smtp: SmtpTestServer;
let transport: Transporter;
beforeAll(async () => {
  smtp = await startSmtpServer();
  transport = smtpTransport(smtp.port);
});
afterAll(() => smtp.close());
afterEach(() => signOut());

let ip = 0;
/** A request through the public API: it queues its request_received email. */
async function submit(label: string, odsCode: string | undefined = DENSHAM.odsCode) {
  signOut();
  ip += 1;
  const from = requester(label);
  const created = await submitRequestApi({ ...from, odsCode, message: suggestedText("5555 0000 0002") }, `198.51.100.${ip}`);
  const [email] = await emailsFor(created.id);
  return { ...created, to: from.email, emailId: email!.id };
}

const row = (id: string) => db.outboxEmail.findUniqueOrThrow({ where: { id } });
const arrivedFor = (reference: string) => smtp.received.filter((m) => m.subject.includes(reference));

describe("delivery to a real SMTP server", () => {
  it("sends each due email once and marks it sent with sentAt and the server's message id", async () => {
    const first = await submit("deliver");
    const second = await submit("deliver");
    await signInAs(AGENT);
    const reply = "We have added the cervicalscreening workgroup at A81001 for you.\nLog out of CSMS fully, then log in again. (Ref: <b>done</b>)";
    await changeRequest({ id: second.id, version: 1, status: "resolved", reply });
    const queued = await db.outboxEmail.count({ where: { status: "pending" } });
    expect(queued).toBe(3);

    const startedAt = Date.now();
    expect(await deliverDueEmails({ transport })).toStrictEqual({ sent: 3, retrying: 0, failed: 0, interrupted: 0 });
    expect(smtp.received).toHaveLength(3);

    expect(arrivedFor(first.reference)).toMatchObject([{ to: [first.to], subject: `We have your CSMS access request ${first.reference}` }]);
    const [resolved] = smtp.received.filter((m) => m.subject === `Your CSMS access request ${second.reference} has been dealt with`);
    expect(resolved).toMatchObject({ to: [second.to], from: expect.stringContaining("no-reply@ra.example") });
    expect(resolved!.text).toContain(reply);
    expect(resolved!.html).toContain("(Ref: &lt;b&gt;done&lt;/b&gt;)");

    for (const email of await db.outboxEmail.findMany()) {
      const arrived = smtp.received.filter((m) => m.subject === email.subject);
      expect(arrived).toHaveLength(1);
      expect(email).toMatchObject({ status: "sent", attempts: 1, lastError: null, messageId: arrived[0]!.messageId });
      expect(email.sentAt!.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    }
  });

  it("a second pass sends nothing: sent is final", async () => {
    const arrived = smtp.received.length;
    expect(await deliverDueEmails({ transport })).toStrictEqual({ sent: 0, retrying: 0, failed: 0, interrupted: 0 });
    expect(smtp.received).toHaveLength(arrived);
  });

  it("two senders running at once over the same queue deliver each email exactly once", async () => {
    const requests = [];
    for (let i = 0; i < 6; i++) requests.push(await submit("concurrent"));
    const arrived = smtp.received.length;
    const reports = await Promise.all([deliverDueEmails({ transport }), deliverDueEmails({ transport: smtpTransport(smtp.port) })]);
    expect(reports[0]!.sent + reports[1]!.sent).toBe(6);
    expect(reports.every((r) => r.failed === 0 && r.retrying === 0)).toBe(true);
    expect(smtp.received).toHaveLength(arrived + 6);
    for (const request of requests) {
      expect(arrivedFor(request.reference)).toHaveLength(1);
      expect(await row(request.emailId)).toMatchObject({ status: "sent", attempts: 1 });
    }
  });
});

describe("a delivery that fails", () => {
  let refusing: SmtpTestServer;
  beforeAll(async () => {
    refusing = await startSmtpServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      },
    });
  });
  afterAll(() => refusing.close());

  it("is retried after each backoff (not before), then failed for good with the reason", async () => {
    const { emailId } = await submit("retry");
    const backoffMs = [1 * MINUTE, 5 * MINUTE];
    const t0 = Date.now() + 1000;
    const at = (ms: number) => () => new Date(t0 + ms);

    // 1st attempt: nothing listens on the port.
    expect(await deliverDueEmails({ transport: smtpTransport(await closedPort()), now: at(0), backoffMs })).toMatchObject({ sent: 0, retrying: 1, failed: 0 });
    expect(await row(emailId)).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: new Date(t0 + MINUTE), lastError: expect.stringMatching(/ECONNREFUSED/) });

    // Not yet due: not tried again, even by a working sender.
    expect(await deliverDueEmails({ transport, now: at(MINUTE - 1000), backoffMs })).toStrictEqual({ sent: 0, retrying: 0, failed: 0, interrupted: 0 });
    expect(await row(emailId)).toMatchObject({ status: "pending", attempts: 1 });

    // 2nd attempt: the server refuses the recipient.
    const second = MINUTE + 1000;
    expect(await deliverDueEmails({ transport: smtpTransport(refusing.port), now: at(second), backoffMs })).toMatchObject({ retrying: 1, failed: 0 });
    expect(await row(emailId)).toMatchObject({ status: "pending", attempts: 2, nextAttemptAt: new Date(t0 + second + 5 * MINUTE), lastError: expect.stringMatching(/550.*Mailbox unavailable/) });

    // 3rd attempt, with no backoff left: failed, with the reason.
    const third = second + 5 * MINUTE + 1000;
    expect(await deliverDueEmails({ transport: smtpTransport(refusing.port), now: at(third), backoffMs })).toMatchObject({ sent: 0, retrying: 0, failed: 1 });
    const failed = await row(emailId);
    expect(failed).toMatchObject({ status: "failed", attempts: 3, sentAt: null, messageId: null });
    expect(failed.lastError).toMatch(/550.*Mailbox unavailable/);
    expect(failed.lastError).not.toMatch(/\n/);

    // Failed is final for the sender: only an RA manager's retry puts it back.
    const arrived = smtp.received.length;
    expect(await deliverDueEmails({ transport, now: at(third + 24 * 60 * MINUTE), backoffMs })).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(arrived);
    expect(refusing.received).toEqual([]);
  });

  it("by default it waits 1, 5, 30 and 120 minutes between attempts and gives up on the 5th failure", async () => {
    const { emailId } = await submit("schedule");
    const refused = smtpTransport(refusing.port);
    let now = Date.now() + 1000;
    for (const wait of [1, 5, 30, 120]) {
      expect(await deliverDueEmails({ transport: refused, now: () => new Date(now) })).toMatchObject({ retrying: 1, failed: 0 });
      expect(await row(emailId)).toMatchObject({ status: "pending", nextAttemptAt: new Date(now + wait * MINUTE) });
      now += wait * MINUTE;
    }
    expect(await deliverDueEmails({ transport: refused, now: () => new Date(now) })).toMatchObject({ retrying: 0, failed: 1 });
    expect(await row(emailId)).toMatchObject({ status: "failed", attempts: DELIVERY.backoffMs.length + 1 });
  });

  it("a login failure against an smtp://user:pass@ URL is stored without the credentials", async () => {
    const { emailId } = await submit("auth");
    const strict = await startSmtpServer({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(_auth, _session, callback) {
        callback(new Error("Authentication credentials invalid"));
      },
    });
    try {
      const withPassword = nodemailer.createTransport(`smtp://ra-relay:S3cret-Passw0rd@127.0.0.1:${strict.port}/?ignoreTLS=true`);
      expect(await deliverDueEmails({ transport: withPassword, backoffMs: [] })).toMatchObject({ failed: 1 });
    } finally {
      await strict.close();
    }
    const failed = await row(emailId);
    expect(failed).toMatchObject({ status: "failed", lastError: expect.stringMatching(/Invalid login/) });
    expect(failed.lastError).not.toMatch(/S3cret-Passw0rd|ra-relay/);
  });

  // nodemailer reads SMTP_URL with the last "@" ending the credentials, so a password may contain "@" as typed.
  it.each([
    ["a plain password", "S3cret-Passw0rd"],
    ["a password with an @ in it", "S3cret@Passw0rd"],
  ])("an error that quotes the SMTP URL (%s) is stored without its user and password", async (_label, password) => {
    const { emailId } = await submit("url");
    const quoting = {
      sendMail: async () => {
        throw new Error(`Connection closed by smtp://ra-relay:${password}@relay.example:587\n  (after 3 tries)`);
      },
    } as unknown as Transporter;
    expect(await deliverDueEmails({ transport: quoting, backoffMs: [] })).toMatchObject({ failed: 1 });
    const failed = await row(emailId);
    expect(failed.lastError).toBe("Connection closed by smtp://…@relay.example:587 (after 3 tries)");
    expect(failed.lastError).not.toMatch(/S3cret|Passw0rd|ra-relay/);
  });
});

describe("a sender that stopped mid-delivery", () => {
  it("leaves a claim that is marked failed once older than 10 minutes, never sent again", async () => {
    const stale = await submit("stale");
    const recent = await submit("recent");
    const now = Date.now();
    // As a crashed sender leaves them: claimed, attempt counted, no outcome.
    await db.outboxEmail.update({ where: { id: stale.emailId }, data: { status: "sending", attempts: 1, claimedAt: new Date(now - 11 * MINUTE) } });
    await db.outboxEmail.update({ where: { id: recent.emailId }, data: { status: "sending", attempts: 1, claimedAt: new Date(now - 5 * MINUTE) } });
    const arrived = smtp.received.length;

    expect(await deliverDueEmails({ transport, now: () => new Date(now) })).toStrictEqual({ sent: 0, retrying: 0, failed: 0, interrupted: 1 });
    expect(await row(stale.emailId)).toMatchObject({ status: "failed", attempts: 1, sentAt: null, lastError: expect.stringMatching(/interrupted; it may or may not have been sent/) });
    // Five minutes is a delivery still under way: left alone.
    expect(await row(recent.emailId)).toMatchObject({ status: "sending", lastError: null });

    expect(await deliverDueEmails({ transport, now: () => new Date(now + 6 * MINUTE) })).toMatchObject({ sent: 0, interrupted: 1 });
    expect(await row(recent.emailId)).toMatchObject({ status: "failed", attempts: 1 });
    expect(smtp.received).toHaveLength(arrived);
    expect(arrivedFor(stale.reference)).toEqual([]);
  });
});

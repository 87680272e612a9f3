// The transactional outbox (issue "Close the loop with the requester"): every status change of a request and
// every submission queues exactly one email to the requester, with the officer's own words in it; an RA manager
// puts a failed email back in the queue. Real database, real services; only the session cookie is replaced.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { DENSHAM, QUEENS_PARK } from "@/prisma/seed/demo";
import { changeRequest, submitRequestApi, submitRequestForm } from "@/lib/services/requests";
import { retryEmail } from "@/lib/services/outbox";
import { deliverDueEmails } from "@/lib/mail/sender";
import { verifyAuditTrail } from "@/lib/data/audit-verify";
import { signInAs, signOut } from "./support/session";
import { failure, requester, requestVersion, suggestedText, userId } from "./support/requests-api";
import { changeEventsAfter, closedPort, emailsFor, lastEventId, parse, smtpTransport, startSmtpServer, type SmtpTestServer } from "./support/outbox";

const AGENT = "agent@ra.example";
const MANAGER = "manager@ra.example";
const AUDITOR = "auditor@ra.example";
const A81001 = DENSHAM.odsCode;

afterEach(() => signOut());

let ip = 0;
async function submit(odsCode: string | undefined, message = suggestedText("5555 0000 0002"), from = requester("outbox")) {
  signOut();
  ip += 1;
  return submitRequestApi({ ...from, odsCode, message }, `203.0.113.${ip}`);
}

/** One change through changeRequest, and exactly what it wrote: change events and outbox rows (any request's). */
async function change(id: string, input: Record<string, unknown>) {
  await signInAs(AGENT);
  const [afterEvent, emailIds] = [await lastEventId(), new Set((await db.outboxEmail.findMany({ select: { id: true } })).map((e) => e.id))];
  const row = await changeRequest({ id, version: await requestVersion(id), ...input });
  const emails = (await db.outboxEmail.findMany({ orderBy: { createdAt: "asc" } })).filter((e) => !emailIds.has(e.id));
  return { row, events: await changeEventsAfter(afterEvent), emails };
}

describe("a submission queues one request_received email", () => {
  it("through the JSON API: to the requester, with the reference, in the same change as request.created", async () => {
    const from = requester("api");
    const afterEvent = await lastEventId();
    const emailsBefore = await db.outboxEmail.count();
    const { id, reference } = await submit(A81001, suggestedText("5555 0000 0002"), from);
    const events = await changeEventsAfter(afterEvent);
    expect(events.map((e) => e.action)).toEqual(["request.created"]);
    expect(await db.outboxEmail.count()).toBe(emailsBefore + 1);
    const [email] = await emailsFor(id);
    expect(email).toMatchObject({ kind: "request_received", to: from.email, subject: `We have your CSMS access request ${reference}`, status: "pending", attempts: 0, sentAt: null, lastError: null });
    expect(email!.text).toContain(`Your reference is ${reference}.`);
    expect(email!.text).toContain("The registration authority team for The Densham Surgery (A81001) will look at your request");
    expect(email!.html).toContain(reference);
  });

  it("through the public form (organisation by name): one email, to the address typed", async () => {
    signOut();
    const from = { name: "Form Sender", email: "Form.Sender@NHS.example" };
    const emailsBefore = await db.outboxEmail.count();
    const { id, reference } = await submitRequestForm({ ...from, organisation: QUEENS_PARK.name, message: suggestedText("5555 0000 0017") }, "203.0.113.200");
    expect(await db.outboxEmail.count()).toBe(emailsBefore + 1);
    expect(await emailsFor(id)).toMatchObject([{ kind: "request_received", to: "form.sender@nhs.example", subject: `We have your CSMS access request ${reference}` }]);
  });

  it("a refused submission (bad input) queues nothing", async () => {
    const emailsBefore = await db.outboxEmail.count();
    expect(await failure(submitRequestApi({ ...requester("bad"), message: "" }, "203.0.113.201"))).toMatchObject({ status: 400 });
    expect(await db.outboxEmail.count()).toBe(emailsBefore);
  });
});

describe("each status change queues exactly one email, in the change that writes request.updated", () => {
  let id: string;
  let reference: string;
  let email: string;

  beforeAll(async () => {
    const from = requester("status");
    email = from.email;
    ({ id, reference } = await submit(A81001, suggestedText("5555 0000 0002"), from));
  });

  it("assigning alone (no status change) writes its event and no email", async () => {
    const { events, emails } = await change(id, { assignedToId: await userId(AGENT) });
    expect(events.map((e) => e.action)).toEqual(["request.updated"]);
    expect(emails).toEqual([]);
  });

  it("in progress: one status_changed email saying work has started", async () => {
    const { events, emails } = await change(id, { status: "in_progress" });
    expect(events).toMatchObject([{ action: "request.updated", requestId: id }]);
    expect(emails).toMatchObject([{ requestId: id, kind: "status_changed", to: email, subject: `Update on your CSMS access request ${reference}`, status: "pending" }]);
    expect(emails[0]!.text).toContain("Your registration authority is now working on your request.");
  });

  it("the same status again is no change of status: no email", async () => {
    const { events, emails } = await change(id, { status: "in_progress" });
    expect(events.map((e) => e.action)).toEqual(["request.updated"]);
    expect(emails).toEqual([]);
  });

  it("waiting with a message: the email asks for what the officer wrote, word for word", async () => {
    const message = "Please send us the exact error CSMS shows, and the name of your practice manager.";
    const { events, emails } = await change(id, { status: "waiting", message });
    expect(events).toMatchObject([{ action: "request.updated", reason: `Asked the requester: ${message}` }]);
    expect(emails).toMatchObject([{ kind: "status_changed", to: email, subject: `Your registration authority needs something from you (${reference})` }]);
    expect(emails[0]!.text).toContain(message);
    expect(emails[0]!.text).toContain("Never send your smartcard passcode");
  });

  it("resolved with a reply: the text carries the reply verbatim, the HTML escapes markup in it", async () => {
    const reply = "Dear requester,\n\nWe added the cervicalscreening workgroup at A81001 <script>alert('x')</script> & R8001 stays.\nLog out fully, then log in again.";
    const { events, emails } = await change(id, { status: "resolved", reply });
    expect(events).toMatchObject([{ action: "request.updated", reason: `Reply: ${reply}` }]);
    expect(parse(events[0]!.after)).toMatchObject({ status: "resolved" });
    expect(emails).toMatchObject([{ kind: "resolved", to: email, subject: `Your CSMS access request ${reference} has been dealt with` }]);
    expect(emails[0]!.text).toContain(reply);
    expect(emails[0]!.html).not.toContain("<script>");
    expect(emails[0]!.html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; R8001 stays.<br>Log out fully");
  });

  it("rejected with a reason: the email gives the reason", async () => {
    const from = requester("rejected");
    const other = await submit(undefined, "Please help, CSMS is not working for me", from);
    const reason = "We cannot find a Care Identity profile for you: ask your practice manager to contact us";
    const { events, emails } = await change(other.id, { status: "rejected", rejectionReason: reason });
    expect(events).toMatchObject([{ action: "request.updated", requestId: other.id, reason }]);
    expect(emails).toMatchObject([{ requestId: other.id, kind: "rejected", to: from.email, subject: `Your CSMS access request ${other.reference} could not be completed` }]);
    expect(emails[0]!.text).toContain(`The reason given: ${reason}.`);
  });

  it("a rejection after a reopened resolution gives the reason, never the earlier reply", async () => {
    const other = await submit(A81001);
    const earlier = "We have added the cervicalscreening workgroup for you at A81001.";
    await change(other.id, { status: "resolved", reply: earlier });
    await change(other.id, { status: "in_progress" });
    const reason = "Duplicate of a request your practice manager sent";
    const { emails } = await change(other.id, { status: "rejected", rejectionReason: reason });
    expect(emails).toMatchObject([{ kind: "rejected" }]);
    expect(emails[0]!.text).toContain(`The reason given: ${reason}.`);
    // The requester must not be told the access was added in the email that says it could not be.
    expect(emails[0]!.text).not.toContain(earlier);
  });

  it("the request has one email per status change it went through, and one for its arrival", async () => {
    expect((await emailsFor(id)).map((e) => e.kind)).toEqual(["request_received", "status_changed", "status_changed", "resolved"]);
    expect(await db.auditEvent.count({ where: { requestId: id, action: "request.updated" } })).toBe(5);
  });
});

describe("retrying a failed email (RA managers only)", () => {
  let failed: { id: string; requestId: string | null; to: string; subject: string; lastError: string | null };
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // Every queued email fails for good: nothing listens on the port and no retries are left.
    const report = await deliverDueEmails({ transport: smtpTransport(await closedPort()), backoffMs: [] });
    expect(report.sent).toBe(0);
    expect(report.failed).toBe(await db.outboxEmail.count());
    failed = await db.outboxEmail.findFirstOrThrow({ where: { status: "failed", kind: "resolved" } });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
  });
  afterAll(() => smtp.close());

  it("an RA agent and an auditor are refused (403) and the email stays failed", async () => {
    for (const who of [AGENT, AUDITOR]) {
      await signInAs(who);
      const afterEvent = await lastEventId();
      expect(await failure(retryEmail({ id: failed.id }))).toMatchObject({ status: 403, code: "forbidden" });
      expect(await changeEventsAfter(afterEvent)).toEqual([]);
    }
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("bad ids are 400 naming id; an unknown one is 404", async () => {
    await signInAs(MANAGER);
    expect(await failure(retryEmail({ id: "not-an-id" }))).toMatchObject({ status: 400, fields: { id: expect.stringMatching(/\S/) } });
    expect(await failure(retryEmail({}))).toMatchObject({ status: 400, fields: { id: expect.stringMatching(/\S/) } });
    expect(await failure(retryEmail({ id: "00000000-0000-4000-8000-000000000000" }))).toMatchObject({ status: 404 });
  });

  it("an RA manager requeues it: pending, attempts reset, one email.retried event", async () => {
    await signInAs(MANAGER);
    const afterEvent = await lastEventId();
    const startedAt = Date.now();
    expect(await retryEmail({ id: failed.id })).toStrictEqual({ id: failed.id });
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: failed.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    const events = await changeEventsAfter(afterEvent);
    expect(events).toMatchObject([{ action: "email.retried", actorEmail: MANAGER, requestId: failed.requestId }]);
    expect({ before: parse(events[0]!.before), after: parse(events[0]!.after) }).toStrictEqual({
      before: { status: "failed", lastError: failed.lastError },
      after: { status: "pending", to: failed.to, subject: failed.subject },
    });
    // Requeued is not yet sent: retrying it again is refused, like any email that is not failed.
    expect(await failure(retryEmail({ id: failed.id }))).toMatchObject({ status: 400, fields: { id: "This email is pending" } });
  });

  it("the requeued email is delivered once; retrying a sent email is 400 and writes nothing", async () => {
    const report = await deliverDueEmails({ transport: smtpTransport(smtp.port) });
    expect(report).toStrictEqual({ sent: 1, retrying: 0, failed: 0, interrupted: 0 });
    expect(smtp.received).toMatchObject([{ to: [failed.to], subject: failed.subject }]);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "sent", lastError: null, sentAt: expect.any(Date) });

    await signInAs(MANAGER);
    const afterEvent = await lastEventId();
    expect(await failure(retryEmail({ id: failed.id }))).toMatchObject({ status: 400, code: "bad_input", fields: { id: "This email is sent" } });
    expect(await changeEventsAfter(afterEvent)).toEqual([]);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "sent" });
  });

  it("the audit chain and the replayed state still verify with email.retried in the log", async () => {
    const trail = await verifyAuditTrail();
    expect(trail.chain).toMatchObject({ ok: true, firstBadEventId: null });
    expect(trail.state).toMatchObject({ ok: true, checked: true, problem: null });
  });
});

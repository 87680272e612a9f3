// The outbox is transactional: a change and the email it causes commit together or not at all. Faults are
// injected inside the real transaction (the email composition, or the audit append, throws) and the test checks
// that the request, its notes, the outbox and the change log are exactly as before.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/data/db";
import * as auditAppend from "@/lib/data/audit-append";
import * as requestEmails from "@/lib/domain/request-emails";
import { changeRequest, submitRequestApi } from "@/lib/services/requests";
import { replyAsRequester } from "@/lib/services/request-edits";
import { DENSHAM } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";
import { requester, requestVersion, suggestedText, userId } from "./support/requests-api";
import { changeEventsAfter, emailsFor, lastEventId, requestLoopSnapshot } from "./support/outbox";

const AGENT = "agent@ra.example";

afterEach(() => {
  vi.restoreAllMocks();
  signOut();
});

/** The email composition throws, after the change it describes was made in the transaction; returns what it was asked to compose. */
function breakComposition() {
  const asked: { kind: string; status: string }[] = [];
  vi.spyOn(requestEmails, "composeRequestEmail").mockImplementation((input) => {
    asked.push({ kind: input.kind, status: input.status });
    throw new Error("Injected fault: the email template broke");
  });
  return asked;
}

const from = requester("atomic");
let id: string;
let reference: string;

beforeAll(async () => {
  ({ id, reference } = await submitRequestApi({ ...from, odsCode: DENSHAM.odsCode, message: suggestedText("5555 0000 0002") }, "203.0.113.50"));
});

describe("a status change whose email cannot be composed is not made at all", () => {
  const steps: { name: string; change: () => Promise<Record<string, unknown>>; status: string; kind: string }[] = [
    { name: "in progress (and assigned)", change: async () => ({ status: "in_progress", assignedToId: await userId(AGENT) }), status: "in_progress", kind: "status_changed" },
    { name: "waiting with a message", change: async () => ({ status: "waiting", message: "Which practice do you work at on Fridays?" }), status: "waiting", kind: "status_changed" },
    { name: "resolved with a reply", change: async () => ({ status: "resolved", reply: "Added the workgroup at A81001." }), status: "resolved", kind: "resolved" },
    { name: "rejected with a reason", change: async () => ({ status: "rejected", rejectionReason: "Sent to the wrong RA team" }), status: "rejected", kind: "rejected" },
  ];

  it.each(steps)("$name: status, version, notes, outbox and change log unchanged; without the fault it goes through", async (step) => {
    await signInAs(AGENT);
    const version = await requestVersion(id);
    const before = await requestLoopSnapshot();
    const afterEvent = await lastEventId();

    const asked = breakComposition();
    await expect(changeRequest({ id, version, ...(await step.change()) })).rejects.toThrow(/Injected fault/);
    // The email was being composed from the request as updated: the fault came after the status update.
    expect(asked).toEqual([{ kind: step.kind, status: step.status }]);
    expect(await requestLoopSnapshot()).toEqual(before);
    expect(await changeEventsAfter(afterEvent)).toEqual([]);

    vi.restoreAllMocks();
    const row = await changeRequest({ id, version, ...(await step.change()) });
    expect(row).toMatchObject({ status: step.status, version: version + 1 });
    expect((await changeEventsAfter(afterEvent)).map((e) => e.action)).toEqual(["request.updated"]);
    expect((await emailsFor(id)).at(-1)).toMatchObject({ kind: step.kind });
    expect(await db.outboxEmail.count()).toBe(before.emails.length + 1);
    // Closed requests are reopened for the next step, with its own (audited) change.
    if (step.status === "resolved") await changeRequest({ id, version: version + 1, status: "in_progress" });
  });
});

describe("the other changes that queue an email are atomic too", () => {
  it("a submission whose confirmation email fails leaves no request, no email and no event", async () => {
    const before = await requestLoopSnapshot();
    const afterEvent = await lastEventId();
    breakComposition();
    await expect(submitRequestApi({ ...requester("atomic-submit"), message: "Please help me log in to CSMS" }, "203.0.113.51")).rejects.toThrow(/Injected fault/);
    expect(await requestLoopSnapshot()).toEqual(before);
    expect(await changeEventsAfter(afterEvent)).toEqual([]);
  });

  it("a requester's reply whose email fails keeps no note, leaves the request waiting and writes no event", async () => {
    signOut();
    const other = await submitRequestApi({ ...requester("atomic-reply"), message: "Please help me log in to CSMS" }, "203.0.113.52");
    await signInAs(AGENT);
    await changeRequest({ id: other.id, version: 1, status: "waiting", message: "What is your smartcard ID?" });
    signOut();
    const row = await db.accessRequest.findUniqueOrThrow({ where: { id: other.id } });
    const before = await requestLoopSnapshot();
    const afterEvent = await lastEventId();
    const asked = breakComposition();
    await expect(replyAsRequester({ reference: other.reference, email: row.email, message: "It is 5555 0000 0002" }, "203.0.113.53")).rejects.toThrow(/Injected fault/);
    expect(asked).toEqual([{ kind: "reply_received", status: "new" }]);
    expect(await requestLoopSnapshot()).toEqual(before);
    expect(await changeEventsAfter(afterEvent)).toEqual([]);
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: "waiting", slaPausedAt: row.slaPausedAt });
  });

  it("a status change whose audit event cannot be appended leaves no email behind", async () => {
    await signInAs(AGENT);
    const version = await requestVersion(id);
    const status = (await db.accessRequest.findUniqueOrThrow({ where: { id } })).status;
    expect(status).not.toBe("waiting");
    const before = await requestLoopSnapshot();
    const append = auditAppend.appendAuditEvent;
    vi.spyOn(auditAppend, "appendAuditEvent").mockImplementation(async (tx, actor, draft) => {
      if (draft.action === "request.updated") throw new Error("Injected fault: the audit append failed");
      return append(tx, actor, draft);
    });
    await expect(changeRequest({ id, version, status: "waiting", message: "Still there?" })).rejects.toThrow(/Injected fault/);
    expect(await requestLoopSnapshot()).toEqual(before);
    expect((await db.accessRequest.findUniqueOrThrow({ where: { reference } })).status).toBe(status);
  });
});

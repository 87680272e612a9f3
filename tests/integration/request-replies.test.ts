// The requester's side of the loop: replying through the status page to a request that waits for them (the
// service-level clock stops while it waits), and requests for organisations no RA in the console covers, which
// RA managers route.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { DENSHAM, QUEENS_PARK } from "@/prisma/seed/demo";
import { changeRequest, loadRequest, requestStatusForRequester, submitRequestApi, submittedRequest } from "@/lib/services/requests";
import { loadInbox } from "@/lib/services/request-inbox";
import { replyAsRequester } from "@/lib/services/request-edits";
import { verifyAuditTrail } from "@/lib/data/audit-verify";
import { signInAs, signOut } from "./support/session";
import { failure, requester, requestVersion, suggestedText, userId } from "./support/requests-api";
import { changeEventsAfter, emailsFor, lastEventId, parse, requestLoopSnapshot } from "./support/outbox";

const AGENT = "agent@ra.example";
const MANAGER = "manager@ra.example";
const UNCOVERED = { odsCode: "A81004", name: "Bluebell Medical Centre" }; // seeded; no console user acts for it

afterEach(() => signOut());

let ip = 0;
const nextIp = () => `198.18.0.${++ip}`;
async function submit(odsCode: string | undefined, message = suggestedText("5555 0000 0002"), from = requester("replies")) {
  signOut();
  const created = await submitRequestApi({ ...from, odsCode, message }, nextIp());
  return { ...created, ...from };
}
const read = (id: string) => db.accessRequest.findUniqueOrThrow({ where: { id } });
/** Moves the start of the current wait back, as if the request had waited that long (AccessRequest has no triggers). */
const waitedFor = (id: string, seconds: number) => db.accessRequest.update({ where: { id }, data: { slaPausedAt: new Date(Date.now() - seconds * 1000) } });

describe("a requester's reply to a request waiting for them", () => {
  let assigned: Awaited<ReturnType<typeof submit>>;
  const asked = "Please send the exact words of the CSMS error.";

  beforeAll(async () => {
    assigned = await submit(DENSHAM.odsCode);
    await signInAs(AGENT);
    await changeRequest({ id: assigned.id, version: 1, assignedToId: await userId(AGENT), status: "in_progress" });
  });

  it("moving to waiting stops the clock: slaPausedAt is set", async () => {
    await signInAs(AGENT);
    const startedAt = Date.now();
    const row = await changeRequest({ id: assigned.id, version: await requestVersion(assigned.id), status: "waiting", message: asked });
    expect(row.slaPausedAt!.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(row.slaPausedAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(row.slaPausedSeconds).toBe(0);
  });

  it("the wrong email is 404 and writes nothing", async () => {
    const before = await requestLoopSnapshot();
    const problem = await failure(replyAsRequester({ reference: assigned.reference, email: "someone.else@nhs.example", message: "It says no workgroup" }, nextIp()));
    expect(problem).toMatchObject({ status: 404, code: "not_found" });
    expect(await requestLoopSnapshot()).toEqual(before);
  });

  it("with reference and email: a requester note, in progress again (assigned), the clock runs, one event, one email", async () => {
    await waitedFor(assigned.id, 2 * 3600);
    const before = await read(assigned.id);
    const afterEvent = await lastEventId();
    const emails = (await emailsFor(assigned.id)).length;
    const text = "It says: You do not have the cervicalscreening workgroup.";

    const result = await replyAsRequester({ reference: assigned.reference.toLowerCase(), email: assigned.email.toUpperCase(), message: text }, nextIp());
    expect(result).toStrictEqual({ reference: assigned.reference, status: "in_progress" });

    const after = await read(assigned.id);
    expect(after).toMatchObject({ status: "in_progress", assignedToId: await userId(AGENT), slaPausedAt: null, version: before.version + 1 });
    expect(after.slaPausedSeconds).toBeGreaterThanOrEqual(2 * 3600);
    expect(after.slaPausedSeconds).toBeLessThan(2 * 3600 + 60);
    expect(await db.requestNote.findMany({ where: { requestId: assigned.id, kind: "requester" } })).toMatchObject([{ authorId: null, authorName: assigned.name, text }]);

    const events = await changeEventsAfter(afterEvent);
    expect(events).toMatchObject([{ action: "request.requester_replied", requestId: assigned.id, actorId: null, actorEmail: assigned.email, reason: text }]);
    expect({ before: parse(events[0]!.before), after: parse(events[0]!.after) }).toStrictEqual({ before: { status: "waiting" }, after: { status: "in_progress" } });
    const newEmails = (await emailsFor(assigned.id)).slice(emails);
    expect(newEmails).toMatchObject([{ kind: "reply_received", to: assigned.email, subject: `We have your reply about ${assigned.reference}` }]);
  });

  it("the reply is in the requester's conversation, after what the RA asked", async () => {
    const status = await requestStatusForRequester({ reference: assigned.reference, email: assigned.email }, nextIp());
    expect(status).toMatchObject({ status: "in_progress", canReply: true });
    expect(status.conversation.map((c) => [c.from, c.text])).toEqual([
      ["ra", asked],
      ["you", "It says: You do not have the cervicalscreening workgroup."],
    ]);
  });

  it("a second wait adds to the paused time, it does not replace it", async () => {
    await signInAs(AGENT);
    await changeRequest({ id: assigned.id, version: await requestVersion(assigned.id), status: "waiting", message: "And your smartcard ID?" });
    const paused = (await read(assigned.id)).slaPausedSeconds;
    await waitedFor(assigned.id, 600);
    await replyAsRequester({ reference: assigned.reference, email: assigned.email, message: "5555 0000 0002" }, nextIp());
    const after = await read(assigned.id);
    expect(after.slaPausedSeconds - paused).toBeGreaterThanOrEqual(600);
    expect(after.slaPausedSeconds - paused).toBeLessThan(660);
  });

  it("an unassigned request goes back to new", async () => {
    const unassigned = await submit(QUEENS_PARK.odsCode, suggestedText("5555 0000 0017"));
    await signInAs(AGENT);
    await changeRequest({ id: unassigned.id, version: 1, status: "waiting", message: "Which practice?" });
    signOut();
    expect(await replyAsRequester({ reference: unassigned.reference, email: unassigned.email, message: "Queens Park" }, nextIp())).toStrictEqual({
      reference: unassigned.reference,
      status: "new",
    });
    expect(await read(unassigned.id)).toMatchObject({ status: "new", assignedToId: null, slaPausedAt: null });
  });

  it("a closed request is 400 and nothing is written", async () => {
    const closed = await submit(DENSHAM.odsCode);
    await signInAs(AGENT);
    await changeRequest({ id: closed.id, version: 1, status: "resolved", reply: "You can already log in." });
    signOut();
    const before = await requestLoopSnapshot();
    const problem = await failure(replyAsRequester({ reference: closed.reference, email: closed.email, message: "Thanks, but it still fails" }, nextIp()));
    expect(problem).toMatchObject({ status: 400, code: "bad_input", fields: { message: expect.stringMatching(/new request/) } });
    expect(await requestLoopSnapshot()).toEqual(before);
    expect((await requestStatusForRequester({ reference: closed.reference, email: closed.email }, nextIp())).canReply).toBe(false);
  });
});

describe("a request for an organisation no RA in the console covers", () => {
  let unrouted: Awaited<ReturnType<typeof submit>>;
  let covered: Awaited<ReturnType<typeof submit>>;

  beforeAll(async () => {
    expect(await db.organisation.findUnique({ where: { odsCode: UNCOVERED.odsCode } })).toMatchObject({ name: UNCOVERED.name });
    expect(await db.consoleUserOrganisation.count({ where: { organisation: { odsCode: UNCOVERED.odsCode } } })).toBe(0);
    unrouted = await submit(UNCOVERED.odsCode, suggestedText("5555 0000 0002"));
    covered = await submit(DENSHAM.odsCode, suggestedText("5555 0000 0002"));
  });

  it("its first email says an RA manager will route it; a covered one names the RA team", async () => {
    const [email] = await emailsFor(unrouted.id);
    expect(email!.kind).toBe("request_received");
    expect(email!.text).toContain(`No registration authority uses this service for ${UNCOVERED.name} (${UNCOVERED.odsCode}) yet, so an RA manager will read your request`);
    const [coveredEmail] = await emailsFor(covered.id);
    expect(coveredEmail!.text).toContain(`The registration authority team for ${DENSHAM.name} (${DENSHAM.odsCode}) will look at your request`);
    expect(coveredEmail!.text).not.toContain("No registration authority uses this service");
  });

  it("the confirmation page reports routed false for it, true for a covered one", async () => {
    expect(await submittedRequest(unrouted.reference.toLowerCase())).toStrictEqual({
      reference: unrouted.reference,
      routed: false,
      nextSteps: [expect.stringContaining("No registration authority uses this service"), expect.stringMatching(/urgent/)],
    });
    expect(await submittedRequest(covered.reference)).toMatchObject({ reference: covered.reference, routed: true });
    expect(await submittedRequest("CSMS-00000000")).toBeNull();
  });

  it("is in the RA manager's unrouted queue and inbox, never in an RA agent's inbox", async () => {
    await signInAs(MANAGER);
    const queue = await loadInbox({ queue: "unrouted" });
    expect(queue.errors).toEqual({});
    expect(queue.rows.map((r) => r.request.id)).toEqual([unrouted.id]);
    expect(queue.unrouted).toBe(1);
    expect((await loadInbox({})).rows.map((r) => r.request.id)).toContain(unrouted.id);

    await signInAs(AGENT);
    const agentInbox = await loadInbox({});
    expect(agentInbox.rows.map((r) => r.request.id)).toContain(covered.id);
    expect(agentInbox.rows.map((r) => r.request.id)).not.toContain(unrouted.id);
    expect((await loadInbox({ queue: "unrouted" })).rows).toEqual([]);
  });

  it("an RA agent may not open it (403); the RA manager opens it and may change it", async () => {
    await signInAs(AGENT);
    expect(await failure(loadRequest(unrouted.id))).toMatchObject({ status: 403, code: "forbidden" });
    expect(await failure(changeRequest({ id: unrouted.id, version: 1, status: "in_progress" }))).toMatchObject({ status: 403 });

    await signInAs(MANAGER);
    const page = await loadRequest(unrouted.id);
    expect(page).toMatchObject({ unrouted: true, canChangeRequest: true });
    const afterEvent = await lastEventId();
    const row = await changeRequest({ id: unrouted.id, version: 1, status: "in_progress" });
    expect(row).toMatchObject({ status: "in_progress", version: 2 });
    expect((await changeEventsAfter(afterEvent)).map((e) => e.action)).toEqual(["request.updated"]);
    expect((await emailsFor(unrouted.id)).map((e) => e.kind)).toEqual(["request_received", "status_changed"]);
  });

  it("once the RA manager routes it to a covered organisation, RA agents can work it", async () => {
    await signInAs(MANAGER);
    await changeRequest({ id: unrouted.id, version: await requestVersion(unrouted.id), odsCode: QUEENS_PARK.odsCode });
    expect((await submittedRequest(unrouted.reference))!.routed).toBe(true);
    expect((await loadInbox({ queue: "unrouted" })).rows).toEqual([]);
    await signInAs(AGENT);
    expect((await loadRequest(unrouted.id)).unrouted).toBe(false);
  });
});

describe("the audit log after replies and routing", () => {
  it("the chain verifies and the change log replays to the requests as stored", async () => {
    const trail = await verifyAuditTrail();
    expect(trail.chain).toMatchObject({ ok: true, firstBadEventId: null });
    expect(trail.state).toMatchObject({ ok: true, checked: true, problem: null, disagreements: 0 });
  });
});

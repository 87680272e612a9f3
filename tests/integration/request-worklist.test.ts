// Finding and working requests: the inbox search, the "next request" an officer is offered, and a fix applied
// from the request page taking the request (while the JSON API keeps to one event per mutation).
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { DENSHAM, LANCING_PRACTICES, QUEENS_PARK, demoPeople } from "@/prisma/seed/demo";
import { changeRequest, loadRequest, submitRequestApi } from "@/lib/services/requests";
import { loadInbox } from "@/lib/services/request-inbox";
import { changePerson } from "@/lib/services/person-changes";
import { verifyAuditChain, verifyAuditTrail } from "@/lib/data/audit-verify";
import { signInAs, signOut } from "./support/session";
import { api, versionOf } from "./support/api";
import { requester, suggestedText, userId } from "./support/requests-api";
import { changeEventsAfter, emailsFor, lastEventId, parse } from "./support/outbox";

const AGENT = "agent@ra.example";
const ADVANCED = "advanced@ra.example";
const MANAGER = "manager@ra.example";
const SUSSEX = "agent-sussex@ra.example"; // acts only for the Lancing PCN practices
const BALL_TREE = LANCING_PRACTICES.ballTree.odsCode;
const HOUR = 60 * 60 * 1000;
const NOW = Date.now();

afterEach(() => signOut());

let ip = 0;
async function submit(odsCode: string, message: string, options: { from?: { name: string; email: string }; hoursAgo?: number } = {}) {
  signOut();
  ip += 1;
  const from = options.from ?? requester("worklist");
  const created = await submitRequestApi({ ...from, odsCode, message }, `192.0.2.${ip}`);
  if (options.hoursAgo !== undefined) {
    // AccessRequest has no append-only triggers: a test may backdate a request to set the queue's order.
    await db.$executeRaw`UPDATE "AccessRequest" SET "createdAt" = ${new Date(NOW - options.hoursAgo * HOUR)} WHERE "id" = ${created.id}`;
  }
  return { ...created, ...from };
}
const ids = (inbox: Awaited<ReturnType<typeof loadInbox>>) => inbox.rows.map((r) => r.request.id);

describe("the inbox search", () => {
  const olumide = { name: "Olumide Fashola-Grant", email: "ofg.csms@nhs.example" };
  let found: Awaited<ReturnType<typeof submit>>;
  let closed: Awaited<ReturnType<typeof submit>>;

  beforeAll(async () => {
    found = await submit(DENSHAM.odsCode, suggestedText("5555 0000 0012"), { from: olumide });
    closed = await submit(DENSHAM.odsCode, suggestedText("5555 0000 0026"));
    await signInAs(AGENT);
    await changeRequest({ id: closed.id, version: 1, status: "resolved", reply: "Done: log in again." });
  });

  it.each([
    ["its reference in lower case", () => found.reference.toLowerCase()],
    ["its reference as given", () => found.reference],
    ["the smartcard ID with spaces", () => "5555 0000 0012"],
    ["the smartcard ID with dashes", () => "5555-0000-0012"],
    ["part of the name", () => "fashola"],
    ["two parts of the name", () => "Olumide grant"],
    ["the email", () => olumide.email],
    ["part of the email", () => "ofg.csms@"],
  ])("finds the request by %s, and nothing else", async (_how, q) => {
    await signInAs(AGENT);
    const inbox = await loadInbox({ q: q() });
    expect(inbox.errors).toEqual({});
    expect(ids(inbox)).toEqual([found.id]);
  });

  it("finds a resolved request, which the open queue does not list", async () => {
    await signInAs(AGENT);
    expect(ids(await loadInbox({}))).not.toContain(closed.id);
    const inbox = await loadInbox({ q: closed.reference });
    expect(inbox.rows.map((r) => [r.request.id, r.request.status])).toEqual([[closed.id, "resolved"]]);
    expect(ids(await loadInbox({ q: "5555 0000 0026" }))).toEqual([closed.id]);
  });

  it("% and _ in the search are characters to find, not wildcards", async () => {
    const underscored = await submit(DENSHAM.odsCode, suggestedText("5555 0000 0010"), { from: { name: "Jo Smith", email: "jo_smith@nhs.example" } });
    await signInAs(AGENT);
    expect(ids(await loadInbox({ q: "jo_smith" }))).toEqual([underscored.id]);
    expect(ids(await loadInbox({ q: "_" }))).toEqual([underscored.id]);
    expect((await loadInbox({ q: "%" })).rows).toEqual([]);
  });

  it("stays within the officer's organisations", async () => {
    await signInAs(SUSSEX);
    expect((await loadInbox({ q: found.reference })).rows).toEqual([]);
  });

  it("a search of 101 characters is a field error, not a failure; the rest of the inbox still shows", async () => {
    await signInAs(AGENT);
    const inbox = await loadInbox({ q: "x".repeat(101) });
    expect(inbox.errors).toStrictEqual({ q: expect.stringMatching(/100 characters/) });
    expect(ids(inbox)).toEqual(ids(await loadInbox({})));
    expect(ids(inbox)).toContain(found.id);
    expect((await loadInbox({ q: "x".repeat(100) })).errors).toEqual({});
  });
});

describe("the next request", () => {
  const n = {} as Record<"othersOwn" | "unrouted" | "resolved" | "agentsOwn" | "ballTree" | "densham" | "ballTreeLater", string>;

  beforeAll(async () => {
    // The queue, oldest first (hours ago); every other request in this file is newer than all of these.
    n.othersOwn = (await submit(DENSHAM.odsCode, suggestedText("5555 0000 0003"), { hoursAgo: 10 })).id;
    n.unrouted = (await submit("A81004", suggestedText("5555 0000 0004"), { hoursAgo: 9 })).id;
    n.resolved = (await submit(DENSHAM.odsCode, suggestedText("5555 0000 0005"), { hoursAgo: 8 })).id;
    n.agentsOwn = (await submit(DENSHAM.odsCode, suggestedText("5555 0000 0006"), { hoursAgo: 7 })).id;
    n.ballTree = (await submit(BALL_TREE, suggestedText("5555 0000 0020"), { hoursAgo: 6 })).id;
    n.densham = (await submit(DENSHAM.odsCode, suggestedText("5555 0000 0008"), { hoursAgo: 5 })).id;
    n.ballTreeLater = (await submit(BALL_TREE, suggestedText("5555 0000 0038"), { hoursAgo: 1 })).id;
    await signInAs(AGENT);
    await changeRequest({ id: n.othersOwn, version: 1, assignedToId: await userId(ADVANCED), status: "in_progress" });
    await changeRequest({ id: n.resolved, version: 1, status: "resolved", reply: "Done." });
    await changeRequest({ id: n.agentsOwn, version: 1, assignedToId: await userId(AGENT), status: "in_progress" });
  });

  it("is the oldest open request that is nobody's or the officer's own, never someone else's or a closed one", async () => {
    await signInAs(AGENT);
    expect((await loadRequest(n.densham)).next).toStrictEqual({ id: n.agentsOwn, reference: expect.stringMatching(/^CSMS-/) });
    expect((await loadRequest(n.agentsOwn)).next?.id).toBe(n.ballTree);
  });

  it("is never a request outside the officer's organisations, however old", async () => {
    await signInAs(SUSSEX);
    expect((await loadRequest(n.ballTree)).next?.id).toBe(n.ballTreeLater);
    expect((await loadRequest(n.ballTreeLater)).next?.id).toBe(n.ballTree);
    // The agent's scope has no A81004: the RA manager's, who routes such requests, does.
    await signInAs(AGENT);
    expect((await loadRequest(n.othersOwn)).next?.id).toBe(n.agentsOwn);
    await signInAs(MANAGER);
    expect((await loadRequest(n.densham)).next?.id).toBe(n.unrouted);
  });
});

describe("applying a fix linked to a request", () => {
  it("from the console (takeRequest) the request becomes the officer's and in progress: one request.updated, one email", async () => {
    const priya = await submit(DENSHAM.odsCode, suggestedText("5555 0000 0002"), { from: { name: "Priya Shah", email: "priya.shah@nhs.example" } });
    await signInAs(ADVANCED);
    const afterEvent = await lastEventId();
    const outcome = await changePerson(
      "workgroup.add",
      { smartcardId: demoPeople.noWorkgroup, odsCode: DENSHAM.odsCode, reason: `Request ${priya.reference}`, requestId: priya.id, version: await versionOf(demoPeople.noWorkgroup) },
      { takeRequest: true },
    );
    expect(outcome.pendingChangeId).toBeUndefined();
    const events = await changeEventsAfter(afterEvent);
    expect(events.map((e) => [e.action, e.requestId])).toEqual([["workgroup.added", priya.id], ["request.updated", priya.id]]);
    expect({ before: parse(events[1]!.before), after: parse(events[1]!.after) }).toMatchObject({
      before: { status: "new", assignedTo: null },
      after: { status: "in_progress", assignedTo: ADVANCED },
    });
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: priya.id } })).toMatchObject({ status: "in_progress", assignedToId: await userId(ADVANCED), version: 2 });
    expect((await emailsFor(priya.id)).map((e) => e.kind)).toEqual(["request_received", "status_changed"]);
  });

  it("through the JSON API (no takeRequest) only the grant's event is written; the request is left as it is", async () => {
    const daniel = await submit(QUEENS_PARK.odsCode, suggestedText("5555 0000 0017"), { from: { name: "Daniel Kowalski", email: "daniel.kowalski@nhs.example" } });
    await signInAs(ADVANCED);
    const afterEvent = await lastEventId();
    const version = await versionOf(demoPeople.noWorkgroupClerical);
    const { status } = await api.addWorkgroup(demoPeople.noWorkgroupClerical, { odsCode: QUEENS_PARK.odsCode, reason: "From request", requestId: daniel.id, version });
    expect(status).toBe(200);
    expect((await changeEventsAfter(afterEvent)).map((e) => [e.action, e.requestId])).toEqual([["workgroup.added", daniel.id]]);
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: daniel.id } })).toMatchObject({ status: "new", assignedToId: null, version: 1 });
    expect((await emailsFor(daniel.id)).map((e) => e.kind)).toEqual(["request_received"]);
  });
});

describe("the audit log after all of this", () => {
  it("the chain verifies and the change log replays to the grants, versions and requests as stored", async () => {
    expect(await verifyAuditChain(null)).toStrictEqual({ ok: true, checked: await db.auditEvent.count(), firstBadEventId: null, problem: null });
    const trail = await verifyAuditTrail();
    expect(trail.state).toMatchObject({ ok: true, checked: true, problem: null, disagreements: 0 });
  });
});

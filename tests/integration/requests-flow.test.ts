// An access help request from submission to reply: public POST, RA diagnosis, the one-click fix linked to
// the request in the audit log, audited status changes, and the requester's own status lookup.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { DENSHAM, demoPeople } from "@/prisma/seed/demo";
import { changeRequest, requestStatusForRequester } from "@/lib/services/requests";
import { signInAs, signOut } from "./support/session";
import { activeGrants, api, errorBody, versionOf, writeSnapshot } from "./support/api";
import { failure, getRequest, postRequest, requester, requestVersion, suggestedText, userId } from "./support/requests-api";

const A81001 = DENSHAM.odsCode;
const PRIYA = demoPeople.noWorkgroup; // R8001 at A81001, no workgroup
const AGENT = "agent@ra.example";
// The suggested fix is a workgroup: only an advanced RA agent (or RA manager) applies it.
const ADVANCED = "advanced@ra.example";

afterEach(() => signOut());

// The request every test in this file works on, created through the public API as the requester would:
// the requester's name and email match Priya's profile, so no identity confirmation is needed.
const jane = { name: "Priya Shah", email: "priya.shah@nhs.example" };
let id: string;
let reference: string;

beforeAll(async () => {
  signOut();
  const eventsBefore = await db.auditEvent.count();
  const { status, body } = await postRequest({ ...jane, odsCode: A81001, message: suggestedText("5555 0000 0002") }, "198.51.100.1");
  expect(status).toBe(201);
  id = body.id;
  reference = body.reference;
  expect(await db.auditEvent.count()).toBe(eventsBefore + 1);
});

describe("POST /api/v1/requests (no session)", () => {
  it("answers 201 with exactly { id, status: new, reference } and writes one request.created event", async () => {
    signOut();
    const before = await db.auditEvent.count();
    const { status, body, contentType } = await postRequest(
      { ...requester("flow"), odsCode: "a81001", message: suggestedText("5555 0000 0002") },
      "198.51.100.2",
    );
    expect(status).toBe(201);
    expect(contentType).toMatch(/^application\/json/);
    expect(body).toStrictEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: "new", reference: expect.stringMatching(/^CSMS-[0-9A-Z]{8}$/) });
    expect(body.reference).not.toMatch(/^CSMS-.*[ILOU]/);
    const events = await db.auditEvent.findMany({ where: { id: { gt: before } } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "request.created", requestId: body.id, smartcardId: PRIYA, odsCode: A81001, actorId: null });
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ status: "new", category: "permissions", source: "form", reference: body.reference });
    const row = await db.accessRequest.findUniqueOrThrow({ where: { id: body.id } });
    expect(row).toMatchObject({ source: "form", odsCode: A81001, smartcardId: PRIYA, status: "new", category: "permissions", version: 1 });
  });
});

describe("the request, diagnosed and fixed", () => {
  it("GET as the agent reads the ID from the text and suggests adding the workgroup at A81001", async () => {
    await signInAs(AGENT);
    const { status, body } = await getRequest(id);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id, reference, status: "new", source: "form", odsCode: A81001, email: jane.email, category: "permissions" });
    expect(body.parsedSmartcardIds).toStrictEqual(["555500000002"]);
    expect(body.diagnosis).toMatchObject({ summary: "no workgroup at A81001", profileSays: "no_workgroup", disagreements: [], route: null });
    expect(body.suggestedActions).toStrictEqual([{ kind: "add_workgroup", odsCode: A81001 }]);
    expect(body.identity).toStrictEqual({ state: "match", fields: [] });
    expect(body.identityConfirmation).toBeNull();
    expect(body.oneClickFixes).toBe(true);
    expect(body.verdict).toMatchObject({ canLogIn: false, error: "no_workgroup" });
  });

  it("a requestId that does not exist is 400 naming requestId, and writes nothing", async () => {
    await signInAs(ADVANCED);
    const before = await writeSnapshot();
    const { status, body } = await api.addWorkgroup(PRIYA, { odsCode: A81001, reason: "From request", requestId: "CSMS-NOSUCH00", version: await versionOf(PRIYA) });
    expect(status).toBe(400);
    expect(body).toStrictEqual(errorBody("bad_input", { requestId: expect.stringMatching(/\S/) }));
    expect(await writeSnapshot()).toEqual(before);
  });

  it("applying the suggested action with the requestId fixes the profile and writes one event carrying the request id", async () => {
    await signInAs(ADVANCED);
    const version = await versionOf(PRIYA);
    const before = await db.auditEvent.count();
    const { status, body } = await api.addWorkgroup(PRIYA, { odsCode: A81001, reason: `Request ${reference}`, requestId: id, version });
    expect(status).toBe(200);
    expect(body.verdict).toMatchObject({ canLogIn: true, error: null, selectable: [{ odsCode: A81001, roleCode: "R8001" }] });
    const events = await db.auditEvent.findMany({ where: { id: { gt: before } } });
    expect(events).toHaveLength(1);
    // The requester matched the profile: no safeguard had to be passed, so none is recorded.
    expect(events[0]).toMatchObject({ action: "workgroup.added", smartcardId: PRIYA, odsCode: A81001, requestId: id, actorEmail: ADVANCED, safeguards: null });
    expect(await activeGrants(PRIYA, A81001)).toEqual({ roles: ["R8001"], workgroups: 1 });
    const membership = await db.workgroupMembership.findFirstOrThrow({ where: { endedAt: null, position: { person: { smartcardId: PRIYA } } } });
    expect(membership.requestId).toBe(id);

    const after = await getRequest(id);
    expect(after.status).toBe(200);
    expect(after.body.diagnosis.profileSays).toBe("can_log_in");
    expect(after.body.suggestedActions).toStrictEqual([]);
  });

  it("applying it again is 409 already_exists and never a second grant", async () => {
    await signInAs(ADVANCED);
    const before = await writeSnapshot();
    const { status, body } = await api.addWorkgroup(PRIYA, { odsCode: A81001, reason: "Clicked again", requestId: id, version: await versionOf(PRIYA) });
    expect(status).toBe(409);
    expect(body).toStrictEqual(errorBody("already_exists"));
    // Acknowledging the IG guard's warning does not turn it into a change for someone to approve: it is held already.
    const acknowledged = await api.addWorkgroup(PRIYA, {
      odsCode: A81001, reason: "Clicked again", requestId: id, version: await versionOf(PRIYA), acknowledgeWarning: true, justification: "Clicked the fix a second time",
    });
    expect(acknowledged.status).toBe(409);
    expect(acknowledged.body).toStrictEqual(errorBody("already_exists"));
    expect(await writeSnapshot()).toEqual(before);
    expect(await activeGrants(PRIYA, A81001)).toEqual({ roles: ["R8001"], workgroups: 1 });
  });

  it("a double click on the request page (two applies from one version) grants once", async () => {
    // A change links only to a request about the same person: Daniel's own request, from Daniel.
    const who = demoPeople.noWorkgroupClerical; // R8010 at A81002, no workgroup
    signOut();
    const daniel = { name: "Daniel Kowalski", email: "daniel.kowalski@nhs.example" };
    const created = await postRequest({ ...daniel, odsCode: "A81002", message: suggestedText("5555 0000 0017") }, "198.51.100.4");
    expect(created.status).toBe(201);
    await signInAs(ADVANCED);
    const version = await versionOf(who);
    const results = await Promise.all(
      [1, 2].map(() => api.addWorkgroup(who, { odsCode: "A81002", reason: "From request", requestId: created.body.id, version })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await activeGrants(who, "A81002")).toEqual({ roles: ["R8010"], workgroups: 1 });
    expect(await db.auditEvent.count({ where: { action: "workgroup.added", smartcardId: who } })).toBe(1);
  });
});

describe("status changes", () => {
  const lastEvent = () => db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
  const parsed = (event: { before: string | null; after: string | null }) => ({ before: JSON.parse(event.before!), after: JSON.parse(event.after!) });

  it("assign to me, in progress, waiting, then resolved with a reply: each one audited with before and after", async () => {
    await signInAs(AGENT);
    const agentId = await userId(AGENT);
    const steps: { change: Record<string, unknown>; before: object; after: object }[] = [
      { change: { assignedToId: agentId }, before: { status: "new", assignedTo: null, smartcardId: PRIYA, odsCode: A81001 }, after: { status: "new", assignedTo: AGENT, smartcardId: PRIYA, odsCode: A81001 } },
      { change: { status: "in_progress" }, before: { status: "new", assignedTo: AGENT, smartcardId: PRIYA, odsCode: A81001 }, after: { status: "in_progress", assignedTo: AGENT, smartcardId: PRIYA, odsCode: A81001 } },
      { change: { status: "waiting" }, before: { status: "in_progress", assignedTo: AGENT, smartcardId: PRIYA, odsCode: A81001 }, after: { status: "waiting", assignedTo: AGENT, smartcardId: PRIYA, odsCode: A81001 } },
    ];
    for (const step of steps) {
      const before = await db.auditEvent.count();
      const row = await changeRequest({ id, version: await requestVersion(id), ...step.change });
      expect(row).toMatchObject({ status: (step.after as { status: string }).status, assignedToId: agentId });
      expect(await db.auditEvent.count()).toBe(before + 1);
      const event = await lastEvent();
      expect(event).toMatchObject({ action: "request.updated", requestId: id, actorEmail: AGENT, smartcardId: PRIYA, odsCode: A81001 });
      expect(parsed(event)).toStrictEqual({ before: step.before, after: step.after });
    }
  });

  it("assigning someone who does not act for A81001 (or the auditor) is 400 naming assignedToId", async () => {
    await signInAs(AGENT);
    const version = await requestVersion(id);
    for (const email of ["agent-sussex@ra.example", "auditor@ra.example"]) {
      expect(await failure(changeRequest({ id, version, assignedToId: await userId(email) }))).toMatchObject({
        status: 400,
        fields: { assignedToId: expect.stringMatching(/\S/) },
      });
    }
    expect(await requestVersion(id)).toBe(version);
  });

  it("a stale request version is 409 version_conflict and changes nothing", async () => {
    await signInAs(AGENT);
    const version = await requestVersion(id);
    const before = await db.auditEvent.count();
    const problem = await failure(changeRequest({ id, version: version - 1, status: "in_progress" }));
    expect(problem).toMatchObject({ status: 409, code: "version_conflict" });
    expect(await requestVersion(id)).toBe(version);
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("rejected without a rejectionReason and resolved without a reply are 400 naming the field", async () => {
    await signInAs(AGENT);
    const version = await requestVersion(id);
    expect(await failure(changeRequest({ id, version, status: "rejected" }))).toMatchObject({
      status: 400,
      code: "bad_input",
      fields: { rejectionReason: expect.stringMatching(/\S/) },
    });
    expect(await failure(changeRequest({ id, version, status: "resolved" }))).toMatchObject({ status: 400, fields: { reply: expect.stringMatching(/\S/) } });
    expect(await requestVersion(id)).toBe(version);
  });

  it("resolving records closedAt, closedById and the reply", async () => {
    await signInAs(AGENT);
    const reply = "Dear Priya, we have added the cervicalscreening workgroup at A81001. Log out fully and log in again.";
    const startedAt = Date.now();
    const row = await changeRequest({ id, version: await requestVersion(id), status: "resolved", reply });
    expect(row).toMatchObject({ status: "resolved", reply, closedById: await userId(AGENT) });
    expect(row.closedAt!.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    const event = await lastEvent();
    expect(event).toMatchObject({ action: "request.updated", requestId: id, reason: `Reply: ${reply}` });
    expect(parsed(event)).toStrictEqual({ before: { status: "waiting", assignedTo: AGENT, smartcardId: PRIYA, odsCode: A81001 }, after: { status: "resolved", assignedTo: AGENT, smartcardId: PRIYA, odsCode: A81001 } });
  });

  it("rejecting another request with a reason is audited with the reason and closes it", async () => {
    signOut();
    const created = await postRequest({ ...requester("reject"), message: "Please help, CSMS is not working for me" }, "198.51.100.3");
    expect(created.status).toBe(201);
    await signInAs(AGENT);
    const row = await changeRequest({ id: created.body.id, version: 1, status: "rejected", rejectionReason: "Duplicate of an earlier request" });
    expect(row).toMatchObject({ status: "rejected", rejectionReason: "Duplicate of an earlier request", closedById: await userId(AGENT) });
    expect(row.closedAt).toBeInstanceOf(Date);
    const event = await lastEvent();
    expect(event).toMatchObject({ action: "request.updated", requestId: created.body.id, reason: "Duplicate of an earlier request" });
    expect(parsed(event)).toStrictEqual({ before: { status: "new", assignedTo: null, smartcardId: null, odsCode: null }, after: { status: "rejected", assignedTo: null, smartcardId: null, odsCode: null } });
  });
});

describe("the requester's status lookup", () => {
  it("with the reference and email answers status resolved and the reply", async () => {
    signOut();
    const status = await requestStatusForRequester({ reference: reference.toLowerCase(), email: jane.email.toUpperCase() }, "198.51.100.9");
    expect(status).toStrictEqual({
      reference,
      status: "resolved",
      createdAt: expect.any(Date),
      closedAt: expect.any(Date),
      reply: expect.stringContaining("cervicalscreening workgroup at A81001"),
      // Closed: the requester can read the conversation but no longer reply to it.
      conversation: [],
      canReply: false,
      nextSteps: [],
    });
  });

  it("a wrong email is 404 and gives nothing away (same answer as an unknown reference)", async () => {
    signOut();
    const wrongEmail = await failure(requestStatusForRequester({ reference, email: "someone.else@nhs.example" }, "198.51.100.9"));
    const unknown = await failure(requestStatusForRequester({ reference: "CSMS-00000000", email: jane.email }, "198.51.100.9"));
    expect(wrongEmail).toStrictEqual({ status: 404, code: "not_found", message: expect.stringMatching(/\S/), fields: undefined });
    expect(wrongEmail).toStrictEqual(unknown);
    expect(JSON.stringify(wrongEmail)).not.toMatch(/resolved|Priya|A81001|workgroup/i);
  });

  it("guessing is rate-limited: after 30 tries from one address even the right pair is 429", async () => {
    signOut();
    const ip = "198.51.100.77";
    for (let i = 0; i < 30; i++) {
      expect(await failure(requestStatusForRequester({ reference, email: `guess${i}@nhs.example` }, ip))).toMatchObject({ status: 404 });
    }
    expect(await failure(requestStatusForRequester({ reference, email: jane.email }, ip))).toMatchObject({ status: 429, code: "rate_limited" });
    expect((await requestStatusForRequester({ reference, email: jane.email }, "198.51.100.78")).status).toBe("resolved");
  });
});

// Safe grants (issue 7): check who is asking, grant only what CSMS needs, and give workgroups to the right RA
// roles. Through the real route handlers, Server Actions and services, on a real SQLite copy of the demo data.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { actorForSession } from "@/lib/data/console-users";
import { findPersonProfile } from "@/lib/data/people";
import { decide, type ConsoleActor } from "@/lib/auth/rules";
import { planFix } from "@/lib/domain/fix";
import { askForChange, decideChange } from "@/lib/services/approvals";
import { changeRequest, confirmIdentity, loadRequest } from "@/lib/services/requests";
import { changePersonAction } from "@/app/people/[smartcardId]/actions";
import { DENSHAM, LANCING_PRACTICES, QUEENS_PARK, TRUST, demoPeople } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";
import { activeGrants, api, errorBody, versionOf, writeSnapshot } from "./support/api";
import { failure, getRequest, postRequest, requestVersion, suggestedText } from "./support/requests-api";

const A81001 = DENSHAM.odsCode;
const A81002 = QUEENS_PARK.odsCode;
const RYR = TRUST.odsCode;
const BALL_TREE = LANCING_PRACTICES.ballTree.odsCode;
const NEW_POND_ROW = LANCING_PRACTICES.newPondRow.odsCode;

const AGENT = "agent@ra.example";
const ADVANCED = "advanced@ra.example";
const MANAGER = "manager@ra.example";
const AUDITOR = "auditor@ra.example";
const SUSSEX = "agent-sussex@ra.example";

afterEach(() => signOut());

let ipCounter = 0;
/** A request through the public form, as its sender would make it (signed out, each from its own address). */
async function publicRequest(body: { name: string; email: string; odsCode?: string; message: string }): Promise<string> {
  signOut();
  ipCounter += 1;
  const { status, body: created } = await postRequest(body, `198.18.7.${ipCounter}`);
  expect(status).toBe(201);
  return created.id;
}

/** The profile's owner writing in: name and email as on the demo profile. */
const owner = (name: string) => ({ name, email: `${name.toLowerCase().replace(/[^a-z ]/g, "").trim().replace(/\s+/g, ".")}@nhs.example` });

/** Change events written after `afterId` (a refused request's security.access_denied is not a change). */
const changeEventsAfter = (afterId: number) =>
  db.auditEvent.findMany({ where: { id: { gt: afterId }, NOT: { action: { startsWith: "security." } } }, orderBy: { id: "asc" } });
const lastEventId = async () => (await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;

async function actorFor(email: string): Promise<ConsoleActor> {
  const actor = await actorForSession(await signInAs(email));
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

describe("a request whose requester is not the profile's owner", () => {
  // The journey: "Priya Test" names Imran Hussain's smartcard ID; Imran's profile has another name and email.
  const IMRAN = demoPeople.noWorkgroupTwoOrgs; // R8003 at A81001 and A81002, no workgroups
  const priyaTest = { name: "Priya Test", email: "requester-desktop@nhs.example" };
  const note = "Confirmed by phone with Dr Bennett, practice manager at A81001";
  let id: string;

  beforeAll(async () => {
    expect(IMRAN).toBe("555500000019");
    id = await publicRequest({ ...priyaTest, odsCode: A81001, message: suggestedText("5555 0000 0019") });
  });

  it("GET /api/v1/requests/{id} shows the mismatch, which fields differ, and offers no one-click fix", async () => {
    await signInAs(AGENT);
    const { status, body } = await getRequest(id);
    expect(status).toBe(200);
    expect(body.identity).toStrictEqual({ state: "mismatch", fields: ["email", "name"] });
    expect(body.identityConfirmation).toBeNull();
    expect(body.oneClickFixes).toBe(false);
    expect(body.diagnosis.summary).toBe("identity not confirmed (email and name differ); no workgroup at A81001");
    expect(body.diagnosis.identity).toMatch(/email address and name differ from the profile/);
    // The plan is still shown to the officer, but only as a plan.
    expect(body.suggestedActions).toStrictEqual([{ kind: "add_workgroup", odsCode: A81001 }]);
  });

  it("the request page offers no change on the profile, and the draft reply names no one", async () => {
    const page = await loadRequest(id, await actorFor(ADVANCED));
    expect(page.diagnosis.oneClick).toBe(false);
    expect(page.rights).toStrictEqual({ roles: [], workgroups: [], ask: [], orgWorkgroups: [] });
    expect(page.reply).toMatch(/could not match the details in your request/);
    expect(page.reply).not.toMatch(/Imran|Hussain|imran\.hussain/i);
    expect(page.reply).not.toMatch(/We have made these changes/);
  });

  it("a change linked to it is 409 identity_unconfirmed (API, Server Action and ask alike) and writes nothing", async () => {
    const before = await writeSnapshot();

    await signInAs(ADVANCED);
    const viaApi = await api.addWorkgroup(IMRAN, { odsCode: A81001, reason: "From the request", requestId: id, version: await versionOf(IMRAN) });
    expect(viaApi.status).toBe(409);
    expect(viaApi.body).toStrictEqual(errorBody("identity_unconfirmed", { requestId: expect.stringMatching(/confirmed their identity/) }));
    expect(viaApi.body.error.message).toMatch(/email and name differ/);

    await signInAs(AGENT);
    const viaAction = await changePersonAction("role.add", { smartcardId: IMRAN, odsCode: A81002, roleCode: "R8001", reason: "From the request", requestId: id, version: await versionOf(IMRAN) });
    expect(viaAction).toMatchObject({ ok: false, status: 409, code: "identity_unconfirmed" });
    expect(await failure(askForChange({ kind: "workgroup.add", smartcardId: IMRAN, odsCode: A81001, reason: "From the request", requestId: id }))).toMatchObject({
      status: 409,
      code: "identity_unconfirmed",
    });

    expect(await writeSnapshot()).toEqual(before);
  });

  it("a confirmation with bad input is 400 naming the field, stale is 409, an auditor's is 403; nothing written", async () => {
    const before = await writeSnapshot();
    const version = await requestVersion(id);
    await signInAs(AGENT);
    const bad: [Record<string, unknown>, string][] = [
      [{ method: "carrier_pigeon", note }, "method"],
      [{ note }, "method"],
      [{ method: "in_person_photo_id", note: "ok" }, "note"],
      [{ method: "in_person_photo_id", note: "n".repeat(501) }, "note"],
      [{ method: "in_person_photo_id" }, "note"],
    ];
    for (const [patch, field] of bad) {
      const problem = await failure(confirmIdentity({ id, version, ...patch }));
      expect({ patch, status: problem.status, code: problem.code }).toEqual({ patch, status: 400, code: "bad_input" });
      expect(problem.fields).toStrictEqual({ [field]: expect.stringMatching(/\S/) });
    }
    expect(await failure(confirmIdentity({ id, version: version + 1, method: "in_person_photo_id", note }))).toMatchObject({ status: 409, code: "version_conflict" });
    await signInAs(AUDITOR);
    expect(await failure(confirmIdentity({ id, version, method: "in_person_photo_id", note }))).toMatchObject({ status: 403, code: "forbidden" });
    await signInAs(SUSSEX); // acts only for the Lancing practices; the request is for A81001
    expect(await failure(confirmIdentity({ id, version, method: "in_person_photo_id", note }))).toMatchObject({ status: 403, code: "forbidden" });
    expect(await writeSnapshot()).toEqual(before);
  });

  it("the officer records how identity was confirmed: kept on the request, audited, and the fixes become one click", async () => {
    await signInAs(AGENT);
    const after = await lastEventId();
    const version = await requestVersion(id);
    await confirmIdentity({ id, version, method: "sponsor_or_line_manager", note });

    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "request.identity_confirmed", requestId: id, actorEmail: AGENT, reason: note });
    expect(await requestVersion(id)).toBe(version + 1);

    const { body } = await getRequest(id);
    expect(body.identity).toStrictEqual({ state: "mismatch", fields: ["email", "name"] }); // still different: now confirmed
    expect(body.identityConfirmation).toStrictEqual({ method: "sponsor_or_line_manager", note, confirmedBy: AGENT, at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(body.oneClickFixes).toBe(true);
    expect(body.diagnosis.summary).toBe("no workgroup at A81001");
  });

  it("then the linked change waits for a second person, and the event it is made with carries the identity confirmation", async () => {
    // Identity rests on one officer's confirmation (issue 8): the change is proposed, not made.
    await signInAs(ADVANCED);
    const before = await writeSnapshot();
    const after = await lastEventId();
    const proposed = await api.addWorkgroup(IMRAN, { odsCode: A81001, reason: "From the request", requestId: id, version: await versionOf(IMRAN) });
    expect(proposed.status).toBe(202);
    expect(proposed.body).toStrictEqual({ pendingChangeId: expect.stringMatching(/^[0-9a-f-]{36}$/), message: expect.stringMatching(/^Proposed/) });
    const pendingChangeId: string = proposed.body.pendingChangeId;
    expect(await activeGrants(IMRAN, A81001)).toEqual({ roles: ["R8003"], workgroups: 0 });
    // Nothing on the profile changes until then: no grant, the same version.
    const now = await writeSnapshot();
    expect({ roles: now.roles, workgroups: now.workgroups, people: now.people }).toEqual({ roles: before.roles, workgroups: before.workgroups, people: before.people });
    const [proposal, ...others] = await changeEventsAfter(after);
    expect(others).toHaveLength(0);
    expect(proposal).toMatchObject({ action: "change.proposed", smartcardId: IMRAN, odsCode: A81001, requestId: id, actorEmail: ADVANCED });
    expect(JSON.parse(proposal!.safeguards!)).toStrictEqual({ identity: { method: "Confirmed with their sponsor or line manager", note, confirmedBy: AGENT } });
    expect(await db.pendingChange.findUniqueOrThrow({ where: { id: pendingChangeId } })).toMatchObject({ status: "pending", requestId: id, kind: "workgroup.add" });

    // A second person approves: one workgroup.added event, with the confirmation and who proposed and approved it.
    await signInAs(MANAGER);
    const approvedAfter = await lastEventId();
    expect(await decideChange({ id: pendingChangeId, decision: "approve" })).toMatchObject({ message: expect.stringMatching(/^Approved/) });
    const events = await changeEventsAfter(approvedAfter);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "workgroup.added", smartcardId: IMRAN, odsCode: A81001, requestId: id, actorEmail: MANAGER });
    expect(JSON.parse(events[0]!.safeguards!)).toStrictEqual({
      identity: { method: "Confirmed with their sponsor or line manager", note, confirmedBy: AGENT },
      approval: { pendingChangeId, proposedBy: ADVANCED, approvedBy: MANAGER, why: ["identity_confirmed_alone"] },
    });
    expect(await activeGrants(IMRAN, A81001)).toEqual({ roles: ["R8003"], workgroups: 1 });

    // Every change made for this request carries it: a job role proposed by the RA agent too.
    await signInAs(AGENT);
    const role = await api.addRole(IMRAN, { odsCode: A81002, roleCode: "R8001", reason: "From the request", requestId: id, version: await versionOf(IMRAN) });
    expect(role.status).toBe(202);
    await signInAs(ADVANCED);
    const next = await lastEventId();
    await decideChange({ id: role.body.pendingChangeId, decision: "approve" });
    const [roleEvent] = await changeEventsAfter(next);
    expect(roleEvent).toMatchObject({ action: "role.added", roleCode: "R8001", requestId: id, actorEmail: ADVANCED });
    expect(JSON.parse(roleEvent!.safeguards!)).toMatchObject({
      identity: { method: "Confirmed with their sponsor or line manager", note },
      approval: { proposedBy: AGENT, approvedBy: ADVANCED, why: ["identity_confirmed_alone"] },
    });

    const page = await loadRequest(id, await actorFor(AGENT));
    expect(page.reply).toMatch(/We have made these changes to your Care Identity profile/);
  });
});

describe("a change may name only a request about the same person, within the officer's organisations", () => {
  const PRIYA = demoPeople.noWorkgroup; // R8001 at A81001, no workgroup
  const HANNAH = demoPeople.canLogIn;
  let aboutHannah: string;

  beforeAll(async () => {
    aboutHannah = await publicRequest({ ...owner("Hannah Clarke"), odsCode: A81001, message: suggestedText("5555 0000 0003") });
  });

  it("a request about someone else is 400 naming requestId through the API and the Server Action, and nothing is written", async () => {
    const before = await writeSnapshot();
    await signInAs(ADVANCED);
    const viaApi = await api.addWorkgroup(PRIYA, { odsCode: A81001, reason: "Wrong request", requestId: aboutHannah, version: await versionOf(PRIYA) });
    expect(viaApi.status).toBe(400);
    expect(viaApi.body).toStrictEqual(errorBody("bad_input", { requestId: expect.stringMatching(/about smartcard ID 5555 0000 0003, not 5555 0000 0002/) }));

    await signInAs(AGENT);
    const viaAction = await changePersonAction("role.add", { smartcardId: PRIYA, odsCode: A81001, roleCode: "R0620", reason: "Wrong request", requestId: aboutHannah, version: await versionOf(PRIYA) });
    expect(viaAction).toMatchObject({ ok: false, status: 400, code: "bad_input", fields: { requestId: expect.stringMatching(/5555 0000 0003/) } });
    expect(await failure(askForChange({ kind: "workgroup.add", smartcardId: PRIYA, odsCode: A81001, reason: "Wrong request", requestId: aboutHannah }))).toMatchObject({
      status: 400,
      fields: { requestId: expect.stringMatching(/5555 0000 0003/) },
    });
    expect(await writeSnapshot()).toEqual(before);

    // Hannah's draft reply does not claim changes that were made to someone else's profile.
    const page = await loadRequest(aboutHannah, await actorFor(AGENT));
    expect(page.reply).not.toMatch(/We have made these changes/);
    expect(await db.auditEvent.count({ where: { requestId: aboutHannah, NOT: { action: { startsWith: "request." } } } })).toBe(0);
    expect(await activeGrants(HANNAH, A81001)).toEqual({ roles: ["R8001"], workgroups: 1 });
  });

  it("a request without a smartcard ID links once the ID is attached, and the attachment is audited", async () => {
    const id = await publicRequest({ ...owner("Priya Shah"), odsCode: A81001, message: "Please can I be added to the screening workgroup? CSMS says no workgroup." });
    await signInAs(ADVANCED);
    const before = await writeSnapshot();
    const unlinked = await api.addWorkgroup(PRIYA, { odsCode: A81001, reason: "From the request", requestId: id, version: await versionOf(PRIYA) });
    expect(unlinked.status).toBe(400);
    expect(unlinked.body).toStrictEqual(errorBody("bad_input", { requestId: expect.stringMatching(/gives no smartcard ID/) }));
    expect(await writeSnapshot()).toEqual(before);

    await signInAs(AGENT);
    const after = await lastEventId();
    await changeRequest({ id, version: await requestVersion(id), smartcardId: "5555-0000-0002" });
    const [attached] = await changeEventsAfter(after);
    expect(attached).toMatchObject({ action: "request.updated", requestId: id, smartcardId: PRIYA });
    expect({ before: JSON.parse(attached!.before!), after: JSON.parse(attached!.after!) }).toStrictEqual({
      before: { status: "new", assignedTo: null, smartcardId: null, odsCode: A81001 },
      after: { status: "new", assignedTo: null, smartcardId: PRIYA, odsCode: A81001 },
    });
    // A request is about one person: a second, different ID is refused.
    expect(await failure(changeRequest({ id, version: await requestVersion(id), smartcardId: "5555 0000 0003" }))).toMatchObject({
      status: 400,
      fields: { smartcardId: expect.stringMatching(/already has a smartcard ID/) },
    });

    await signInAs(ADVANCED);
    const linked = await api.addWorkgroup(PRIYA, { odsCode: A81001, reason: "From the request", requestId: id, version: await versionOf(PRIYA) });
    expect(linked.status).toBe(200);
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "workgroup.added", smartcardId: PRIYA } })).toMatchObject({ requestId: id, safeguards: null });
  });

  it("a change for a smartcard ID with no profile is 404, linked to a request about that ID or not", async () => {
    const id = await publicRequest({ name: "Nobody Known", email: "nobody.known@nhs.example", odsCode: A81001, message: suggestedText("5555 9999 9999") });
    await signInAs(ADVANCED);
    const before = await writeSnapshot();
    for (const link of [{ requestId: id }, {}]) {
      const { status, body } = await api.addWorkgroup("5555 9999 9999", { odsCode: A81001, reason: "From the request", version: 1, ...link });
      expect({ link, status }).toEqual({ link, status: 404 });
      expect(body).toStrictEqual(errorBody("not_found"));
    }
    expect(await writeSnapshot()).toEqual(before);
  });

  it("a request outside the officer's organisations is 400 naming requestId, and nothing is written", async () => {
    const LUCY = demoPeople.noWorkgroupPcnPractice; // R8001 at Ball Tree (H82065), no workgroup
    // Lucy's own request, but sent for A81001: agent-sussex acts only for the Lancing practices.
    const atA81001 = await publicRequest({ ...owner("Lucy Barnes"), odsCode: A81001, message: suggestedText("5555 0000 0020") });
    const atBallTree = await publicRequest({ ...owner("Lucy Barnes"), odsCode: BALL_TREE, message: suggestedText("5555 0000 0020") });

    await signInAs(SUSSEX);
    const before = await writeSnapshot();
    const change = async (requestId: string) =>
      api.addRole(LUCY, { odsCode: BALL_TREE, roleCode: "R0620", reason: "From the request", requestId, version: await versionOf(LUCY) });
    const refused = await change(atA81001);
    expect(refused.status).toBe(400);
    expect(refused.body).toStrictEqual(errorBody("bad_input", { requestId: expect.stringMatching(/A81001, which you do not act for/) }));
    expect(await writeSnapshot()).toEqual(before);

    // Control: the same change linked to her request for Ball Tree goes through.
    const after = await lastEventId();
    expect((await change(atBallTree)).status).toBe(200);
    expect(await changeEventsAfter(after)).toMatchObject([{ action: "role.added", smartcardId: LUCY, requestId: atBallTree, actorEmail: SUSSEX }]);
  });
});

describe("workgroups are for RA managers and advanced RA agents", () => {
  const MOHAMMED = demoPeople.trustNoWorkgroup; // R8003 at RYR, no workgroup
  const HANNAH = demoPeople.canLogIn; // R8001 + workgroup at A81001

  it("decide() refuses an RA agent workgroup changes, allows job roles, and lets them ask instead", async () => {
    const agent = await actorFor(AGENT);
    const workgroup = decide(agent, { kind: "person:change", smartcardId: MOHAMMED, odsCode: RYR, subject: "workgroup" });
    expect(workgroup).toStrictEqual({ allowed: false, reason: expect.stringMatching(/advanced RA agent or RA manager/) });
    expect(decide(agent, { kind: "person:change", smartcardId: MOHAMMED, odsCode: RYR, subject: "role" })).toStrictEqual({ allowed: true });
    expect(decide(agent, { kind: "change:ask", smartcardId: MOHAMMED, odsCode: RYR })).toStrictEqual({ allowed: true });
    expect(decide(agent, { kind: "change:queue" }).allowed).toBe(false);

    for (const email of [ADVANCED, MANAGER]) {
      const actor = await actorFor(email);
      expect({ email, decision: decide(actor, { kind: "person:change", smartcardId: MOHAMMED, odsCode: RYR, subject: "workgroup" }) }).toStrictEqual({ email, decision: { allowed: true } });
      expect(decide(actor, { kind: "change:ask", smartcardId: MOHAMMED, odsCode: RYR }).allowed).toBe(false); // they make it themselves
      expect(decide(actor, { kind: "change:queue" })).toStrictEqual({ allowed: true });
    }
    const auditor = await actorFor(AUDITOR);
    expect(decide(auditor, { kind: "person:change", smartcardId: MOHAMMED, odsCode: RYR, subject: "workgroup" }).allowed).toBe(false);
  });

  it("an RA agent's workgroup add and remove are 403 on the API and the Server Action, and nothing is written", async () => {
    await signInAs(AGENT);
    const before = await writeSnapshot();
    const deniedBefore = await db.auditEvent.count({ where: { action: "security.access_denied", actorEmail: AGENT } });

    const add = await api.addWorkgroup(MOHAMMED, { odsCode: RYR, reason: "Needs CSMS", version: await versionOf(MOHAMMED) });
    expect(add.status).toBe(403);
    expect(add.body).toStrictEqual(errorBody("forbidden"));
    expect(add.body.error.message).toMatch(/advanced RA agent or RA manager/);
    const remove = await api.removeWorkgroup(HANNAH, A81001, { reason: "Left", version: await versionOf(HANNAH) });
    expect(remove.status).toBe(403);
    expect(await changePersonAction("workgroup.add", { smartcardId: MOHAMMED, odsCode: RYR, reason: "Needs CSMS", version: await versionOf(MOHAMMED) })).toMatchObject({
      ok: false,
      status: 403,
      code: "forbidden",
    });

    expect(await writeSnapshot()).toEqual(before);
    expect(await activeGrants(MOHAMMED, RYR)).toEqual({ roles: ["R8003"], workgroups: 0 });
    // The refusals themselves are on record.
    expect(await db.auditEvent.count({ where: { action: "security.access_denied", actorEmail: AGENT } })).toBe(deniedBefore + 3);
  });

  it("the request page offers an RA agent the job roles and an 'ask for this', an advanced RA agent the workgroup", async () => {
    const id = await publicRequest({ ...owner("Dr Mohammed Ali"), email: "mohammed.ali@nhs.example", odsCode: RYR, message: suggestedText("5555 0000 0032") });
    const forAgent = await loadRequest(id, await actorFor(AGENT));
    expect(forAgent.diagnosis.identity.state).toBe("match");
    expect(forAgent.rights).toStrictEqual({ roles: [RYR], workgroups: [], ask: [RYR], orgWorkgroups: [] });
    const forAdvanced = await loadRequest(id, await actorFor(ADVANCED));
    expect(forAdvanced.rights).toStrictEqual({ roles: [RYR], workgroups: [RYR], ask: [], orgWorkgroups: [RYR] });
  });

  it("the advanced RA agent adds it and an RA manager removes one (control)", async () => {
    await signInAs(ADVANCED);
    const add = await api.addWorkgroup(MOHAMMED, { odsCode: RYR, reason: "Needs CSMS", version: await versionOf(MOHAMMED) });
    expect(add.status).toBe(200);
    expect(add.body.verdict).toMatchObject({ canLogIn: true, error: null });
    await signInAs(MANAGER);
    const remove = await api.removeWorkgroup(HANNAH, A81001, { reason: "Left the screening team", version: await versionOf(HANNAH) });
    expect(remove.status).toBe(200);
    expect(await activeGrants(HANNAH, A81001)).toEqual({ roles: ["R8001"], workgroups: 0 });
  });
});

describe("the IG guard on manual grants", () => {
  const MEGAN = demoPeople.coveredByPcn; // ready at Ball Tree; New Pond Row (H82091) covered through the Lancing PCN
  const OLIVER = demoPeople.canLogInGp; // R0260 + workgroup at A81002: can already log in there
  const justification = "Runs the New Pond Row smear clinic on Tuesdays";

  it("a workgroup at a practice its PCN already covers is 409 ig_warning with the reason, and nothing is written", async () => {
    await signInAs(ADVANCED);
    const before = await writeSnapshot();
    const { status, body } = await api.addWorkgroup(MEGAN, { odsCode: NEW_POND_ROW, reason: "Asked by the practice", version: await versionOf(MEGAN) });
    expect(status).toBe(409);
    expect(body).toStrictEqual({
      error: {
        code: "ig_warning",
        message: expect.stringMatching(/acknowledge the warning and say why/),
        warnings: [expect.stringMatching(/H82091 is already covered: H82065 in the same PCN/)],
      },
    });
    expect(await writeSnapshot()).toEqual(before);
  });

  it("acknowledged without a justification (or with one too short) is 400 naming justification, and nothing is written", async () => {
    await signInAs(ADVANCED);
    const before = await writeSnapshot();
    for (const extra of [{ acknowledgeWarning: true }, { acknowledgeWarning: true, justification: "" }, { acknowledgeWarning: true, justification: "because" }]) {
      const { status, body } = await api.addWorkgroup(MEGAN, { odsCode: NEW_POND_ROW, reason: "Asked by the practice", version: await versionOf(MEGAN), ...extra });
      expect({ extra, status }).toEqual({ extra, status: 400 });
      expect(body).toStrictEqual(errorBody("bad_input", { justification: expect.stringMatching(/why this access is needed/) }));
    }
    // A justification without the acknowledgement is not an acknowledgement.
    const unacknowledged = await api.addWorkgroup(MEGAN, { odsCode: NEW_POND_ROW, reason: "Asked by the practice", version: await versionOf(MEGAN), justification });
    expect(unacknowledged.status).toBe(409);
    expect(unacknowledged.body.error.code).toBe("ig_warning");
    expect(await writeSnapshot()).toEqual(before);
  });

  it("acknowledged with a justification it is 202 pending; approved by a second person, the warning and justification are in the audit event", async () => {
    await signInAs(ADVANCED);
    const before = await writeSnapshot();
    const after = await lastEventId();
    const { status, body } = await api.addWorkgroup(MEGAN, {
      odsCode: NEW_POND_ROW, reason: "Asked by the practice", version: await versionOf(MEGAN), acknowledgeWarning: true, justification,
    });
    // Issue 8: a grant the IG guard warned about is made only once someone else approves it.
    expect(status).toBe(202);
    expect(body).toStrictEqual({ pendingChangeId: expect.stringMatching(/^[0-9a-f-]{36}$/), message: expect.stringMatching(/^Proposed/) });
    const proposed = await changeEventsAfter(after);
    expect(proposed.map((e) => e.action)).toEqual(["change.proposed"]);
    const now = await writeSnapshot();
    expect({ roles: now.roles, workgroups: now.workgroups, people: now.people }).toEqual({ roles: before.roles, workgroups: before.workgroups, people: before.people });
    expect(await db.pendingChange.findUniqueOrThrow({ where: { id: body.pendingChangeId } })).toMatchObject({ status: "pending", justification });

    await signInAs(MANAGER);
    const approvedAfter = await lastEventId();
    await decideChange({ id: body.pendingChangeId, decision: "approve" });
    const events = await changeEventsAfter(approvedAfter);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "workgroup.added", smartcardId: MEGAN, odsCode: NEW_POND_ROW, reason: "Asked by the practice", actorEmail: MANAGER });
    expect(JSON.parse(events[0]!.safeguards!)).toStrictEqual({
      igWarning: { warnings: [expect.stringMatching(/H82091 is already covered/)], justification },
      approval: { pendingChangeId: body.pendingChangeId, proposedBy: ADVANCED, approvedBy: MANAGER, why: ["ig_warning"] },
    });
    expect(await activeGrants(MEGAN, NEW_POND_ROW)).toMatchObject({ workgroups: 1 });
  });

  it("a job role where the person can already log in warns an RA agent too (API and Server Action); acknowledged, it is proposed and approved", async () => {
    await signInAs(AGENT);
    const before = await writeSnapshot();
    const change = async (extra: object = {}) => ({ odsCode: A81002, roleCode: "R8001", reason: "Second role", version: await versionOf(OLIVER), ...extra });
    const viaApi = await api.addRole(OLIVER, await change());
    expect(viaApi.status).toBe(409);
    expect(viaApi.body.error).toMatchObject({ code: "ig_warning", warnings: [expect.stringMatching(/can already log in to CSMS at A81002/)] });
    const viaAction = await changePersonAction("role.add", { smartcardId: OLIVER, ...(await change()) });
    expect(viaAction).toMatchObject({ ok: false, status: 409, code: "ig_warning", warnings: [expect.stringMatching(/A81002/)] });
    expect(await writeSnapshot()).toEqual(before);

    const done = await changePersonAction("role.add", { smartcardId: OLIVER, ...(await change({ acknowledgeWarning: true, justification: "Also works as a nurse-led clinic lead" })) });
    expect(done).toStrictEqual({ ok: true, message: expect.stringMatching(/^Proposed/) });
    expect(await activeGrants(OLIVER, A81002)).toMatchObject({ roles: ["R0260"] });
    const pending = await db.pendingChange.findFirstOrThrow({ where: { smartcardId: OLIVER, status: "pending" } });

    await signInAs(ADVANCED);
    const after = await lastEventId();
    await decideChange({ id: pending.id, decision: "approve" });
    const [event, ...rest] = await changeEventsAfter(after);
    expect(rest).toHaveLength(0);
    expect(event).toMatchObject({ action: "role.added", roleCode: "R8001", actorEmail: ADVANCED });
    expect(JSON.parse(event!.safeguards!)).toMatchObject({
      igWarning: { justification: "Also works as a nurse-led clinic lead" },
      approval: { proposedBy: AGENT, approvedBy: ADVANCED, why: ["ig_warning"] },
    });
    expect(await activeGrants(OLIVER, A81002)).toMatchObject({ roles: ["R0260", "R8001"] });
  });

  it("CSMS access at a fourth organisation warns; the third did not", async () => {
    // Helen is ready at RYR with a role only at A81002. Positions are added in Care Identity Management, not
    // in the console, so the test adds two more the way the seed does: ready at A81001, a role only at Ball Tree.
    const HELEN = demoPeople.trustAndPractice;
    const person = await db.person.findUniqueOrThrow({ where: { smartcardId: HELEN } });
    const orgId = async (odsCode: string) => (await db.organisation.findUniqueOrThrow({ where: { odsCode } })).id;
    await db.position.create({
      data: {
        personId: person.id, organisationId: await orgId(A81001), title: "Bank practice nurse",
        roles: { create: [{ roleCode: "R8001", grantReason: "Test fixture" }] }, workgroups: { create: [{ workgroup: "cervicalscreening", grantReason: "Test fixture" }] },
      },
    });
    await db.position.create({
      data: { personId: person.id, organisationId: await orgId(BALL_TREE), title: "Bank practice nurse", roles: { create: [{ roleCode: "R8001", grantReason: "Test fixture" }] } },
    });

    await signInAs(ADVANCED);
    const third = await api.addWorkgroup(HELEN, { odsCode: A81002, reason: "Bank shifts", version: await versionOf(HELEN) });
    expect(third.status).toBe(200);
    expect(third.body.verdict.selectable.map((s: { odsCode: string }) => s.odsCode).sort()).toEqual([A81001, A81002, RYR]);

    const before = await writeSnapshot();
    const fourth = await api.addWorkgroup(HELEN, { odsCode: BALL_TREE, reason: "Bank shifts", version: await versionOf(HELEN) });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error).toMatchObject({ code: "ig_warning", warnings: [expect.stringMatching(/4 organisations \(A81001, A81002, H82065, RYR\)/)] });
    expect(await writeSnapshot()).toEqual(before);
  });

  it("removing access never warns", async () => {
    await signInAs(ADVANCED);
    const { status } = await api.removeWorkgroup(MEGAN, NEW_POND_ROW, { reason: "Clinic moved", version: await versionOf(MEGAN) });
    expect(status).toBe(200);
  });
});

describe("the fix plan proposes only what CSMS needs, where the person needs it", () => {
  const KWAME = demoPeople.mixedStatusCanLogIn; // ready at A81001, a workgroup only at RYR, a role only at A81002

  it("for 5555 0000 0024 with no organisation named, it proposes nothing (nothing at RYR)", async () => {
    const profile = (await findPersonProfile(KWAME))!;
    expect(profile.verdict.canLogIn).toBe(true);
    const plan = planFix(profile.verdictInput, null);
    expect(plan).toMatchObject({ state: "choose_organisation", canLogInElsewhere: true, actions: [] });
    expect(planFix(profile.verdictInput, A81001)).toStrictEqual({ state: "already_has_access", odsCode: A81001, coveredBy: null, actions: [] });
    // Only when the officer says the person needs CSMS at RYR does the plan touch RYR, and then only RYR.
    expect(planFix(profile.verdictInput, RYR)).toStrictEqual({ state: "fix", odsCode: RYR, actions: [{ kind: "add_role", odsCode: RYR, roleCode: null }] });
  });

  it("a request for A81001, where the person is ready, suggests no action; nor does one naming no organisation", async () => {
    const forA81001 = await publicRequest({ ...owner("Kwame Mensah"), odsCode: A81001, message: suggestedText("5555 0000 0024") });
    const noOrganisation = await publicRequest({ ...owner("Kwame Mensah"), message: `${suggestedText("5555 0000 0024")}\nCSMS says no valid role.` });
    await signInAs(AGENT);
    const a = await getRequest(forA81001);
    expect(a.status).toBe(200);
    expect(a.body.identity.state).toBe("match");
    expect(a.body.suggestedActions).toStrictEqual([]);
    expect(a.body.oneClickFixes).toBe(false);
    expect(a.body.diagnosis.summary).toMatch(/^can already log in at A81001/);
    const b = await getRequest(noOrganisation);
    expect(b.body.suggestedActions).toStrictEqual([]);
    expect(b.body.diagnosis.summary).toMatch(/^can already log in/);
    expect(JSON.stringify([a.body.suggestedActions, b.body.suggestedActions])).not.toContain(RYR);
  });
});

describe("asking for a workgroup change, and deciding on it", () => {
  const SOPHIE = demoPeople.noWorkgroupEnded; // R8001 at A81002, workgroup ended
  const PETER = demoPeople.mixedStatusNoRole; // workgroup at A81001, no CSMS role
  const ZOE = demoPeople.coveredByPcnWholeGroup; // ready at New Pond Row; Ball Tree and Orchard covered
  let askId: string;

  it("an RA agent asks; it is audited as change.proposed and waits for approval", async () => {
    await signInAs(AGENT);
    const before = await writeSnapshot();
    const after = await lastEventId();
    const asked = await askForChange({ kind: "workgroup.add", smartcardId: "5555 0000 0018", odsCode: "a81002", reason: "Back from leave, needs the PNL" });
    expect(asked).toStrictEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), message: expect.stringMatching(/approvals/) });
    askId = asked.id;

    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "change.proposed", smartcardId: SOPHIE, odsCode: A81002, actorEmail: AGENT, reason: "Back from leave, needs the PNL" });
    expect(await db.pendingChange.findUniqueOrThrow({ where: { id: askId } })).toMatchObject({ kind: "workgroup.add", smartcardId: SOPHIE, odsCode: A81002, status: "pending", decidedById: null });
    // Nothing else: the profile is not touched by an ask.
    const now = await writeSnapshot();
    expect({ ...now, auditEvents: before.auditEvents, lastAudit: before.lastAudit, pendingChanges: before.pendingChanges }).toEqual(before);
    expect(await activeGrants(SOPHIE, A81002)).toEqual({ roles: ["R8001"], workgroups: 0 });
  });

  it("asking for the same change twice is 409; asking for a job role, or as an advanced RA agent, is refused; nothing written", async () => {
    const before = await writeSnapshot();
    await signInAs(AGENT);
    expect(await failure(askForChange({ kind: "workgroup.add", smartcardId: SOPHIE, odsCode: A81002, reason: "Again" }))).toMatchObject({ status: 409, code: "already_exists" });
    expect(await failure(askForChange({ kind: "role.add", smartcardId: SOPHIE, odsCode: A81002, reason: "A role" }))).toMatchObject({
      status: 400,
      fields: { kind: expect.stringMatching(/\S/) },
    });
    expect(await failure(askForChange({ kind: "workgroup.add", smartcardId: SOPHIE, odsCode: A81002, reason: "" }))).toMatchObject({
      status: 400,
      fields: { reason: expect.stringMatching(/\S/) },
    });
    await signInAs(ADVANCED);
    expect(await failure(askForChange({ kind: "workgroup.add", smartcardId: SOPHIE, odsCode: A81002, reason: "Ask myself" }))).toMatchObject({
      status: 403,
      message: expect.stringMatching(/make this change yourself/),
    });
    await signInAs(SUSSEX);
    expect(await failure(askForChange({ kind: "workgroup.add", smartcardId: SOPHIE, odsCode: A81002, reason: "Out of scope" }))).toMatchObject({ status: 403 });
    expect(await writeSnapshot()).toEqual(before);
  });

  it("the proposer cannot decide, even once allowed to decide; an auditor cannot; nothing is written", async () => {
    const before = await writeSnapshot();
    await signInAs(AGENT);
    expect(await failure(decideChange({ id: askId, decision: "approve", reason: "Go" }))).toMatchObject({
      status: 403,
      message: expect.stringMatching(/Only advanced RA agents and RA managers/),
    });
    // Promoted after asking: still not the one to decide on their own ask.
    const agent = await db.consoleUser.findUniqueOrThrow({ where: { email: AGENT } });
    await db.consoleUser.update({ where: { id: agent.id }, data: { role: "advanced_ra_agent" } });
    try {
      expect(await failure(decideChange({ id: askId, decision: "approve", reason: "Go" }))).toMatchObject({
        status: 403,
        message: expect.stringMatching(/Someone other than the person who asked/),
      });
    } finally {
      await db.consoleUser.update({ where: { id: agent.id }, data: { role: agent.role } });
    }
    await signInAs(AUDITOR);
    expect(await failure(decideChange({ id: askId, decision: "approve", reason: "Go" }))).toMatchObject({ status: 403, code: "forbidden" });
    expect(await writeSnapshot()).toEqual(before);
  });

  it("bad decisions are 400 naming the field (or 404 for no such ask), and nothing is written", async () => {
    await signInAs(ADVANCED);
    const before = await writeSnapshot();
    const bad: [Record<string, unknown>, string][] = [
      [{ id: askId, decision: "apply", reason: "Go" }, "decision"],
      [{ id: askId, reason: "Go" }, "decision"],
      [{ id: askId, decision: "reject", reason: "   " }, "reason"],
      [{ id: askId, decision: "approve", reason: "r".repeat(501) }, "reason"],
      [{ id: "not-an-id", decision: "approve", reason: "Go" }, "id"],
    ];
    for (const [input, field] of bad) {
      const problem = await failure(decideChange(input));
      expect({ input, status: problem.status, code: problem.code }).toEqual({ input, status: 400, code: "bad_input" });
      expect(problem.fields).toStrictEqual({ [field]: expect.stringMatching(/\S/) });
    }
    expect(await failure(decideChange({ id: "00000000-0000-4000-8000-000000000000", decision: "approve", reason: "Go" }))).toMatchObject({ status: 404 });
    expect(await writeSnapshot()).toEqual(before);
  });

  it("another advanced RA agent approves it: one workgroup.added event that says who proposed and who approved", async () => {
    await signInAs(ADVANCED);
    const after = await lastEventId();
    expect(await decideChange({ id: askId, decision: "approve", reason: "Checked with the practice manager" })).toStrictEqual({ message: expect.stringMatching(/^Approved/), smartcardId: SOPHIE });

    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "workgroup.added", smartcardId: SOPHIE, odsCode: A81002, actorEmail: ADVANCED, reason: "Back from leave, needs the PNL" });
    expect(JSON.parse(events[0]!.safeguards!)).toStrictEqual({
      approval: { pendingChangeId: askId, proposedBy: AGENT, approvedBy: ADVANCED, why: ["asked"], note: "Checked with the practice manager" },
    });
    expect(await activeGrants(SOPHIE, A81002)).toEqual({ roles: ["R8001"], workgroups: 1 });
    const advanced = await db.consoleUser.findUniqueOrThrow({ where: { email: ADVANCED } });
    expect(await db.pendingChange.findUniqueOrThrow({ where: { id: askId } })).toMatchObject({ status: "approved", decidedById: advanced.id, decidedAt: expect.any(Date) });

    // Deciding again changes nothing.
    const before = await writeSnapshot();
    await signInAs(MANAGER);
    expect(await failure(decideChange({ id: askId, decision: "reject", reason: "Late" }))).toMatchObject({ status: 400, message: expect.stringMatching(/already been decided/) });
    expect(await writeSnapshot()).toEqual(before);
  });

  it("rejecting writes exactly one change.rejected event and changes nothing on the profile", async () => {
    await signInAs(AGENT);
    const { id } = await askForChange({ kind: "workgroup.remove", smartcardId: PETER, odsCode: A81001, reason: "No longer takes samples" });
    const grantsBefore = await activeGrants(PETER, A81001);
    const versionBefore = await versionOf(PETER);

    await signInAs(MANAGER);
    const after = await lastEventId();
    expect(await decideChange({ id, decision: "reject", reason: "Still on the sample-taking rota until June" })).toStrictEqual({ message: expect.stringMatching(/Rejected/), smartcardId: PETER });

    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "change.rejected", smartcardId: PETER, odsCode: A81001, actorEmail: MANAGER, reason: "Still on the sample-taking rota until June" });
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ pendingChangeId: id, status: "rejected" });
    expect(await db.pendingChange.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "rejected", decisionReason: "Still on the sample-taking rota until June" });
    expect(await activeGrants(PETER, A81001)).toEqual(grantsBefore);
    expect(await versionOf(PETER)).toBe(versionBefore);
  });

  it("an ask whose grant the IG guard warns about is not approved blindly: 409 ig_warning until the approver justifies it", async () => {
    await signInAs(AGENT);
    const { id } = await askForChange({ kind: "workgroup.add", smartcardId: ZOE, odsCode: BALL_TREE, reason: "Works at Ball Tree too" });
    await signInAs(ADVANCED);
    const before = await writeSnapshot();
    expect(await failure(decideChange({ id, decision: "approve", reason: "OK" }))).toMatchObject({ status: 409, code: "ig_warning" });
    expect(await writeSnapshot()).toEqual(before);
    expect((await db.pendingChange.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    const after = await lastEventId();
    await decideChange({ id, decision: "approve", acknowledgeWarning: true, justification: "Runs the Ball Tree clinic on Mondays" });
    const events = await changeEventsAfter(after);
    expect(events.map((e) => e.action)).toEqual(["workgroup.added"]);
    expect(JSON.parse(events[0]!.safeguards!)).toMatchObject({ igWarning: { justification: "Runs the Ball Tree clinic on Mondays" }, approval: { why: ["asked", "ig_warning"] } });
  });
});

// Four-eyes approval (issue 8): changes that wait for a second person, through the real route handlers,
// Server Actions and services. Who may approve (never the proposer, never an auditor, only in scope), that
// an approval re-checks the profile version, that approve and reject each write exactly one audit event,
// that nobody changes their own profile, that undecided changes expire, and the role × action matrix.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { expireDueGrants } from "@/lib/data/grant-expiry";
import { startOfUkDay, ukDay } from "@/lib/domain/grant-dates";
import { PENDING_LIFETIME_MS } from "@/lib/data/pending-changes";
import { verifyAuditChain } from "@/lib/data/audit-verify";
import { askForChange, decideChange } from "@/lib/services/approvals";
import { changeGrantEndDate } from "@/lib/services/reviews";
import { changeEndDateAction, changePersonAction, decideChangeAction, reviewGrantAction } from "@/app/people/[smartcardId]/actions";
import { DENSHAM, LANCING_PRACTICES, QUEENS_PARK, TRUST, demoPeople, lancingPracticeCodes } from "@/prisma/seed/demo";
import { demoPending } from "@/prisma/seed/time-bound";
import { signInAs, signOut } from "./support/session";
import { activeGrants, api, errorBody, versionOf } from "./support/api";
import { failure } from "./support/requests-api";
import { approvalsApi, changeEventsAfter, fullSnapshot, lastEventId, parse, restoreClock, reviewsApi, setClock } from "./support/time-bound";

const A81001 = DENSHAM.odsCode;
const A81002 = QUEENS_PARK.odsCode;
const RYR = TRUST.odsCode;
const BALL_TREE = LANCING_PRACTICES.ballTree.odsCode;

const AGENT = "agent@ra.example"; // linked to demoPeople.alexAgent
const ADVANCED = "advanced@ra.example";
const MANAGER = "manager@ra.example";
const AUDITOR = "auditor@ra.example";
const SUSSEX = "agent-sussex@ra.example"; // RA agent for the Lancing practices only

const DAY = 24 * 3600 * 1000;
/** A UK day (YYYY-MM-DD) some days from now, so end dates stay valid whenever the suite runs. */
const daysFromNow = (days: number) => ukDay(new Date(Date.now() + days * DAY));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JUSTIFICATION = "Runs the practice's extra sample-taking clinic";

afterEach(() => signOut());
afterAll(() => restoreClock());

/**
 * A job role for someone who can already log in there: the IG guard warns, the officer acknowledges it, and the
 * change becomes a pending change. Returns its id.
 */
async function propose(email: string, smartcardId: string, odsCode: string, roleCode: string, extra: object = {}): Promise<string> {
  await signInAs(email);
  const { status, body } = await api.addRole(smartcardId, {
    odsCode, roleCode, reason: `Proposed ${roleCode}`, version: await versionOf(smartcardId), acknowledgeWarning: true, justification: JUSTIFICATION, ...extra,
  });
  expect({ smartcardId, roleCode, status }).toEqual({ smartcardId, roleCode, status: 202 });
  return body.pendingChangeId;
}

const pendingRow = (id: string) => db.pendingChange.findUniqueOrThrow({ where: { id } });
const userId = async (email: string) => (await db.consoleUser.findUniqueOrThrow({ where: { email } })).id;

describe("a change that needs a second person answers 202 and writes only the proposal", () => {
  const HANNAH = demoPeople.canLogIn; // R8001 + workgroup at A81001: can log in there already
  let id: string;

  it("POST roles (IG warning acknowledged) is 202 with exactly { pendingChangeId, message }, and one change.proposed event", async () => {
    await signInAs(AGENT);
    const before = await fullSnapshot();
    const after = await lastEventId();
    const version = await versionOf(HANNAH);
    const { status, body, contentType } = await api.addRole(HANNAH, {
      odsCode: A81001, roleCode: "R0620", reason: "Covers the nurse-led clinic", version, acknowledgeWarning: true, justification: JUSTIFICATION,
    });
    expect(status).toBe(202);
    expect(contentType).toMatch(/^application\/json/);
    expect(body).toStrictEqual({ pendingChangeId: expect.stringMatching(UUID), message: expect.stringMatching(/^Proposed: a second person/) });
    id = body.pendingChangeId;

    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "change.proposed", smartcardId: HANNAH, odsCode: A81001, roleCode: "R0620", actorEmail: AGENT, reason: "Covers the nurse-led clinic", requestId: null,
    });
    expect(parse(events[0]!.after)).toStrictEqual({ pendingChangeId: id, kind: "role.add", status: "pending", why: ["ig_warning"], endsAt: null });

    // Stored with everything needed to make it, against the version it was proposed on; the profile is untouched.
    const row = await pendingRow(id);
    expect(row).toMatchObject({
      kind: "role.add", smartcardId: HANNAH, odsCode: A81001, roleCode: "R0620", reason: "Covers the nurse-led clinic", justification: JUSTIFICATION,
      personVersion: version, status: "pending", proposedById: await userId(AGENT), decidedById: null, endsAt: null,
    });
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBeCloseTo(PENDING_LIFETIME_MS, -3);
    const now = await fullSnapshot();
    expect({ ...now, auditEvents: before.auditEvents, lastAudit: before.lastAudit, pendingChanges: before.pendingChanges }).toEqual(before);
    expect(await versionOf(HANNAH)).toBe(version);
  });

  it("the same change proposed again is 409 already_exists, and nothing is written", async () => {
    await signInAs(ADVANCED);
    const before = await fullSnapshot();
    const { status, body } = await api.addRole(HANNAH, {
      odsCode: A81001, roleCode: "R0620", reason: "Again", version: await versionOf(HANNAH), acknowledgeWarning: true, justification: JUSTIFICATION,
    });
    expect(status).toBe(409);
    expect(body).toStrictEqual(errorBody("already_exists"));
    expect(await fullSnapshot()).toEqual(before);
  });

  it("the Server Action answers ok with the 'Proposed' message", async () => {
    await signInAs(AGENT);
    const result = await changePersonAction("role.add", {
      smartcardId: HANNAH, odsCode: A81001, roleCode: "R1480", reason: "HCA sessions", version: await versionOf(HANNAH), acknowledgeWarning: true, justification: JUSTIFICATION,
    });
    expect(result).toStrictEqual({ ok: true, message: expect.stringMatching(/^Proposed/) });
    expect(await activeGrants(HANNAH, A81001)).toEqual({ roles: ["R8001"], workgroups: 1 });
  });

  it("approved through the API by someone else: 200 with the person, exactly one role.added event naming proposer and approver", async () => {
    await signInAs(ADVANCED);
    const after = await lastEventId();
    const { status, body } = await approvalsApi.approve(id, { reason: "Checked with the practice manager" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ message: expect.stringMatching(/^Approved and made/), person: { smartcardId: HANNAH } });
    expect(body.person.positions[0].roles).toEqual(["R0620", "R8001"]);

    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "role.added", smartcardId: HANNAH, odsCode: A81001, roleCode: "R0620", actorEmail: ADVANCED, reason: "Covers the nurse-led clinic" });
    expect(parse(events[0]!.safeguards)).toStrictEqual({
      igWarning: { warnings: [expect.stringMatching(/can already log in to CSMS at A81001/)], justification: JUSTIFICATION },
      approval: { pendingChangeId: id, proposedBy: AGENT, approvedBy: ADVANCED, why: ["ig_warning"], note: "Checked with the practice manager" },
    });
    expect(await pendingRow(id)).toMatchObject({ status: "approved", decidedById: await userId(ADVANCED), decidedAt: expect.any(Date) });
  });

  it("approving or rejecting it again is refused, and nothing is written", async () => {
    await signInAs(MANAGER);
    const before = await fullSnapshot();
    expect((await approvalsApi.approve(id)).status).toBe(400);
    const rejected = await approvalsApi.reject(id, { reason: "Too late" });
    expect(rejected.status).toBe(400);
    expect(rejected.body.error.message).toMatch(/already been decided \(approved\)/);
    expect(await fullSnapshot()).toEqual(before);
  });
});

describe("who may approve", () => {
  const FIONA = demoPeople.canLogInTwoRoles; // R0620 + R8001 + workgroup at A81002
  let id: string;
  const until = daysFromNow(30);

  beforeAll(async () => {
    // Proposed with an end date: the grant made on approval carries it.
    id = await propose(ADVANCED, FIONA, A81002, "R8010", { endDate: until });
  });

  it.each([
    { who: "the proposer", email: ADVANCED, message: /Someone other than the person who asked/ },
    { who: "an auditor", email: AUDITOR, message: /Auditors can read but not change/ },
    { who: "an RA agent", email: AGENT, message: /Only advanced RA agents and RA managers/ },
    { who: "an RA agent for other organisations", email: SUSSEX, message: /do not act for A81002/ },
  ])("$who cannot approve or reject it (API and Server Action): 403, nothing written", async ({ email, message }) => {
    await signInAs(email);
    const before = await fullSnapshot();
    for (const result of [await approvalsApi.approve(id, {}), await approvalsApi.reject(id, { reason: "No" })]) {
      expect(result.status).toBe(403);
      expect(result.body).toStrictEqual(errorBody("forbidden"));
      expect(result.body.error.message).toMatch(message);
    }
    expect(await decideChangeAction({ id, decision: "approve" })).toMatchObject({ ok: false, status: 403, code: "forbidden" });
    expect(await fullSnapshot()).toEqual(before);
    expect((await pendingRow(id)).status).toBe("pending");
  });

  it("an RA manager can (control), and the grant gets the proposed end date", async () => {
    await signInAs(MANAGER);
    const after = await lastEventId();
    expect(await decideChangeAction({ id, decision: "approve" })).toStrictEqual({ ok: true, message: expect.stringMatching(/^Approved/) });
    const events = await changeEventsAfter(after);
    expect(events.map((e) => [e.action, e.actorEmail])).toEqual([["role.added", MANAGER]]);
    expect(parse(events[0]!.after)).toMatchObject({ endsAt: startOfUkDay(until).toISOString() });
    expect((await api.getPerson(FIONA)).body.positions[0].grants).toContainEqual(expect.objectContaining({ kind: "role", code: "R8010", endDate: until }));
  });
});

describe("an approval on a profile that changed after the proposal is refused and writes nothing", () => {
  const OLIVER = demoPeople.canLogInGp; // R0260 + workgroup at A81002
  let id: string;

  beforeAll(async () => {
    id = await propose(AGENT, OLIVER, A81002, "R8001");
    // Someone else changes Oliver's profile meanwhile (an end date on his GP role).
    await signInAs(MANAGER);
    await changeGrantEndDate({ kind: "role", smartcardId: OLIVER, odsCode: A81002, roleCode: "R0260", reason: "Fixed-term partner", version: await versionOf(OLIVER), endDate: daysFromNow(60) });
  });

  it("409 version_conflict through the API and the service, the change stays pending, nothing written", async () => {
    await signInAs(ADVANCED);
    const before = await fullSnapshot();
    const { status, body } = await approvalsApi.approve(id, { reason: "OK" });
    expect(status).toBe(409);
    expect(body).toStrictEqual(errorBody("version_conflict"));
    expect(body.error.message).toMatch(/changed after this was proposed/);
    expect(await failure(decideChange({ id, decision: "approve" }))).toMatchObject({ status: 409, code: "version_conflict" });
    expect(await fullSnapshot()).toEqual(before);
    expect(await activeGrants(OLIVER, A81002)).toEqual({ roles: ["R0260"], workgroups: 1 });
    expect((await pendingRow(id)).status).toBe("pending");
  });

  it("it can still be rejected: exactly one change.rejected event, and the profile is untouched", async () => {
    await signInAs(ADVANCED);
    const version = await versionOf(OLIVER);
    const after = await lastEventId();
    const { status, body } = await approvalsApi.reject(id, { reason: "Stale: propose again against the new end date" });
    expect(status).toBe(200);
    expect(body).toStrictEqual({ message: expect.stringMatching(/^Rejected/) });
    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "change.rejected", smartcardId: OLIVER, odsCode: A81002, roleCode: "R8001", actorEmail: ADVANCED, reason: "Stale: propose again against the new end date" });
    expect({ before: parse(events[0]!.before), after: parse(events[0]!.after) }).toStrictEqual({
      before: { pendingChangeId: id, kind: "role.add", status: "pending", proposedBy: AGENT },
      after: { pendingChangeId: id, kind: "role.add", status: "rejected" },
    });
    expect(await pendingRow(id)).toMatchObject({ status: "rejected", decidedById: await userId(ADVANCED), decisionReason: "Stale: propose again against the new end date" });
    expect(await versionOf(OLIVER)).toBe(version);
    expect(await activeGrants(OLIVER, A81002)).toEqual({ roles: ["R0260"], workgroups: 1 });
  });
});

describe("rejecting", () => {
  const GRACE = demoPeople.canLogInClerical; // R8010 + workgroup at A81002
  let id: string;

  beforeAll(async () => {
    id = await propose(AGENT, GRACE, A81002, "R8001");
  });

  it("needs a reason (400 naming it), and a bad id is 400 or 404; nothing written", async () => {
    await signInAs(MANAGER);
    const before = await fullSnapshot();
    for (const body of [{}, { reason: "" }, { reason: "   " }]) {
      const result = await approvalsApi.reject(id, body);
      expect({ body, status: result.status }).toEqual({ body, status: 400 });
      expect(result.body).toStrictEqual(errorBody("bad_input", { reason: expect.stringMatching(/why the change is rejected/) }));
    }
    const tooLong = await approvalsApi.reject(id, { reason: "r".repeat(501) });
    expect(tooLong.body).toStrictEqual(errorBody("bad_input", { reason: expect.stringMatching(/500 characters/) }));
    expect((await approvalsApi.reject("not-a-uuid", { reason: "No" })).body).toStrictEqual(errorBody("bad_input", { id: expect.any(String) }));
    expect((await approvalsApi.approve("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await approvalsApi.reject(id, { reason: "No" }, { headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect(await fullSnapshot()).toEqual(before);
  });

  it("writes exactly one change.rejected event; the profile is untouched", async () => {
    await signInAs(MANAGER);
    const before = await fullSnapshot();
    const after = await lastEventId();
    const { status } = await approvalsApi.reject(id, { reason: "Not needed: already has access" });
    expect(status).toBe(200);
    const events = await changeEventsAfter(after);
    expect(events.map((e) => [e.action, e.actorEmail, e.reason])).toEqual([["change.rejected", MANAGER, "Not needed: already has access"]]);
    const now = await fullSnapshot();
    expect({ roles: now.roles, workgroups: now.workgroups, people: now.people }).toEqual({ roles: before.roles, workgroups: before.workgroups, people: before.people });
  });
});

describe("nobody changes their own profile; a console user's profile needs a second person", () => {
  const ALEX = demoPeople.alexAgent; // agent@ra.example's own profile: R8010 at A81001, no workgroup
  const MARK = demoPeople.nonCsmsRoleOnly; // R0001 at A81001; linked below to advanced@ra.example

  beforeAll(async () => {
    await db.consoleUser.update({ where: { email: ADVANCED }, data: { person: { connect: { smartcardId: MARK } } } });
  });
  afterAll(async () => {
    await db.consoleUser.update({ where: { email: ADVANCED }, data: { person: { disconnect: true } } });
  });

  it("a change to one's own profile is 403 (API, Server Action, ask, end date), acknowledged or not; nothing written", async () => {
    await signInAs(AGENT);
    const before = await fullSnapshot();
    const version = await versionOf(ALEX);
    const add = await api.addRole(ALEX, { odsCode: A81001, roleCode: "R8001", reason: "Myself", version, acknowledgeWarning: true, justification: JUSTIFICATION });
    expect(add.status).toBe(403);
    expect(add.body.error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/your own Care Identity profile/) });
    expect(await changePersonAction("role.remove", { smartcardId: ALEX, odsCode: A81001, roleCode: "R8010", reason: "Myself", version })).toMatchObject({ ok: false, status: 403 });
    expect(await failure(askForChange({ kind: "workgroup.add", smartcardId: ALEX, odsCode: A81001, reason: "Myself" }))).toMatchObject({ status: 403 });
    expect(await changeEndDateAction({ kind: "role", smartcardId: ALEX, odsCode: A81001, roleCode: "R8010", reason: "Myself", version, endDate: daysFromNow(60) })).toMatchObject({
      ok: false,
      status: 403,
      message: expect.stringMatching(/own Care Identity profile/),
    });
    // An advanced RA agent linked to a profile is refused the same way, even for a workgroup.
    await signInAs(ADVANCED);
    const own = await api.addWorkgroup(MARK, { odsCode: A81001, reason: "Myself", version: await versionOf(MARK) });
    expect(own.status).toBe(403);
    expect(await fullSnapshot()).toEqual(before);
  });

  it("a change to an RA agent's profile by a manager is 202 pending (why: console user), and the agent cannot approve it", async () => {
    await signInAs(MANAGER);
    const before = await fullSnapshot();
    const { status, body } = await api.addWorkgroup(ALEX, { odsCode: A81001, reason: "Needs to check CSMS screens", version: await versionOf(ALEX) });
    expect(status).toBe(202);
    expect(body).toStrictEqual({ pendingChangeId: expect.stringMatching(UUID), message: expect.stringMatching(/^Proposed/) });
    expect(JSON.parse((await pendingRow(body.pendingChangeId)).safeguards!)).toStrictEqual({ why: ["console_user"] });
    expect(await activeGrants(ALEX, A81001)).toEqual({ roles: ["R8010"], workgroups: 0 });
    const now = await fullSnapshot();
    expect(now.people).toEqual(before.people);

    // Removals are changes too.
    const removal = await api.removeRole(ALEX, A81001, "R8010", { reason: "Tidy up", version: await versionOf(ALEX) });
    expect(removal.status).toBe(202);

    await signInAs(AGENT);
    const mine = await approvalsApi.approve(body.pendingChangeId);
    expect(mine.status).toBe(403);

    await signInAs(ADVANCED);
    const after = await lastEventId();
    expect((await approvalsApi.approve(body.pendingChangeId)).status).toBe(200);
    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "workgroup.added", smartcardId: ALEX, actorEmail: ADVANCED });
    expect(parse(events[0]!.safeguards)).toStrictEqual({
      approval: { pendingChangeId: body.pendingChangeId, proposedBy: MANAGER, approvedBy: ADVANCED, why: ["console_user"] },
    });
    // The removal was proposed against the version before the workgroup was added: it is now stale.
    expect((await approvalsApi.approve(removal.body.pendingChangeId)).status).toBe(409);
  });

  it("a change to the approver's own profile, proposed by someone else, cannot be approved by them", async () => {
    await signInAs(MANAGER);
    const { status, body } = await api.addRole(MARK, { odsCode: A81001, roleCode: "R8010", reason: "Admin sessions", version: await versionOf(MARK) });
    expect(status).toBe(202);
    expect(JSON.parse((await pendingRow(body.pendingChangeId)).safeguards!).why).toEqual(["console_user"]);

    await signInAs(ADVANCED);
    const before = await fullSnapshot();
    const own = await approvalsApi.approve(body.pendingChangeId);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/own Care Identity profile/);
    expect(await fullSnapshot()).toEqual(before);

    // Someone else can.
    await signInAs(AGENT);
    expect((await approvalsApi.approve(body.pendingChangeId)).status).toBe(403); // an RA agent never approves
  });
});

describe("GET /api/v1/approvals", () => {
  const MEGAN = demoPeople.coveredByPcn; // ready at Ball Tree (H82065)
  let lancingId: string;

  beforeAll(async () => {
    lancingId = await propose(MANAGER, MEGAN, BALL_TREE, "R0620");
  });

  it("lists the pending changes at the officer's organisations, oldest first, in the documented shape", async () => {
    await signInAs(MANAGER);
    const { status, body } = await approvalsApi.list();
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(["approvals"]);
    const pending = await db.pendingChange.findMany({ where: { status: "pending", expiresAt: { gt: new Date() } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(body.approvals.map((a: { id: string }) => a.id)).toEqual(pending.map((p) => p.id));
    // The demo's own pending change is there.
    expect(body.approvals).toContainEqual(expect.objectContaining({ kind: "role.add", ...demoPending, proposedBy: AGENT }));
    const lancing = body.approvals.find((a: { id: string }) => a.id === lancingId);
    expect(lancing).toStrictEqual({
      id: lancingId,
      kind: "role.add",
      smartcardId: MEGAN,
      odsCode: BALL_TREE,
      roleCode: "R0620",
      reason: "Proposed R0620",
      requestId: null,
      endDate: null,
      justification: JUSTIFICATION,
      why: [expect.stringMatching(/IG guard warned/)],
      proposedBy: MANAGER,
      createdAt: expect.stringMatching(/Z$/),
      expiresAt: expect.stringMatching(/Z$/),
      personVersion: await versionOf(MEGAN),
      // The manager proposed it: listed so they can follow it, decided by someone else.
      canDecide: false,
    });
    expect(body.approvals).toContainEqual(expect.objectContaining({ proposedBy: AGENT, canDecide: true }));
  });

  it("RA agents, auditors and the signed-out are refused", async () => {
    for (const email of [AGENT, AUDITOR, SUSSEX]) {
      await signInAs(email);
      const { status, body } = await approvalsApi.list();
      expect({ email, status }).toEqual({ email, status: 403 });
      expect(body).toStrictEqual(errorBody("forbidden"));
    }
    signOut();
    expect((await approvalsApi.list()).status).toBe(401);
  });

  it("an advanced RA agent for the Lancing practices sees and decides only changes there", async () => {
    const sussex = await db.consoleUser.findUniqueOrThrow({ where: { email: SUSSEX } });
    await db.consoleUser.update({ where: { id: sussex.id }, data: { role: "advanced_ra_agent" } });
    try {
      await signInAs(SUSSEX);
      const { status, body } = await approvalsApi.list();
      expect(status).toBe(200);
      expect(body.approvals.length).toBeGreaterThan(0);
      expect(body.approvals.every((a: { odsCode: string }) => lancingPracticeCodes.includes(a.odsCode))).toBe(true);
      expect(body.approvals.map((a: { id: string }) => a.id)).toContain(lancingId);

      // Out of scope: the demo's pending change at A81001.
      const demo = await db.pendingChange.findFirstOrThrow({ where: { smartcardId: demoPending.smartcardId, status: "pending" } });
      const before = await fullSnapshot();
      const refused = await approvalsApi.approve(demo.id);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/do not act for A81001/);
      expect((await approvalsApi.reject(demo.id, { reason: "Out of scope" })).status).toBe(403);
      expect(await fullSnapshot()).toEqual(before);

      const after = await lastEventId();
      expect((await approvalsApi.approve(lancingId)).status).toBe(200);
      expect((await changeEventsAfter(after)).map((e) => [e.action, e.odsCode, e.actorEmail])).toEqual([["role.added", BALL_TREE, SUSSEX]]);
    } finally {
      await db.consoleUser.update({ where: { id: sussex.id }, data: { role: sussex.role } });
    }
  });
});

describe("role × action matrix for approvals, reviews and end dates", () => {
  // Everything at organisations the demo agent, advanced agent and manager act for; agent-sussex does not.
  const RECEPTIONIST = demoPeople.canLogInReceptionist; // R1730 + workgroup at A81001
  const KWAME = demoPeople.mixedStatusCanLogIn; // ready at A81001
  const NADIA = demoPeople.formerStaffReturned; // ready at A81001
  const GARETH = demoPeople.roleAtPracticeWorkgroupAtTrust; // R8000 at A81001
  const IMRAN = demoPeople.noWorkgroupTwoOrgs; // R8003 at A81001 and A81002
  const EMMA = demoPeople.roleAndWorkgroupApart; // R8001 at A81001
  const JAMES = demoPeople.roleAndWorkgroupApartTrust; // R0260 at RYR, workgroup at A81001

  type Who = "agent" | "advanced" | "manager" | "auditor" | "out-of-scope agent";
  const emails: Record<Who, string> = { agent: AGENT, advanced: ADVANCED, manager: MANAGER, auditor: AUDITOR, "out-of-scope agent": SUSSEX };
  const everyone = Object.keys(emails) as Who[];

  // Pending changes, proposed by the RA agent: one for each officer allowed to decide, and one nobody may.
  const pending: Record<string, string> = {};
  beforeAll(async () => {
    pending["approve:advanced"] = await propose(AGENT, RECEPTIONIST, A81001, "R0620");
    pending["approve:manager"] = await propose(AGENT, KWAME, A81001, "R1480");
    pending["reject:advanced"] = await propose(AGENT, NADIA, A81001, "R1480");
    pending["reject:manager"] = await propose(AGENT, NADIA, A81001, "R8000");
    pending.refused = await propose(AGENT, NADIA, A81001, "R8003");
  });

  const review = async (smartcardId: string, odsCode: string, roleCode: string | undefined, decision: "still_needed" | "end_now") =>
    reviewGrantAction({ kind: roleCode ? "role" : "workgroup", smartcardId, odsCode, roleCode, reason: "Access review", version: await versionOf(smartcardId), decision });
  const endDate = async (smartcardId: string, odsCode: string, roleCode: string | undefined) =>
    changeEndDateAction({ kind: roleCode ? "role" : "workgroup", smartcardId, odsCode, roleCode, reason: "Fixed term", version: await versionOf(smartcardId), endDate: daysFromNow(120) });
  const asStatus = (r: { ok: true } | { ok: false; status: number }) => (r.ok ? 200 : r.status);

  // What each action does, who may do it, and the one change event it writes when allowed.
  const actions: { action: string; allowed: Who[]; event: string | null; run: (who: Who) => Promise<number> }[] = [
    { action: "GET /api/v1/approvals", allowed: ["advanced", "manager"], event: null, run: async () => (await approvalsApi.list()).status },
    { action: "approve", allowed: ["advanced", "manager"], event: "role.added", run: async (who) => (await approvalsApi.approve(pending[`approve:${who}`] ?? pending.refused!)).status },
    { action: "reject", allowed: ["advanced", "manager"], event: "change.rejected", run: async (who) => (await approvalsApi.reject(pending[`reject:${who}`] ?? pending.refused!, { reason: "Not needed" })).status },
    { action: "GET /api/v1/reviews", allowed: ["advanced", "manager"], event: null, run: async () => (await reviewsApi()).status },
    { action: "review: still needed", allowed: ["advanced", "manager"], event: "role.recertified", run: async () => asStatus(await review(GARETH, A81001, "R8000", "still_needed")) },
    {
      action: "review: end now",
      allowed: ["advanced", "manager"],
      event: "role.removed",
      run: async (who) => asStatus(who === "manager" ? await review(EMMA, A81001, "R8001", "end_now") : await review(IMRAN, A81001, "R8003", "end_now")),
    },
    { action: "end date: job role", allowed: ["agent", "advanced", "manager"], event: "role.end_date_changed", run: async () => asStatus(await endDate(JAMES, RYR, "R0260")) },
    { action: "end date: workgroup", allowed: ["advanced", "manager"], event: "workgroup.end_date_changed", run: async () => asStatus(await endDate(JAMES, A81001, undefined)) },
  ];
  const cells = actions.flatMap(({ action, allowed, event, run }) => everyone.map((who) => ({ action, who, allowed: allowed.includes(who), event, run })));

  it.each(cells)("$action as $who: allowed $allowed", async ({ who, allowed, event, run }) => {
    await signInAs(emails[who]);
    const before = await fullSnapshot();
    const after = await lastEventId();
    const status = await run(who);
    const events = await changeEventsAfter(after);
    if (!allowed) {
      expect(status).toBe(403);
      expect(await fullSnapshot()).toEqual(before);
      return;
    }
    expect(status).toBe(200);
    expect(events.map((e) => [e.action, e.actorEmail])).toEqual(event ? [[event, emails[who]]] : []);
  });

  it("the pending change nobody was allowed to decide is still pending", async () => {
    expect((await pendingRow(pending.refused!)).status).toBe("pending");
  });
});

describe("pending changes expire after 7 days", () => {
  const AMIRA = demoPeople.canLogInNursingAssociate; // R9809 + workgroup at A81002
  const SAMUEL = demoPeople.canLogInClinicalPractitioner; // R8000 + workgroup at A81001 (the demo's pending change is for him too)
  let start: number;
  let id: string;
  let shortLived: string;

  beforeAll(async () => {
    start = Date.now();
    setClock(new Date(start));
    id = await propose(AGENT, AMIRA, A81002, "R8001");
    // An end date two days away (a UK day), for a change approved only after it has passed.
    shortLived = await propose(AGENT, SAMUEL, A81001, "R1480", { endDate: ukDay(new Date(start + 2 * DAY)) });
  });

  it("just under 7 days on it is still listed and can be decided", async () => {
    setClock(new Date(start + PENDING_LIFETIME_MS - 60_000));
    await signInAs(MANAGER);
    const listed = (await approvalsApi.list()).body.approvals.map((a: { id: string }) => a.id);
    expect(listed).toContain(id);
  });

  it("a change whose end date has passed by the time it is approved is refused, and nothing is written", async () => {
    setClock(new Date(start + 3 * DAY));
    await signInAs(ADVANCED);
    const before = await fullSnapshot();
    const { status, body } = await approvalsApi.approve(shortLived);
    expect(status).toBe(409);
    expect(body.error.message).toMatch(/end date/);
    expect(await fullSnapshot()).toEqual(before);
  });

  it("after 7 days it is no longer listed, and approving or rejecting it is 409 with nothing written", async () => {
    setClock(new Date(start + PENDING_LIFETIME_MS + 60_000));
    await signInAs(MANAGER);
    const listed = (await approvalsApi.list()).body.approvals.map((a: { id: string }) => a.id);
    expect(listed).not.toContain(id);
    const before = await fullSnapshot();
    const approve = await approvalsApi.approve(id);
    expect(approve.status).toBe(409);
    expect(approve.body.error.message).toMatch(/more than 7 days and has expired/);
    expect((await approvalsApi.reject(id, { reason: "Old" })).status).toBe(409);
    expect(await fullSnapshot()).toEqual(before);
  });

  it("the expiry run closes it once, as the system: one change.expired event; running again writes nothing", async () => {
    setClock(new Date(start + PENDING_LIFETIME_MS + 120_000));
    const after = await lastEventId();
    const first = await expireDueGrants(new Date());
    expect(first.pendingChanges).toBeGreaterThanOrEqual(1);
    const mine = (await changeEventsAfter(after)).filter((e) => e.smartcardId === AMIRA);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ action: "change.expired", actorEmail: "system", actorId: null, odsCode: A81002, roleCode: "R8001", reason: "Not decided within 7 days" });
    expect(parse(mine[0]!.after)).toStrictEqual({ pendingChangeId: id, kind: "role.add", status: "expired" });
    expect(await pendingRow(id)).toMatchObject({ status: "expired", decidedById: null, decisionReason: "Not decided within 7 days" });

    const again = await lastEventId();
    expect((await expireDueGrants(new Date())).pendingChanges).toBe(0);
    expect(await changeEventsAfter(again)).toEqual([]);
    expect((await verifyAuditChain(null)).ok).toBe(true);
  });
});

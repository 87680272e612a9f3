// Time-bound access (issue 8): end dates on grants, in UK time. With the clock under the test's control: the
// verdict treats a grant as ended from the moment its end date begins, before anything has run; the expiry
// command then ends it formally, once; the audit chain and the replayed state verify afterwards.
//
// The clock only moves forward in this file (each describe block starts later than the one before), so the
// change log stays in time order. Dates are in 2027, after the demo seed's own dates.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { findPersonProfile } from "@/lib/data/people";
import { expireDueGrants, EXPIRED_REASON } from "@/lib/data/grant-expiry";
import { verifyAuditChain, verifyAuditTrail } from "@/lib/data/audit-verify";
import { changeGrantEndDate } from "@/lib/services/reviews";
import { changeEndDateAction, changePersonAction } from "@/app/people/[smartcardId]/actions";
import { DENSHAM, QUEENS_PARK, demoPeople } from "@/prisma/seed/demo";
import { signOut } from "./support/session";
import { api, errorBody, versionOf } from "./support/api";
import { failure } from "./support/requests-api";
import { runNpmScript } from "./support/audit-helpers";
import { at, changeEventsAfter, fullSnapshot, grantRows, lastEventId, parse, restoreClock } from "./support/time-bound";

const A81001 = DENSHAM.odsCode;
const A81002 = QUEENS_PARK.odsCode;
const AGENT = "agent@ra.example";
const ADVANCED = "advanced@ra.example";

// Each person is used by one block only.
const RUTH = demoPeople.workgroupOnly; // workgroup at A81002, no role: "no valid role"
const PRIYA = demoPeople.noWorkgroup; // R8001 at A81001, no workgroup: "no workgroup"
const RECEPTIONIST = demoPeople.canLogInReceptionist; // R1730 + workgroup at A81001
const DANIEL = demoPeople.noWorkgroupClerical; // R8010 at A81002, no workgroup
const VALIDATION = demoPeople.noWorkgroupEnded; // R8001 at A81002, workgroup ended

afterEach(() => signOut());
afterAll(() => restoreClock());

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("an end date in the summer (BST): from the moment it begins, the grant no longer counts", () => {
  // 10 June 2027 begins at 00:00 BST, which is 23:00 UTC on 9 June.
  const END_DAY = "2027-06-10";
  const ENDS_AT = "2027-06-09T23:00:00.000Z";
  let ruthVerdictBefore: unknown;
  let ruthRoleGrant: unknown;

  beforeAll(async () => {
    await at("2027-06-01T09:00:00.000Z", AGENT);
    ruthVerdictBefore = (await api.getPerson(RUTH)).body.verdict;
  });

  it("POST roles with endDate: the grant is made with its end at 00:00 UK time, audited with it, and shown as a UK day", async () => {
    await at("2027-06-01T09:00:00.000Z", AGENT);
    const after = await lastEventId();
    const version = await versionOf(RUTH);
    const { status, body } = await api.addRole(RUTH, { odsCode: A81002, roleCode: "R8001", reason: "Locum until 9 June", version, endDate: END_DAY });
    expect(status).toBe(200);
    expect(body.verdict).toMatchObject({ canLogIn: true, error: null, selectable: [{ odsCode: A81002, roleCode: "R8001" }] });
    // positions[].grants: one entry per live grant; endDate and reviewDue as UK days. Ending within 14 days, the
    // role fell due for review 14 days before its end (27 May, UK day of 26 May 23:00 UTC).
    ruthRoleGrant = { kind: "role", code: "R8001", startedAt: "2027-06-01T09:00:00.000Z", endDate: END_DAY, reviewDue: "2027-05-27" };
    expect(body.positions).toStrictEqual([
      {
        odsCode: A81002,
        orgName: QUEENS_PARK.name,
        roles: ["R8001"],
        cervicalScreeningWorkgroup: true,
        grants: [
          ruthRoleGrant,
          { kind: "workgroup", code: "cervicalscreening", startedAt: expect.stringMatching(ISO), endDate: null, reviewDue: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
        ],
      },
    ]);

    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "role.added", smartcardId: RUTH, odsCode: A81002, roleCode: "R8001", actorEmail: AGENT });
    expect(parse(events[0]!.after)).toStrictEqual({ roles: ["R8001"], cervicalScreeningWorkgroup: true, endsAt: ENDS_AT });
    const { roles } = await grantRows(RUTH, A81002);
    expect(roles).toMatchObject([{ roleCode: "R8001", endsAt: new Date(ENDS_AT), endedAt: null }]);
  });

  it("a workgroup with an end date (UK style d/M/yyyy), and an end date set on an existing role: both audited", async () => {
    await at("2027-06-01T09:30:00.000Z", ADVANCED);
    const after = await lastEventId();
    const added = await api.addWorkgroup(PRIYA, { odsCode: A81001, reason: "Cover for June", version: await versionOf(PRIYA), endDate: "10/6/2027" });
    expect(added.status).toBe(200);
    expect(added.body.verdict).toMatchObject({ canLogIn: true });

    const version = await versionOf(PRIYA);
    const result = await changeEndDateAction({ kind: "role", smartcardId: PRIYA, odsCode: A81001, roleCode: "R8001", reason: "Leaves with the locum cover", version, endDate: "10/06/2027" });
    expect(result).toStrictEqual({ ok: true, message: expect.stringMatching(/^End date set: access ends at the start of 10 June 2027 \(UK time\)/) });
    expect(await versionOf(PRIYA)).toBe(version + 1);

    const events = await changeEventsAfter(after);
    expect(events.map((e) => e.action)).toEqual(["workgroup.added", "role.end_date_changed"]);
    expect(parse(events[0]!.after)).toMatchObject({ cervicalScreeningWorkgroup: true, endsAt: ENDS_AT });
    expect(events[1]).toMatchObject({ smartcardId: PRIYA, odsCode: A81001, roleCode: "R8001", actorEmail: ADVANCED, reason: "Leaves with the locum cover" });
    expect({ before: parse(events[1]!.before), after: parse(events[1]!.after) }).toStrictEqual({ before: { endsAt: null }, after: { endsAt: ENDS_AT } });

    const { body } = await api.getPerson(PRIYA);
    expect(body.positions[0].grants).toStrictEqual([
      { kind: "role", code: "R8001", startedAt: "2025-09-01T09:00:00.000Z", endDate: END_DAY, reviewDue: "2026-09-01" },
      { kind: "workgroup", code: "cervicalscreening", startedAt: "2027-06-01T09:30:00.000Z", endDate: END_DAY, reviewDue: "2027-05-27" },
    ]);
  });

  it("one millisecond before its end date begins, the grant still counts", async () => {
    await at("2027-06-09T22:59:59.999Z", AGENT);
    expect((await findPersonProfile(RUTH))!.verdict.canLogIn).toBe(true);
    const { body } = await api.getPerson(RUTH);
    expect(body.verdict).toMatchObject({ canLogIn: true, error: null });
    expect(body.positions[0].grants).toContainEqual(ruthRoleGrant);
    expect((await api.getPerson(PRIYA)).body.verdict.canLogIn).toBe(true);
  });

  it("from 00:00 UK time on the end date the verdict is that of an ended grant (API and profile), before the expiry run, and nothing is written", async () => {
    await at(ENDS_AT, AGENT);
    const before = await fullSnapshot();

    const profile = (await findPersonProfile(RUTH))!;
    expect(profile.verdict).toMatchObject(ruthVerdictBefore as object);
    expect(profile.verdict).toMatchObject({ canLogIn: false, error: "no_valid_role", selectable: [] });
    expect(profile.positions[0]).toMatchObject({ roles: [], roleGrants: [], lapsed: [{ kind: "role", roleCode: "R8001", endsAt: new Date(ENDS_AT) }] });

    const { status, body } = await api.getPerson(RUTH);
    expect(status).toBe(200);
    expect(body.verdict).toStrictEqual(ruthVerdictBefore);
    expect(body.positions[0]).toMatchObject({ roles: [], cervicalScreeningWorkgroup: true });
    expect(body.positions[0].grants.map((g: { kind: string }) => g.kind)).toEqual(["workgroup"]);

    // Priya: both grants lapse together; her verdict is as if neither had been given.
    const priya = await api.getPerson(PRIYA);
    expect(priya.body.verdict).toStrictEqual({ canLogIn: false, error: "no_valid_role", selectable: [], coveredOdsCodes: [] });
    expect(priya.body.positions[0]).toMatchObject({ roles: [], cervicalScreeningWorkgroup: false, grants: [] });

    // Nothing was ended in the database yet: only the verdict knows.
    expect((await grantRows(RUTH, A81002)).roles).toMatchObject([{ roleCode: "R8001", endedAt: null }]);
    expect(await fullSnapshot()).toEqual(before);
  });

  it("the expiry command ends each due grant formally, as the system, one event per grant and one version per grant", async () => {
    await at("2027-06-10T03:00:00.000Z", AGENT);
    const after = await lastEventId();
    const versions = { ruth: await versionOf(RUTH), priya: await versionOf(PRIYA) };

    const first = await expireDueGrants(new Date());
    expect(first.grants).toBeGreaterThanOrEqual(3); // Ruth's role, Priya's role and workgroup (and any seeded grant due by now)

    const events = await changeEventsAfter(after);
    const ruth = events.filter((e) => e.smartcardId === RUTH);
    expect(ruth).toHaveLength(1);
    expect(ruth[0]).toMatchObject({ action: "role.expired", actorEmail: "system", actorId: null, odsCode: A81002, roleCode: "R8001", reason: EXPIRED_REASON });
    expect({ before: parse(ruth[0]!.before), after: parse(ruth[0]!.after) }).toStrictEqual({
      before: { roles: ["R8001"], cervicalScreeningWorkgroup: true },
      after: { roles: [], cervicalScreeningWorkgroup: true },
    });
    const priya = events.filter((e) => e.smartcardId === PRIYA);
    expect(priya.map((e) => e.action)).toEqual(["role.expired", "workgroup.expired"]);
    expect(parse(priya[1]!.after)).toStrictEqual({ roles: [], cervicalScreeningWorkgroup: false });
    // Everything the run wrote was done by the system.
    expect(events.every((e) => e.actorEmail === "system" && /\.expired$/.test(e.action))).toBe(true);
    expect(first.grants).toBe(events.filter((e) => e.action === "role.expired" || e.action === "workgroup.expired").length);

    expect(await versionOf(RUTH)).toBe(versions.ruth + 1);
    expect(await versionOf(PRIYA)).toBe(versions.priya + 2);
    const { roles } = await grantRows(RUTH, A81002);
    expect(roles).toMatchObject([{ roleCode: "R8001", endedAt: new Date(ENDS_AT), endReason: EXPIRED_REASON, endedById: null }]);
    // The verdict is what it already was.
    expect((await api.getPerson(RUTH)).body.verdict).toStrictEqual(ruthVerdictBefore);
  });

  it("running it again writes nothing", async () => {
    await at("2027-06-10T03:05:00.000Z", AGENT);
    const before = await fullSnapshot();
    const events = await db.auditEvent.count();
    expect(await expireDueGrants(new Date())).toStrictEqual({ grants: 0, pendingChanges: 0 });
    expect(await db.auditEvent.count()).toBe(events);
    expect(await fullSnapshot()).toEqual(before);
    expect(await db.auditEvent.count({ where: { smartcardId: RUTH, action: "role.expired" } })).toBe(1);
  });

  it("the audit chain verifies afterwards, and the change log replays to the database", async () => {
    expect(await verifyAuditChain(null)).toStrictEqual({ ok: true, checked: await db.auditEvent.count(), firstBadEventId: null, problem: null });
    const trail = await verifyAuditTrail();
    expect(trail.chain.ok).toBe(true);
    expect(trail.state).toMatchObject({ ok: true, checked: true, problem: null });
  });

  it("the profile's past grants show the expiry: ended at the end date, by nobody, with the expiry reason", async () => {
    const profile = (await findPersonProfile(RUTH))!;
    expect(profile.positions[0]!.lapsed).toEqual([]);
    const past = await db.roleAssignment.findMany({ where: { endedAt: { not: null }, position: { person: { smartcardId: RUTH } } } });
    expect(past).toMatchObject([{ roleCode: "R8001", endedAt: new Date(ENDS_AT), endedById: null, endReason: EXPIRED_REASON }]);
  });
});

describe("end dates are validated as UK days, and bad ones write nothing", () => {
  // Late evening UTC on 9 July 2027 is already 10 July in the UK.
  const NOW = "2027-07-09T23:30:00.000Z";

  it.each([
    ["a day in the past", "2027-07-01", /after today/],
    ["today (a UK day, though still 9 July in UTC)", "2027-07-10", /after today/],
    ["today written UK style", "10/7/2027", /after today/],
    ["not a real date", "2027-02-30", /real date/],
    ["not a real UK-style date", "31/13/2027", /real date/],
    ["American order", "07/31/2027", /real date/],
    ["words", "next Friday", /day, month and year/],
    ["a timestamp", "2027-08-01T00:00:00Z", /day, month and year/],
    ["more than two years ahead", "2029-07-11", /within two years/],
    ["a number", 20270801, /day, month and year/],
  ])("%s (%j) is 400 naming endDate, through the API and the Server Action", async (_name, endDate, message) => {
    await at(NOW, ADVANCED);
    const before = await fullSnapshot();
    const version = await versionOf(VALIDATION);
    const viaApi = await api.addWorkgroup(VALIDATION, { odsCode: A81002, reason: "Validation", version, endDate });
    expect(viaApi.status).toBe(400);
    expect(viaApi.body).toStrictEqual(errorBody("bad_input", { endDate: expect.stringMatching(message) }));
    const viaRoleApi = await api.addRole(VALIDATION, { odsCode: A81002, roleCode: "R0620", reason: "Validation", version, endDate });
    expect(viaRoleApi.status).toBe(400);
    expect(viaRoleApi.body.error.fields).toStrictEqual({ endDate: expect.stringMatching(message) });
    const viaAction = await changePersonAction("workgroup.add", { smartcardId: VALIDATION, odsCode: A81002, reason: "Validation", version, endDate });
    expect(viaAction).toMatchObject({ ok: false, status: 400, code: "bad_input", fields: { endDate: expect.stringMatching(message) } });
    const viaEndDate = await failure(changeGrantEndDate({ kind: "role", smartcardId: VALIDATION, odsCode: A81002, roleCode: "R8001", reason: "Validation", version, endDate }));
    expect(viaEndDate).toMatchObject({ status: 400, code: "bad_input", fields: { endDate: expect.stringMatching(message) } });
    expect(await fullSnapshot()).toEqual(before);
  });

  it("tomorrow (UK) and exactly two years ahead are accepted; an empty endDate means none", async () => {
    await at(NOW, ADVANCED);
    let version = await versionOf(VALIDATION);
    const tomorrow = await api.addRole(VALIDATION, { odsCode: A81002, roleCode: "R0620", reason: "Validation", version, endDate: "2027-07-11" });
    expect(tomorrow.status).toBe(200);
    expect(tomorrow.body.positions[0].grants).toContainEqual({ kind: "role", code: "R0620", startedAt: NOW, endDate: "2027-07-11", reviewDue: "2027-06-27" });
    version = await versionOf(VALIDATION);
    const twoYears = await api.addWorkgroup(VALIDATION, { odsCode: A81002, reason: "Validation", version, endDate: "2029-07-10" });
    expect(twoYears.status).toBe(200);
    expect(twoYears.body.positions[0].grants).toContainEqual({ kind: "workgroup", code: "cervicalscreening", startedAt: NOW, endDate: "2029-07-10", reviewDue: "2028-07-10" });
    // An empty end date is none: here it removes the one just set.
    const cleared = await changeGrantEndDate({ kind: "workgroup", smartcardId: VALIDATION, odsCode: A81002, reason: "Open-ended after all", version: await versionOf(VALIDATION), endDate: "" });
    expect(cleared.message).toBe("End date removed.");
    expect((await grantRows(VALIDATION, A81002)).workgroups.at(-1)).toMatchObject({ endsAt: null, endedAt: null });
  });
});

describe("changing an end date: set, move across the clock change, remove; each audited once", () => {
  // Role and workgroup at A81001; the last Sunday of October 2027 (31st) begins in BST, the last Sunday of
  // March 2028 (26th) in GMT.
  const change = async (kind: "role" | "workgroup", endDate: string | undefined, reason: string) =>
    changeGrantEndDate({ kind, smartcardId: RECEPTIONIST, odsCode: A81001, roleCode: kind === "role" ? "R1730" : undefined, reason, version: await versionOf(RECEPTIONIST), endDate });

  it.each([
    ["set, on the day the clocks go back", "role", "31/10/2027", null, "2027-10-30T23:00:00.000Z"],
    ["moved, to the day the clocks go forward", "role", "2028-03-26", "2027-10-30T23:00:00.000Z", "2028-03-26T00:00:00.000Z"],
    ["removed", "role", undefined, "2028-03-26T00:00:00.000Z", null],
    ["set on the workgroup, in winter", "workgroup", "2028-01-10", null, "2028-01-10T00:00:00.000Z"],
  ] as const)("%s", async (_name, kind, endDate, was, now) => {
    await at("2027-08-02T10:00:00.000Z", ADVANCED);
    const after = await lastEventId();
    const version = await versionOf(RECEPTIONIST);
    const reason = `End date ${endDate ?? "removed"}`;
    const { message } = await change(kind, endDate, reason);
    expect(message).toMatch(endDate ? /^End date set/ : /^End date removed/);
    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: `${kind}.end_date_changed`, smartcardId: RECEPTIONIST, odsCode: A81001, actorEmail: ADVANCED, reason, roleCode: kind === "role" ? "R1730" : null });
    expect({ before: parse(events[0]!.before), after: parse(events[0]!.after) }).toStrictEqual({ before: { endsAt: was }, after: { endsAt: now } });
    expect(await versionOf(RECEPTIONIST)).toBe(version + 1);
    const rows = await grantRows(RECEPTIONIST, A81001);
    const row = kind === "role" ? rows.roles.find((r) => r.endedAt === null) : rows.workgroups.find((w) => w.endedAt === null);
    expect(row?.endsAt?.toISOString() ?? null).toBe(now);
  });

  it("a stale version is 409, a grant not held is 404, a missing reason or role is 400; nothing written", async () => {
    await at("2027-08-02T10:05:00.000Z", ADVANCED);
    const before = await fullSnapshot();
    const version = await versionOf(RECEPTIONIST);
    const base = { kind: "role", smartcardId: RECEPTIONIST, odsCode: A81001, roleCode: "R1730", reason: "Test", endDate: "2027-12-01" };
    expect(await failure(changeGrantEndDate({ ...base, version: version - 1 }))).toMatchObject({ status: 409, code: "version_conflict" });
    expect(await failure(changeGrantEndDate({ ...base, roleCode: "R8001", version }))).toMatchObject({ status: 404, code: "not_found" });
    expect(await failure(changeGrantEndDate({ ...base, reason: "", version }))).toMatchObject({ status: 400, fields: { reason: expect.any(String) } });
    expect(await failure(changeGrantEndDate({ ...base, roleCode: undefined, version }))).toMatchObject({ status: 400, fields: { roleCode: expect.any(String) } });
    expect(await fullSnapshot()).toEqual(before);
  });

  it("the chain and the replayed state still verify", async () => {
    expect((await verifyAuditChain(null)).ok).toBe(true);
    expect((await verifyAuditTrail()).state).toMatchObject({ ok: true, problem: null });
  });
});

describe("a change at a position whose grant has lapsed ends that grant first, as the system, in the same transaction", () => {
  it("the lapsed workgroup's expiry is logged before the officer's change; the expiry run then has nothing to do there", async () => {
    await at("2027-09-01T10:00:00.000Z", ADVANCED);
    const added = await api.addWorkgroup(DANIEL, { odsCode: A81002, reason: "Two weeks' cover", version: await versionOf(DANIEL), endDate: "2027-09-15" });
    expect(added.status).toBe(200);
    expect(added.body.verdict.canLogIn).toBe(true);

    await at("2027-09-20T08:00:00.000Z", AGENT);
    expect((await api.getPerson(DANIEL)).body.verdict).toMatchObject({ canLogIn: false, error: "no_workgroup" });
    const after = await lastEventId();
    const version = await versionOf(DANIEL);
    const { status, body } = await api.addRole(DANIEL, { odsCode: A81002, roleCode: "R8001", reason: "Second role", version });
    expect(status).toBe(200);
    expect(body.version).toBe(version + 2);

    const events = await changeEventsAfter(after);
    expect(events.map((e) => [e.action, e.actorEmail])).toEqual([
      ["workgroup.expired", "system"],
      ["role.added", AGENT],
    ]);
    expect(parse(events[0]!.after)).toStrictEqual({ roles: ["R8010"], cervicalScreeningWorkgroup: false });
    // The officer's change starts from what CSMS saw: no workgroup.
    expect(parse(events[1]!.before)).toStrictEqual({ roles: ["R8010"], cervicalScreeningWorkgroup: false });
    const { workgroups } = await grantRows(DANIEL, A81002);
    expect(workgroups.at(-1)).toMatchObject({ endedAt: new Date("2027-09-14T23:00:00.000Z"), endReason: EXPIRED_REASON, endedById: null });

    const later = await lastEventId();
    await expireDueGrants(new Date());
    expect((await changeEventsAfter(later)).filter((e) => e.smartcardId === DANIEL)).toEqual([]);
    expect((await verifyAuditTrail()).state).toMatchObject({ ok: true, problem: null });
  });

  it("a refused change there rolls the expiry back too", async () => {
    await at("2027-10-01T10:00:00.000Z", ADVANCED);
    const add = await api.addRole(DANIEL, { odsCode: A81002, roleCode: "R0620", reason: "Short cover", version: await versionOf(DANIEL), endDate: "2027-10-05" });
    expect(add.status).toBe(200);
    await at("2027-10-06T09:00:00.000Z", ADVANCED);
    const before = await fullSnapshot();
    // Already held: 409, and the lapsed R0620 stays as it was (the expiry run will end it).
    const refused = await api.addRole(DANIEL, { odsCode: A81002, roleCode: "R8001", reason: "Again", version: await versionOf(DANIEL) });
    expect(refused.status).toBe(409);
    expect(await fullSnapshot()).toEqual(before);
    expect((await grantRows(DANIEL, A81002)).roles.find((r) => r.roleCode === "R0620")).toMatchObject({ endedAt: null });
  });
});

describe("npm run grants:expire", () => {
  it("runs against the database and is idempotent (real clock)", { timeout: 120_000 }, async () => {
    restoreClock();
    const env = { ...process.env };
    const first = await runNpmScript("grants:expire", env);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Expired \d+ grants? and \d+ pending changes?\.\n$/) });
    const events = await db.auditEvent.count();
    const second = await runNpmScript("grants:expire", env);
    expect(second).toMatchObject({ code: 0, stdout: "Expired 0 grants and 0 pending changes.\n" });
    expect(await db.auditEvent.count()).toBe(events);
    expect((await verifyAuditChain(null)).ok).toBe(true);
  });
});

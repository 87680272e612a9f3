// Access reviews (issue 8): the list of grants due for review (ending within 14 days, or not granted or
// re-certified for 12 months), its order, scope and filter; "still needed" and "end now", each audited once;
// a grant about to end that is still needed is kept past its end; only RA managers and advanced RA agents.
import { addDays, addMonths } from "date-fns";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { findPersonProfile } from "@/lib/data/people";
import { expireDueGrants } from "@/lib/data/grant-expiry";
import { verifyAuditTrail } from "@/lib/data/audit-verify";
import { startOfUkDay, ukDay } from "@/lib/domain/grant-dates";
import { reviewGrant } from "@/lib/services/reviews";
import { reviewGrantAction } from "@/app/people/[smartcardId]/actions";
import { DENSHAM, LANCING_PRACTICES, QUEENS_PARK, demoOdsCodes, demoPeople, lancingPracticeCodes } from "@/prisma/seed/demo";
import { endingSoon } from "@/prisma/seed/time-bound";
import { signInAs, signOut } from "./support/session";
import { api, errorBody, versionOf } from "./support/api";
import { failure } from "./support/requests-api";
import { changeEventsAfter, fullSnapshot, grantRows, lastEventId, parse, restoreClock, reviewsApi, setClock } from "./support/time-bound";

const A81001 = DENSHAM.odsCode;
const A81002 = QUEENS_PARK.odsCode;
const NEW_POND_ROW = LANCING_PRACTICES.newPondRow.odsCode;
const BALL_TREE = LANCING_PRACTICES.ballTree.odsCode;

const AGENT = "agent@ra.example";
const ADVANCED = "advanced@ra.example";
const MANAGER = "manager@ra.example";
const AUDITOR = "auditor@ra.example";
const SUSSEX = "agent-sussex@ra.example";

const DAY = 24 * 3600 * 1000;
const TOM = demoPeople.canLogInAdmin; // R8008 + workgroup at New Pond Row, both ending in 5 days (seeded)
const ELLIE = demoPeople.canLogInHealthcareAssistant; // R1480 + workgroup at Ball Tree, both ending in 10 days (seeded)

afterEach(() => signOut());
afterAll(() => restoreClock());

type Review = { kind: string; smartcardId: string; name: string; odsCode: string; code: string; startedAt: string; endDate: string | null; lastReviewedAt: string; reason: string; dueOn: string; version: number };
const key = (r: { kind: string; smartcardId: string; odsCode: string; code: string }) => `${r.kind} ${r.code} ${r.smartcardId} ${r.odsCode}`;

/** The review rule, worked out here from the database: live grants ending within 14 days or last reviewed a year ago or more. */
async function dueGrants(odsCodes: string[], now: Date): Promise<string[]> {
  const live = { endedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: now } }], position: { organisation: { odsCode: { in: odsCodes } } } };
  const include = { position: { include: { person: true, organisation: true } } } as const;
  const [roles, workgroups] = await Promise.all([
    // CSMS access reviews cover CSMS job roles only.
    db.roleAssignment.findMany({ where: { ...live, jobRole: { csmsAccess: true } }, include }),
    db.workgroupMembership.findMany({ where: { ...live, workgroup: "cervicalscreening" }, include }),
  ]);
  const due = (g: { endsAt: Date | null; reviewedAt: Date | null; startedAt: Date }) =>
    (g.endsAt !== null && g.endsAt <= addDays(now, 14)) || (g.reviewedAt ?? g.startedAt) <= addMonths(now, -12);
  const keys = [
    ...roles.filter(due).map((r) => key({ kind: "role", code: r.roleCode, smartcardId: r.position.person.smartcardId, odsCode: r.position.organisation.odsCode })),
    ...workgroups.filter(due).map((w) => key({ kind: "workgroup", code: "cervicalscreening", smartcardId: w.position.person.smartcardId, odsCode: w.position.organisation.odsCode })),
  ];
  return keys.sort();
}

async function list(query: Record<string, string> = {}): Promise<Review[]> {
  const { status, body } = await reviewsApi(query);
  expect(status).toBe(200);
  expect(Object.keys(body)).toEqual(["reviews"]);
  return body.reviews;
}

describe("GET /api/v1/reviews", () => {
  it("lists exactly the grants due at the manager's organisations, longest due first, in the documented shape", async () => {
    await signInAs(MANAGER);
    const reviews = await list();
    expect(reviews.map(key).sort()).toEqual(await dueGrants(demoOdsCodes, new Date()));
    expect(reviews.length).toBeGreaterThan(4);
    const dueOn = reviews.map((r) => r.dueOn);
    expect(dueOn).toEqual([...dueOn].sort());

    // A seeded grant from January 2025, never re-certified.
    const oliver = reviews.find((r) => r.smartcardId === demoPeople.canLogInGp && r.kind === "role");
    expect(oliver).toStrictEqual({
      kind: "role",
      smartcardId: demoPeople.canLogInGp,
      name: "Dr Oliver Bennett",
      odsCode: A81002,
      code: "R0260",
      startedAt: "2025-01-13T09:00:00.000Z",
      endDate: null,
      lastReviewedAt: "2025-01-13T09:00:00.000Z",
      reason: "not_reviewed",
      dueOn: "2026-01-13",
      version: 1,
    });
  });

  it("the seeded grants ending soon are there, due 14 days before they end (or earlier, when a yearly review came first)", async () => {
    await signInAs(MANAGER);
    const reviews = await list();
    for (const { smartcardId } of endingSoon) {
      const rows = reviews.filter((r) => r.smartcardId === smartcardId);
      expect(rows.map((r) => r.kind).sort()).toEqual(["role", "workgroup"]);
      for (const r of rows) {
        expect(r.reason).toBe("ending_soon");
        expect(r.endDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const beforeEnd = ukDay(new Date(Date.parse(`${r.endDate}T12:00:00Z`) - 14 * DAY));
        const yearly = ukDay(addMonths(new Date(r.lastReviewedAt), 12));
        expect(r.dueOn).toBe(beforeEnd < yearly ? beforeEnd : yearly);
      }
    }
  });

  it("a new grant is not due; one ending within 14 days is, one ending in 20 days is not", async () => {
    await signInAs(ADVANCED);
    const DANIEL = demoPeople.noWorkgroupClerical; // R8010 at A81002 since January 2026
    const add = await api.addWorkgroup(DANIEL, { odsCode: A81002, reason: "New", version: await versionOf(DANIEL), endDate: ukDay(new Date(Date.now() + 20 * DAY)) });
    expect(add.status).toBe(200);
    const LUCY = demoPeople.noWorkgroupPcnPractice; // R8001 at Ball Tree since March 2026
    const soon = ukDay(new Date(Date.now() + 10 * DAY));
    expect((await api.addWorkgroup(LUCY, { odsCode: BALL_TREE, reason: "Short", version: await versionOf(LUCY), endDate: soon })).status).toBe(200);

    const reviews = await list();
    expect(reviews.find((r) => r.smartcardId === DANIEL && r.kind === "workgroup")).toBeUndefined();
    expect(reviews.find((r) => r.smartcardId === LUCY && r.kind === "workgroup")).toMatchObject({ reason: "ending_soon", endDate: soon, odsCode: BALL_TREE });
    expect(reviews.map(key).sort()).toEqual(await dueGrants(demoOdsCodes, new Date()));
  });

  it("filters by organisation (as people write ODS codes); a malformed filter is 400 naming odsCode", async () => {
    await signInAs(MANAGER);
    const all = await list();
    const a81002 = await list({ odsCode: "a81002" });
    expect(a81002.length).toBeGreaterThan(0);
    expect(a81002).toEqual(all.filter((r) => r.odsCode === A81002));
    for (const bad of ["!!", "A8100 2", "x".repeat(20)]) {
      const { status, body } = await reviewsApi({ odsCode: bad });
      expect({ bad, status }).toEqual({ bad, status: 400 });
      expect(body).toStrictEqual(errorBody("bad_input", { odsCode: expect.any(String) }));
    }
  });

  it("is scoped: an advanced RA agent for the Lancing practices sees only those; another organisation filtered is empty", async () => {
    const sussex = await db.consoleUser.findUniqueOrThrow({ where: { email: SUSSEX } });
    await db.consoleUser.update({ where: { id: sussex.id }, data: { role: "advanced_ra_agent" } });
    try {
      await signInAs(SUSSEX);
      const reviews = await list();
      expect(reviews.map(key).sort()).toEqual(await dueGrants(lancingPracticeCodes, new Date()));
      expect(reviews.some((r) => r.smartcardId === TOM)).toBe(true);
      expect(reviews.every((r) => lancingPracticeCodes.includes(r.odsCode))).toBe(true);
      expect(await list({ odsCode: A81001 })).toEqual([]);
    } finally {
      await db.consoleUser.update({ where: { id: sussex.id }, data: { role: sussex.role } });
    }
  });

  it("RA agents and auditors are 403, signed out is 401", async () => {
    for (const email of [AGENT, SUSSEX, AUDITOR]) {
      await signInAs(email);
      const { status, body } = await reviewsApi();
      expect({ email, status }).toEqual({ email, status: 403 });
      expect(body).toStrictEqual(errorBody("forbidden"));
    }
    signOut();
    expect((await reviewsApi()).status).toBe(401);
  });
});

describe("deciding a review", () => {
  const OLIVER = demoPeople.canLogInGp; // R0260 + workgroup at A81002, January 2025
  const GRACE = demoPeople.canLogInClerical; // R8010 + workgroup at A81002, June 2025
  const ALEX = demoPeople.alexAgent; // agent@ra.example's own profile: R8010 at A81001, February 2025

  it("'still needed' re-certifies: exactly one role.recertified event, the grant leaves the list, next due in 12 months", async () => {
    await signInAs(MANAGER);
    const version = await versionOf(OLIVER);
    const after = await lastEventId();
    const started = new Date();
    const result = await reviewGrantAction({ kind: "role", smartcardId: OLIVER, odsCode: A81002, roleCode: "R0260", reason: "Still a GP partner here", version, decision: "still_needed" });
    expect(result).toStrictEqual({ ok: true, message: expect.stringMatching(/^Re-certified/) });

    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "role.recertified", smartcardId: OLIVER, odsCode: A81002, roleCode: "R0260", actorEmail: MANAGER, reason: "Still a GP partner here" });
    const { reviewedAt } = parse(events[0]!.after);
    expect({ before: parse(events[0]!.before), after: parse(events[0]!.after) }).toStrictEqual({ before: { endsAt: null }, after: { reviewedAt, endsAt: null } });
    expect(Date.parse(reviewedAt)).toBeGreaterThanOrEqual(started.getTime());
    expect(await versionOf(OLIVER)).toBe(version + 1);
    expect((await grantRows(OLIVER, A81002)).roles[0]).toMatchObject({ reviewedAt: new Date(reviewedAt), endsAt: null, endedAt: null });

    const reviews = await list();
    expect(reviews.find((r) => r.smartcardId === OLIVER && r.kind === "role")).toBeUndefined();
    // The workgroup was not reviewed: still due.
    expect(reviews.find((r) => r.smartcardId === OLIVER && r.kind === "workgroup")).toMatchObject({ reason: "not_reviewed" });
    const { body } = await api.getPerson(OLIVER);
    expect(body.positions[0].grants[0]).toMatchObject({ kind: "role", code: "R0260", reviewDue: ukDay(addMonths(new Date(reviewedAt), 12)) });
  });

  it("'still needed' on a workgroup writes workgroup.recertified", async () => {
    await signInAs(ADVANCED);
    const after = await lastEventId();
    await reviewGrant({ kind: "workgroup", smartcardId: OLIVER, odsCode: A81002, reason: "Still takes samples", version: await versionOf(OLIVER), decision: "still_needed" });
    expect((await changeEventsAfter(after)).map((e) => [e.action, e.roleCode])).toEqual([["workgroup.recertified", null]]);
  });

  it("'end now' is the ordinary removal: exactly one role.removed event with the reason, and the grant leaves the list", async () => {
    await signInAs(ADVANCED);
    const version = await versionOf(GRACE);
    const after = await lastEventId();
    const result = await reviewGrantAction({ kind: "role", smartcardId: GRACE, odsCode: A81002, roleCode: "R8010", reason: "Left the practice in March", version, decision: "end_now" });
    expect(result).toStrictEqual({ ok: true, message: "Job role removed." });
    const events = await changeEventsAfter(after);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "role.removed", smartcardId: GRACE, odsCode: A81002, roleCode: "R8010", actorEmail: ADVANCED, reason: "Left the practice in March" });
    expect((await grantRows(GRACE, A81002)).roles[0]).toMatchObject({ endedAt: expect.any(Date), endReason: "Left the practice in March", endedById: expect.any(Number) });
    expect(await versionOf(GRACE)).toBe(version + 1);
    expect((await list()).find((r) => r.smartcardId === GRACE && r.kind === "role")).toBeUndefined();
  });

  it("'end now' on a console user's profile waits for a second person, like any change to it", async () => {
    await signInAs(MANAGER);
    const result = await reviewGrantAction({ kind: "role", smartcardId: ALEX, odsCode: A81001, roleCode: "R8010", reason: "Review: no longer needed", version: await versionOf(ALEX), decision: "end_now" });
    expect(result).toStrictEqual({ ok: true, message: expect.stringMatching(/^Proposed/) });
    expect(await db.pendingChange.count({ where: { smartcardId: ALEX, kind: "role.remove", status: "pending" } })).toBe(1);
    expect((await grantRows(ALEX, A81001)).roles[0]).toMatchObject({ endedAt: null });
  });

  it("bad decisions are 400 naming the field, a stale version 409, a grant not held 404; RA agents and auditors 403; nothing written", async () => {
    const version = await versionOf(OLIVER);
    const base = { kind: "role", smartcardId: OLIVER, odsCode: A81002, roleCode: "R0260", reason: "Review", version, decision: "still_needed" };
    await signInAs(MANAGER);
    const before = await fullSnapshot();
    const bad: [Record<string, unknown>, string][] = [
      [{ ...base, decision: "maybe" }, "decision"],
      [{ ...base, decision: undefined }, "decision"],
      [{ ...base, kind: "team" }, "kind"],
      [{ ...base, roleCode: undefined }, "roleCode"],
      [{ ...base, reason: "" }, "reason"],
      [{ ...base, endDate: "yesterday" }, "endDate"],
    ];
    for (const [input, field] of bad) {
      const problem = await failure(reviewGrant(input));
      expect({ field, status: problem.status, code: problem.code }).toEqual({ field, status: 400, code: "bad_input" });
      expect(problem.fields).toStrictEqual({ [field]: expect.any(String) });
    }
    expect(await failure(reviewGrant({ ...base, version: version - 1 }))).toMatchObject({ status: 409, code: "version_conflict" });
    expect(await failure(reviewGrant({ ...base, roleCode: "R8001" }))).toMatchObject({ status: 404, code: "not_found" });
    for (const email of [AGENT, AUDITOR, SUSSEX]) {
      await signInAs(email);
      expect({ email, result: await reviewGrantAction(base) }).toMatchObject({ email, result: { ok: false, status: 403, code: "forbidden" } });
      expect({ email, result: await reviewGrantAction({ ...base, decision: "end_now" }) }).toMatchObject({ email, result: { ok: false, status: 403 } });
    }
    expect(await fullSnapshot()).toEqual(before);
  });
});

describe("'still needed' on a grant about to end keeps it past its end", () => {
  let tomEnd: Date;
  let ellieEnd: Date;
  const workgroupUntil = ukDay(new Date(Date.now() + 60 * DAY));

  beforeAll(async () => {
    tomEnd = (await grantRows(TOM, NEW_POND_ROW)).roles[0]!.endsAt!;
    ellieEnd = (await grantRows(ELLIE, BALL_TREE)).roles[0]!.endsAt!;
  });

  it("without a new end date the role becomes open-ended; with one, the workgroup gets it; each audited once", async () => {
    await signInAs(ADVANCED);
    const after = await lastEventId();
    await reviewGrant({ kind: "role", smartcardId: TOM, odsCode: NEW_POND_ROW, roleCode: "R8008", reason: "Contract extended", version: await versionOf(TOM), decision: "still_needed" });
    await reviewGrant({ kind: "workgroup", smartcardId: TOM, odsCode: NEW_POND_ROW, reason: "Contract extended", version: await versionOf(TOM), decision: "still_needed", endDate: workgroupUntil });
    const events = await changeEventsAfter(after);
    expect(events.map((e) => e.action)).toEqual(["role.recertified", "workgroup.recertified"]);
    expect(parse(events[0]!.before)).toStrictEqual({ endsAt: tomEnd.toISOString() });
    expect(parse(events[0]!.after)).toMatchObject({ endsAt: null });
    expect(parse(events[1]!.after)).toMatchObject({ endsAt: startOfUkDay(workgroupUntil).toISOString() });

    const { body } = await api.getPerson(TOM);
    expect(body.positions[0].grants).toStrictEqual([
      expect.objectContaining({ kind: "role", code: "R8008", endDate: null }),
      expect.objectContaining({ kind: "workgroup", code: "cervicalscreening", endDate: workgroupUntil }),
    ]);
    const reviews = await list();
    expect(reviews.filter((r) => r.smartcardId === TOM)).toEqual([]);
  });

  it("after the old end date Tom can still log in, and the expiry run leaves him alone; Ellie (not reviewed) has lapsed", async () => {
    setClock(new Date(Math.max(tomEnd.getTime(), ellieEnd.getTime()) + DAY));
    await signInAs(MANAGER);
    expect((await findPersonProfile(TOM))!.verdict).toMatchObject({ canLogIn: true, error: null });
    expect((await findPersonProfile(ELLIE))!.verdict).toMatchObject({ canLogIn: false });

    const after = await lastEventId();
    await expireDueGrants(new Date());
    const events = await changeEventsAfter(after);
    expect(events.filter((e) => e.smartcardId === TOM)).toEqual([]);
    expect(events.filter((e) => e.smartcardId === ELLIE).map((e) => e.action)).toEqual(["role.expired", "workgroup.expired"]);
    expect((await api.getPerson(TOM)).body.verdict.canLogIn).toBe(true);
  });

  it("the change log still replays to the database after re-certifications that moved end dates", async () => {
    const trail = await verifyAuditTrail();
    expect(trail.chain.ok).toBe(true);
    expect(trail.state).toMatchObject({ ok: true, problem: null });
  });
});

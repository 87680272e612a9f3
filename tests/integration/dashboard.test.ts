// The dashboard (issue 12, item 6): its figures equal what the data says, on SQLite and on PostgreSQL (the week
// bucket is SQL of each provider's own), scoped to the organisations the viewer answers for; a bad filter reads
// nothing and says what to fix; only RA managers and auditors see it.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { currentActor } from "@/lib/auth/session";
import type { ConsoleActor } from "@/lib/auth/rules";
import { db } from "@/lib/data/db";
import { dashboardFigures, loadDashboard, readDashboardFilter } from "@/lib/services/dashboard";
import { demoOdsCodes } from "@/prisma/seed/demo";
import { endingSoon } from "@/prisma/seed/time-bound";
import { signInAs, signOut } from "./support/session";
import { onPostgres } from "./support/database";
import { Prisma } from "@/generated/prisma/client";

// What next.config.mjs's experimental.authInterrupts sets at build time, so forbidden() throws its 403 here too.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const MANAGER = "manager@ra.example";
const AUDITOR = "auditor@ra.example";
const OURS = "A81001";
const ELSEWHERE = "B82001"; // an organisation no demo RA officer acts for
const HOUR = 3_600_000;
const NOW = new Date();
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
const at = (iso: string) => new Date(iso);
// Three weeks: Monday 5, 12 and 19 October 2026.
const RANGE = { from: "2026-10-05", to: "2026-10-25" };

let n = 0;
async function request(fields: { odsCode: string | null; status: string; createdAt: Date; closedAt?: Date; category?: string; slaPausedSeconds?: number }) {
  n++;
  await db.accessRequest.create({
    data: {
      id: randomUUID(),
      reference: `CSMS-DASH${String(n).padStart(4, "0")}`,
      source: "form",
      name: `Dashboard ${n}`,
      email: `dashboard.${n}@nhs.example`,
      message: "test",
      category: fields.category ?? "permissions",
      odsCode: fields.odsCode,
      status: fields.status,
      createdAt: fields.createdAt,
      closedAt: fields.closedAt ?? null,
      slaPausedSeconds: fields.slaPausedSeconds ?? 0,
    },
  });
}

// Written as the database holds any event, so the week bucket is tested on the stored form of each provider.
// The change log numbers its events itself (last + 1), so these take the next numbers explicitly too.
async function event(action: string, occurredAt: string, odsCode: string | null = OURS) {
  const last = (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
  await db.auditEvent.create({ data: { id: last + 1, action, occurredAt: at(occurredAt), odsCode, actorEmail: "test@ra.example", prevHash: "", hash: "" } });
}

async function actor(email: string): Promise<ConsoleActor> {
  await signInAs(email);
  return (await currentActor())!;
}

function figuresFor(who: ConsoleActor, query: Record<string, string>) {
  const read = readDashboardFilter(who, query, NOW);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return dashboardFigures(read.scope, read.range, NOW);
}

beforeAll(async () => {
  // Open now: under a day and on time; waiting (paused) for two days; ten days old and breached. One elsewhere.
  await request({ odsCode: OURS, status: "new", createdAt: ago(2) });
  await request({ odsCode: OURS, status: "waiting", createdAt: ago(48) });
  await request({ odsCode: OURS, status: "in_progress", createdAt: ago(240) });
  await request({ odsCode: ELSEWHERE, status: "new", createdAt: ago(240) });
  // Resolved in the week of 12 October after 2, 4 and 30 hours (median 4, 90th percentile 24.8); one elsewhere.
  await request({ odsCode: OURS, status: "resolved", createdAt: at("2026-10-13T08:00:00Z"), closedAt: at("2026-10-13T10:00:00Z") });
  await request({ odsCode: OURS, status: "resolved", createdAt: at("2026-10-13T08:00:00Z"), closedAt: at("2026-10-13T12:00:00Z"), category: "technical" });
  await request({ odsCode: OURS, status: "resolved", createdAt: at("2026-10-12T08:00:00Z"), closedAt: at("2026-10-13T14:00:00Z") });
  await request({ odsCode: ELSEWHERE, status: "resolved", createdAt: at("2026-10-12T08:00:00Z"), closedAt: at("2026-10-16T12:00:00Z"), category: "no_care_id" });
  // Rejected is not resolved: it counts as a diagnosis received, not as a time to resolve.
  await request({ odsCode: OURS, status: "rejected", createdAt: at("2026-10-20T08:00:00Z"), closedAt: at("2026-10-20T09:00:00Z"), category: "technical" });
  // Changes: both edges of the week of 5 October, the Monday after, an expiry, and what must not count.
  await event("role.added", "2026-10-05T00:00:00.000Z");
  await event("workgroup.added", "2026-10-11T23:59:59.999Z");
  await event("role.added", "2026-10-12T00:00:00.000Z");
  await event("role.expired", "2026-10-20T03:00:00.000Z");
  await event("workgroup.expired", "2026-10-21T03:00:00.000Z");
  await event("workgroup.end_date_changed", "2026-10-21T10:00:00.000Z");
  await event("role.added", "2026-10-04T23:59:59.999Z"); // the Sunday before the range
  await event("role.added", "2026-10-26T00:00:00.000Z"); // the day after it
  await event("request.created", "2026-10-13T10:00:00.000Z"); // not a change to access
  await event("role.removed", "2026-10-14T10:00:00.000Z", ELSEWHERE);
});

afterEach(() => signOut());

describe("figures, as an RA manager sees them (their organisations)", () => {
  it("open requests by age band and service level", async () => {
    const { open } = await figuresFor(await actor(MANAGER), RANGE);
    expect(open.total).toBe(3);
    expect(open.byBand.under_1_day).toEqual({ on_time: 1, amber: 0, red: 0, paused: 0 });
    expect(open.byBand["1_to_3_days"]).toEqual({ on_time: 0, amber: 0, red: 0, paused: 1 });
    expect(open.byBand.over_7_days).toEqual({ on_time: 0, amber: 0, red: 1, paused: 0 });
  });

  it("median and 90th percentile time to resolve per week, empty weeks kept", async () => {
    const { resolveTimes } = await figuresFor(await actor(MANAGER), RANGE);
    expect(resolveTimes).toEqual([
      { week: "2026-10-05", resolved: 0, medianHours: null, p90Hours: null },
      { week: "2026-10-12", resolved: 3, medianHours: 4, p90Hours: 24.8 },
      { week: "2026-10-19", resolved: 0, medianHours: null, p90Hours: null },
    ]);
  });

  it("diagnoses of the requests received in the range", async () => {
    const { diagnoses } = await figuresFor(await actor(MANAGER), RANGE);
    expect(diagnoses).toEqual([
      { category: "permissions", count: 2 },
      { category: "technical", count: 2 },
    ]);
  });

  it("changes per week by kind, counted by the database on UTC weeks from Monday", async () => {
    const { changes } = await figuresFor(await actor(MANAGER), RANGE);
    expect(changes.map((w) => [w.week, w.total])).toEqual([
      ["2026-10-05", 2],
      ["2026-10-12", 1],
      ["2026-10-19", 3],
    ]);
    expect(changes[0]!.byKind).toMatchObject({ role_added: 1, workgroup_added: 1 });
    expect(changes[2]!.byKind).toMatchObject({ expired: 2, end_date_changed: 1, role_removed: 0 });
  });

  it("grants ending in the next 30 days are the seeded ones", async () => {
    const { ending } = await figuresFor(await actor(MANAGER), RANGE);
    const people = await db.person.findMany({ where: { smartcardId: { in: endingSoon.map((e) => e.smartcardId) } } });
    // Each seeded person holds one role and the workgroup at one organisation, both ending.
    expect(ending).toHaveLength(4);
    expect(new Set(ending.map((g) => g.smartcardId))).toEqual(new Set(people.map((p) => p.smartcardId)));
    expect(ending.map((g) => g.endsAt.getTime())).toEqual([...ending.map((g) => g.endsAt.getTime())].sort((a, b) => a - b));
    expect(ending.every((g) => demoOdsCodes.includes(g.odsCode))).toBe(true);
  });

  it("one organisation when filtered: another of theirs shows none of A81001's figures", async () => {
    const manager = await actor(MANAGER);
    const other = manager.odsCodes.find((c) => c !== OURS)!;
    const figures = await figuresFor(manager, { ...RANGE, odsCode: other });
    expect(figures.open.total).toBe(0);
    expect(figures.resolveTimes.every((w) => w.resolved === 0)).toBe(true);
    expect(figures.changes.every((w) => w.total === 0)).toBe(true);
    const mine = await figuresFor(manager, { ...RANGE, odsCode: OURS.toLowerCase() });
    expect(mine.open.total).toBe(3);
  });
});

describe("figures, as an auditor sees them (every organisation)", () => {
  it("counts the organisation nobody acts for too", async () => {
    const figures = await figuresFor(await actor(AUDITOR), RANGE);
    expect(figures.open.total).toBe(4);
    // 2, 4, 30 and 100 hours: median 17.
    expect(figures.resolveTimes[1]).toEqual({ week: "2026-10-12", resolved: 4, medianHours: 17, p90Hours: expect.closeTo(79, 5) });
    expect(figures.changes[1]!.byKind.role_removed).toBe(1);
    expect(figures.diagnoses).toContainEqual({ category: "no_care_id", count: 1 });
  });

  it("may look at any one organisation", async () => {
    const figures = await figuresFor(await actor(AUDITOR), { ...RANGE, odsCode: ELSEWHERE });
    expect(figures.open.total).toBe(1);
    expect(figures.changes[1]!.total).toBe(1);
  });
});

describe("the filter", () => {
  it.each([
    [{ odsCode: "not a code!" }, "odsCode"],
    [{ from: "2026-02-30" }, "from"],
    [{ from: "25/11/2026" }, "from"],
    [{ to: "2026-13-01" }, "to"],
    [{ from: "2026-11-10", to: "2026-11-01" }, "to"],
    [{ from: "2024-01-01", to: "2026-01-01" }, "to"],
    [{ from: "2020-01-01" }, "from"], // to today: far more than a year
    [{ odsCode: ELSEWHERE }, "odsCode"], // the manager does not act for it
    // The NHS date input's boxes.
    [{ fromDay: "30", fromMonth: "2", fromYear: "2026" }, "from"],
    [{ fromDay: "5", fromMonth: "10", fromYear: "" }, "from"],
    [{ toDay: "5", toMonth: "x", toYear: "2026" }, "to"],
    [{ toDay: "5", toMonth: "10", toYear: "26" }, "to"],
  ])("%j is refused on %s, with nothing read", async (query, field) => {
    const read = readDashboardFilter(await actor(MANAGER), query as Record<string, string>, NOW);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(Object.keys(read.errors)).toContain(field);
  });

  it("the date boxes give the same range as the days they name", async () => {
    const boxes = { fromDay: "5", fromMonth: "10", fromYear: "2026", toDay: "25", toMonth: "10", toYear: "2026" };
    const [fromBoxes, fromDays] = [readDashboardFilter(await actor(MANAGER), boxes, NOW), readDashboardFilter(await actor(MANAGER), RANGE, NOW)];
    expect(fromBoxes.ok && fromDays.ok).toBe(true);
    if (fromBoxes.ok && fromDays.ok) expect(fromBoxes.range).toEqual(fromDays.range);
  });

  it("blank fields mean the default: the twelve weeks to today", async () => {
    const read = readDashboardFilter(await actor(MANAGER), { odsCode: "", from: "", to: "", fromDay: "", fromMonth: "", fromYear: "" }, NOW);
    expect(read.ok).toBe(true);
    if (read.ok) expect((read.range.end.getTime() - read.range.start.getTime()) / (24 * HOUR)).toBe(84);
  });

  it("the page's load answers bad input with the errors and no figures, never a throw", async () => {
    await signInAs(MANAGER);
    const view = await loadDashboard({ odsCode: ELSEWHERE, from: "yesterday" });
    expect(view.figures).toBeNull();
    expect(view.errors).toMatchObject({ from: expect.any(String) });
  });
});

describe("who sees it", () => {
  it.each(["agent@ra.example", "advanced@ra.example", "agent-sussex@ra.example"])("%s is refused (403 page)", async (email) => {
    await signInAs(email);
    await expect(loadDashboard({})).rejects.toMatchObject({ digest: expect.stringContaining("403") });
    const refused = await db.auditEvent.findFirst({ where: { action: "security.access_denied", actorEmail: email }, orderBy: { id: "desc" } });
    expect(refused?.reason).toMatch(/dashboard/);
  });

  it("RA managers and auditors see the figures", async () => {
    for (const email of [MANAGER, AUDITOR]) {
      await signInAs(email);
      const view = await loadDashboard({});
      expect(view.figures?.ending.length).toBeGreaterThanOrEqual(4);
    }
  });
});

describe("the change log's day counts", () => {
  it("agree with the change log itself, day by day, action by action, organisation by organisation", async () => {
    // Whatever wrote the events (seed, changes above, security events), the trigger counted each one once.
    const day = onPostgres ? Prisma.sql`to_char("occurredAt", 'YYYY-MM-DD')` : Prisma.sql`substr("occurredAt", 1, 10)`;
    const fromLog = await db.$queryRaw<{ day: string; action: string; odsCode: string; count: number | bigint }[]>`
      SELECT ${day} AS "day", "action", COALESCE("odsCode", '') AS "odsCode", COUNT(*) AS "count" FROM "AuditEvent" GROUP BY 1, 2, 3`;
    const counted = await db.auditDayCount.findMany();
    const key = (r: { day: string; action: string; odsCode: string }) => `${r.day} ${r.action} ${r.odsCode}`;
    expect(fromLog.length).toBeGreaterThan(0);
    expect(new Map(counted.map((r) => [key(r), r.count]))).toEqual(new Map(fromLog.map((r) => [key(r), Number(r.count)])));
  });
});

import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { CHANGE_ACTIONS } from "@/lib/domain/dashboard";
import { db, provider } from "./db";

/** Which organisations' figures: `null` is every organisation (auditors), including requests that name none. */
export type DashboardScope = { odsCodes: string[] | null };

const OPEN = ["new", "in_progress", "waiting"];

const requestScope = (scope: DashboardScope): Prisma.AccessRequestWhereInput => (scope.odsCodes === null ? {} : { odsCode: { in: scope.odsCodes } });

/** Requests open now (not limited by the date range): few, so their SLA state is worked out in lib/domain. */
export function openRequests(scope: DashboardScope) {
  return db.accessRequest.findMany({
    where: { ...requestScope(scope), status: { in: OPEN } },
    select: { createdAt: true, status: true, slaPausedSeconds: true },
  });
}

/** Requests resolved within [start, end): when each came in and when it was resolved. */
export async function resolvedRequests(scope: DashboardScope, start: Date, end: Date) {
  const rows = await db.accessRequest.findMany({
    where: { ...requestScope(scope), status: "resolved", closedAt: { gte: start, lt: end } },
    select: { createdAt: true, closedAt: true },
  });
  return rows.flatMap((r) => (r.closedAt ? [{ createdAt: r.createdAt, closedAt: r.closedAt }] : []));
}

/** Requests received within [start, end), counted by the triage category they arrived with. */
export async function requestCategories(scope: DashboardScope, start: Date, end: Date) {
  const groups = await db.accessRequest.groupBy({
    by: ["category"],
    where: { ...requestScope(scope), createdAt: { gte: start, lt: end } },
    _count: { _all: true },
  });
  return groups.map((g) => ({ category: g.category, count: g._count._all }));
}

// The day in SQL (lib/domain/dashboard.ts folds days into weeks). SQLite keeps DateTime as ISO text
// ("2026-11-25T17:24:00.000+00:00"): its first ten characters are the UTC day, read from the index alone.
const DAY_SQL = {
  sqlite: Prisma.sql`substr("occurredAt", 1, 10)`,
  postgres: Prisma.sql`to_char("occurredAt", 'YYYY-MM-DD')`,
};
// Bound as text in the stored form, so SQLite compares like with like; PostgreSQL casts it to its timestamp.
const instant = (d: Date) =>
  provider === "sqlite" ? Prisma.sql`${d.toISOString().replace("Z", "+00:00")}` : Prisma.sql`CAST(${d.toISOString()} AS timestamp)`;

/**
 * Access changes in the change log within [start, end), counted per day and action by the database (a million
 * events never leave it), from a covering index: (action, occurredAt, odsCode) for every organisation,
 * (odsCode, action, occurredAt) for a few. SQLite without statistics picks the first for both, so it is told.
 */
export async function changeCounts(scope: DashboardScope, start: Date, end: Date): Promise<{ day: string; action: string; count: number }[]> {
  const scoped = scope.odsCodes !== null;
  const index = scoped && provider === "sqlite" ? Prisma.sql`INDEXED BY "AuditEvent_odsCode_action_occurredAt_idx"` : Prisma.empty;
  const orgs = !scoped ? Prisma.empty : Prisma.sql`AND "odsCode" IN (${scope.odsCodes!.length ? Prisma.join(scope.odsCodes!) : Prisma.sql`NULL`})`;
  const rows = await db.$queryRaw<{ day: string; action: string; count: number | bigint }[]>`
    SELECT ${DAY_SQL[provider]} AS "day", "action" AS "action", COUNT(*) AS "count"
    FROM "AuditEvent" ${index}
    WHERE "action" IN (${Prisma.join(CHANGE_ACTIONS)}) ${orgs}
      AND "occurredAt" >= ${instant(start)} AND "occurredAt" < ${instant(end)}
    GROUP BY 1, 2`;
  return rows.map((r) => ({ day: String(r.day), action: r.action, count: Number(r.count) }));
}

export type EndingGrant = {
  kind: "role" | "workgroup";
  code: string;
  smartcardId: string;
  personName: string;
  odsCode: string;
  endsAt: Date;
};

/** Live grants whose planned end falls within (now, until], soonest first. */
export async function grantsEndingSoon(scope: DashboardScope, now: Date, until: Date): Promise<EndingGrant[]> {
  const where = {
    endedAt: null,
    endsAt: { gt: now, lte: until },
    ...(scope.odsCodes === null ? {} : { position: { organisation: { odsCode: { in: scope.odsCodes } } } }),
  };
  const position = { select: { person: { select: { smartcardId: true, name: true } }, organisation: { select: { odsCode: true } } } };
  const [roles, workgroups] = await Promise.all([
    db.roleAssignment.findMany({ where, select: { roleCode: true, endsAt: true, position } }),
    db.workgroupMembership.findMany({ where, select: { workgroup: true, endsAt: true, position } }),
  ]);
  const row = (kind: EndingGrant["kind"], code: string, g: { endsAt: Date | null; position: (typeof roles)[number]["position"] }): EndingGrant => ({
    kind,
    code,
    smartcardId: g.position.person.smartcardId,
    personName: g.position.person.name,
    odsCode: g.position.organisation.odsCode,
    endsAt: g.endsAt!,
  });
  return [...roles.map((g) => row("role", g.roleCode, g)), ...workgroups.map((g) => row("workgroup", g.workgroup, g))].sort(
    (a, b) => a.endsAt.getTime() - b.endsAt.getTime() || a.personName.localeCompare(b.personName) || a.code.localeCompare(b.code),
  );
}

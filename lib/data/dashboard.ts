import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { CHANGE_ACTIONS } from "@/lib/domain/dashboard";
import { db } from "./db";

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

const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Access changes in the change log within [start, end) (whole UTC days, as the dashboard's range always is),
 * counted per day and action. Read from AuditDayCount, which a trigger keeps on every insert into the change
 * log, so weeks of a million events are a few hundred rows; lib/domain/dashboard.ts folds the days into weeks.
 */
export async function changeCounts(scope: DashboardScope, start: Date, end: Date): Promise<{ day: string; action: string; count: number }[]> {
  const rows = await db.auditDayCount.groupBy({
    by: ["day", "action"],
    where: {
      action: { in: [...CHANGE_ACTIONS] },
      day: { gte: utcDay(start), lt: utcDay(end) },
      ...(scope.odsCodes === null ? {} : { odsCode: { in: scope.odsCodes } }),
    },
    _sum: { count: true },
  });
  return rows.map((r) => ({ day: r.day, action: r.action, count: r._sum.count ?? 0 }));
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

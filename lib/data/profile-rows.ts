import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db, type Tx } from "./db";
import { sqlBool, sqlDate as date, sqlInt as int, type SqlDate } from "./raw-values";

// The profile read is the console's hottest path (every lookup, every API read, every change re-reads it).
// Prisma 6's query compiler plans a nested include afresh on every call, which cost about 15 ms of CPU per
// profile here, more than everything else in the request. These four statements fetch the same facts
// (person, positions with their organisations, active grants with the catalogue's name and CSMS flag, group
// memberships) in plain SQL that both SQLite and PostgreSQL accept; the results are typed below and checked by
// the integration suite on both databases.

type Client = Tx | typeof db;

export type GrantRow = { startedAt: Date; endsAt: Date | null; reviewedAt: Date | null; endedAt: Date | null };
export type RoleRow = GrantRow & { roleCode: string; jobRole: { name: string }; csmsAccess: boolean };
export type LoadedPosition = {
  id: number;
  organisation: {
    id: number;
    odsCode: string;
    name: string;
    kind: string;
    workgroupCreatedAt: Date | null;
    groups: { group: { id: number; odsCode: string; name: string } }[];
  };
  roles: RoleRow[];
  workgroups: GrantRow[];
};
export type LoadedPerson = { id: number; smartcardId: string; name: string; email: string | null; version: number; positions: LoadedPosition[] };
export type LoadedPeople = { people: LoadedPerson[]; groupMembers: Record<string, string[]> };

type PersonPositionRow = {
  personId: number;
  smartcardId: string;
  name: string;
  email: string | null;
  version: number;
  positionId: number | null;
  organisationId: number | null;
  odsCode: string | null;
  orgName: string | null;
  kind: string | null;
  workgroupCreatedAt: SqlDate | null;
};
type GrantSqlRow = { positionId: number; startedAt: SqlDate; endsAt: SqlDate | null; reviewedAt: SqlDate | null };
type RoleSqlRow = GrantSqlRow & { roleCode: string; roleName: string; csmsAccess: boolean | number | bigint };
type GroupSqlRow = { memberId: number; groupId: number; groupOdsCode: string; groupName: string; memberOdsCode: string };


/** People by smartcard ID with their positions and active grants, in four statements however many there are. */
export async function loadPeople(client: Client, smartcardIds: string[]): Promise<LoadedPeople> {
  const ids = [...new Set(smartcardIds)];
  if (ids.length === 0) return { people: [], groupMembers: {} };
  const rows = await client.$queryRaw<PersonPositionRow[]>`
    SELECT pe."id" AS "personId", pe."smartcardId", pe."name", pe."email", pe."version",
      po."id" AS "positionId", o."id" AS "organisationId", o."odsCode", o."name" AS "orgName", o."kind", o."workgroupCreatedAt"
    FROM "Person" pe
    LEFT JOIN "Position" po ON po."personId" = pe."id"
    LEFT JOIN "Organisation" o ON o."id" = po."organisationId"
    WHERE pe."smartcardId" IN (${Prisma.join(ids)})
    ORDER BY pe."id", po."id"`;
  if (rows.length === 0) return { people: [], groupMembers: {} };

  const positionIds = rows.flatMap((r) => (r.positionId === null ? [] : [int(r.positionId)]));
  const organisationIds = [...new Set(rows.flatMap((r) => (r.organisationId === null ? [] : [int(r.organisationId)])))];
  const [roles, workgroups, groups] =
    positionIds.length === 0
      ? [[], [], []]
      : await Promise.all([
          client.$queryRaw<RoleSqlRow[]>`
            SELECT r."positionId", r."roleCode", j."name" AS "roleName", j."csmsAccess", r."startedAt", r."endsAt", r."reviewedAt"
            FROM "RoleAssignment" r JOIN "JobRole" j ON j."code" = r."roleCode"
            WHERE r."endedAt" IS NULL AND r."positionId" IN (${Prisma.join(positionIds)})
            ORDER BY r."roleCode"`,
          client.$queryRaw<GrantSqlRow[]>`
            SELECT w."positionId", w."startedAt", w."endsAt", w."reviewedAt"
            FROM "WorkgroupMembership" w
            WHERE w."endedAt" IS NULL AND w."workgroup" = 'cervicalscreening' AND w."positionId" IN (${Prisma.join(positionIds)})
            ORDER BY w."id"`,
          // Each organisation's groups, and every member of each of those groups (what the verdict's coverage needs).
          client.$queryRaw<GroupSqlRow[]>`
            SELECT m."memberId", g."id" AS "groupId", g."odsCode" AS "groupOdsCode", g."name" AS "groupName", mo."odsCode" AS "memberOdsCode"
            FROM "OrganisationGroupMember" m
            JOIN "Organisation" g ON g."id" = m."groupId"
            JOIN "OrganisationGroupMember" gm ON gm."groupId" = m."groupId"
            JOIN "Organisation" mo ON mo."id" = gm."memberId"
            WHERE m."memberId" IN (${Prisma.join(organisationIds)})
            ORDER BY g."odsCode", mo."odsCode"`,
        ]);

  const groupMembers: Record<string, string[]> = {};
  const groupsOf = new Map<number, Map<number, { id: number; odsCode: string; name: string }>>();
  for (const g of groups) {
    const members = (groupMembers[g.groupOdsCode] ??= []);
    if (!members.includes(g.memberOdsCode)) members.push(g.memberOdsCode);
    const own = groupsOf.get(int(g.memberId)) ?? new Map();
    own.set(int(g.groupId), { id: int(g.groupId), odsCode: g.groupOdsCode, name: g.groupName });
    groupsOf.set(int(g.memberId), own);
  }
  const grant = (g: GrantSqlRow): GrantRow => ({ startedAt: date(g.startedAt)!, endsAt: date(g.endsAt), reviewedAt: date(g.reviewedAt), endedAt: null });
  const rolesAt = new Map<number, RoleRow[]>();
  for (const r of roles) {
    const list = rolesAt.get(int(r.positionId)) ?? [];
    list.push({ ...grant(r), roleCode: r.roleCode, jobRole: { name: r.roleName }, csmsAccess: sqlBool(r.csmsAccess) });
    rolesAt.set(int(r.positionId), list);
  }
  const workgroupsAt = new Map<number, GrantRow[]>();
  for (const w of workgroups) workgroupsAt.set(int(w.positionId), [...(workgroupsAt.get(int(w.positionId)) ?? []), grant(w)]);

  const people = new Map<number, LoadedPerson>();
  for (const row of rows) {
    const personId = int(row.personId);
    const person = people.get(personId) ?? { id: personId, smartcardId: row.smartcardId, name: row.name, email: row.email, version: int(row.version), positions: [] };
    people.set(personId, person);
    if (row.positionId === null || row.organisationId === null) continue;
    const positionId = int(row.positionId);
    const organisationId = int(row.organisationId);
    person.positions.push({
      id: positionId,
      organisation: {
        id: organisationId,
        odsCode: row.odsCode!,
        name: row.orgName!,
        kind: row.kind!,
        workgroupCreatedAt: date(row.workgroupCreatedAt),
        groups: [...(groupsOf.get(organisationId)?.values() ?? [])].map((group) => ({ group })),
      },
      roles: rolesAt.get(positionId) ?? [],
      workgroups: workgroupsAt.get(positionId) ?? [],
    });
  }
  return { people: [...people.values()], groupMembers };
}

export type PastGrant = {
  kind: "role" | "workgroup";
  odsCode: string;
  orgName: string;
  roleCode: string | null;
  roleName: string | null;
  startedAt: Date;
  grantedBy: string | null;
  grantReason: string;
  endedAt: Date;
  endedBy: string | null;
  endReason: string | null;
};

type PastGrantRow = {
  odsCode: string;
  orgName: string;
  roleCode: string | null;
  roleName: string | null;
  startedAt: SqlDate;
  grantedBy: string | null;
  grantReason: string;
  endedAt: SqlDate;
  endedBy: string | null;
  endReason: string | null;
};

/** Grants that have ended, newest end first: they are never deleted, so the full history stays visible. */
export async function findPastGrants(personId: number, limit = 50): Promise<PastGrant[]> {
  const [roles, workgroups] = await Promise.all([
    db.$queryRaw<PastGrantRow[]>`
      SELECT o."odsCode", o."name" AS "orgName", r."roleCode", j."name" AS "roleName", r."startedAt", gb."name" AS "grantedBy",
        r."grantReason", r."endedAt", eb."name" AS "endedBy", r."endReason"
      FROM "RoleAssignment" r
      JOIN "Position" po ON po."id" = r."positionId"
      JOIN "Organisation" o ON o."id" = po."organisationId"
      JOIN "JobRole" j ON j."code" = r."roleCode"
      LEFT JOIN "ConsoleUser" gb ON gb."id" = r."grantedById"
      LEFT JOIN "ConsoleUser" eb ON eb."id" = r."endedById"
      WHERE po."personId" = ${personId} AND r."endedAt" IS NOT NULL
      ORDER BY r."endedAt" DESC, r."id" DESC
      LIMIT ${limit}`,
    db.$queryRaw<PastGrantRow[]>`
      SELECT o."odsCode", o."name" AS "orgName", w."startedAt", gb."name" AS "grantedBy",
        w."grantReason", w."endedAt", eb."name" AS "endedBy", w."endReason"
      FROM "WorkgroupMembership" w
      JOIN "Position" po ON po."id" = w."positionId"
      JOIN "Organisation" o ON o."id" = po."organisationId"
      LEFT JOIN "ConsoleUser" gb ON gb."id" = w."grantedById"
      LEFT JOIN "ConsoleUser" eb ON eb."id" = w."endedById"
      WHERE po."personId" = ${personId} AND w."endedAt" IS NOT NULL
      ORDER BY w."endedAt" DESC, w."id" DESC
      LIMIT ${limit}`,
  ]);
  const common = (g: PastGrantRow) => ({
    odsCode: g.odsCode,
    orgName: g.orgName,
    startedAt: date(g.startedAt)!,
    grantedBy: g.grantedBy,
    grantReason: g.grantReason,
    endedAt: date(g.endedAt)!,
    endedBy: g.endedBy,
    endReason: g.endReason,
  });
  return [
    ...roles.map((r) => ({ kind: "role" as const, roleCode: r.roleCode, roleName: r.roleName, ...common(r) })),
    ...workgroups.map((w) => ({ kind: "workgroup" as const, roleCode: null, roleName: null, ...common(w) })),
  ]
    .sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime())
    .slice(0, limit);
}

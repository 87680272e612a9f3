import "server-only";
import { db, type Tx } from "./db";
import { csmsVerdict, type PositionFacts, type Verdict, type VerdictInput } from "@/lib/domain/verdict";

export type PositionView = PositionFacts & {
  positionId: number;
  organisationKind: string;
  groupName: string | null;
  roleGrants: { roleCode: string; roleName: string; startedAt: Date }[];
  workgroupSince: Date | null;
};

export type PersonProfile = {
  id: number;
  smartcardId: string;
  name: string;
  email: string | null;
  version: number;
  positions: PositionView[];
  verdict: Verdict;
  // What the verdict was computed from, so plans and IG checks use exactly the same facts.
  verdictInput: VerdictInput;
};

const positionInclude = {
  organisation: { include: { group: { select: { odsCode: true, name: true } } } },
  roles: { where: { endedAt: null }, orderBy: { roleCode: "asc" }, include: { jobRole: { select: { name: true } } } },
  workgroups: { where: { endedAt: null, workgroup: "cervicalscreening" } },
} as const;

/**
 * A person with their active grants and the CSMS verdict, in a fixed number of queries
 * (person + positions + grants in one include, then the groups' members and the catalogue).
 */
export async function findPersonProfile(smartcardId: string, client: Tx | typeof db = db): Promise<PersonProfile | null> {
  const person = await client.person.findUnique({
    where: { smartcardId },
    include: { positions: { include: positionInclude, orderBy: { id: "asc" } } },
  });
  if (!person) return null;

  const groupIds = [...new Set(person.positions.flatMap((p) => (p.organisation.groupId ? [p.organisation.groupId] : [])))];
  const heldCodes = [...new Set(person.positions.flatMap((p) => p.roles.map((r) => r.roleCode)))];
  const [members, csmsRoles] = await Promise.all([
    groupIds.length
      ? client.organisation.findMany({
          where: { groupId: { in: groupIds } },
          select: { odsCode: true, group: { select: { odsCode: true } } },
        })
      : Promise.resolve([]),
    client.jobRole.findMany({ where: { code: { in: heldCodes }, csmsAccess: true }, select: { code: true } }),
  ]);

  const groupMembers: Record<string, string[]> = {};
  for (const member of members) {
    if (member.group) (groupMembers[member.group.odsCode] ??= []).push(member.odsCode);
  }
  const csmsCodes = new Set(csmsRoles.map((r) => r.code));

  const positions: PositionView[] = person.positions.map((p) => ({
    positionId: p.id,
    odsCode: p.organisation.odsCode,
    orgName: p.organisation.name,
    organisationKind: p.organisation.kind,
    groupOdsCode: p.organisation.group?.odsCode ?? null,
    groupName: p.organisation.group?.name ?? null,
    roles: p.roles.map((r) => r.roleCode),
    roleGrants: p.roles.map((r) => ({ roleCode: r.roleCode, roleName: r.jobRole.name, startedAt: r.startedAt })),
    cervicalScreeningWorkgroup: p.workgroups.length > 0,
    workgroupSince: p.workgroups[0]?.startedAt ?? null,
  }));

  const verdictInput = { positions, isCsmsRole: (code: string) => csmsCodes.has(code), groupMembers };
  return {
    id: person.id,
    smartcardId: person.smartcardId,
    name: person.name,
    email: person.email,
    version: person.version,
    positions,
    verdict: csmsVerdict(verdictInput),
    verdictInput,
  };
}

/** The contract's JSON shape for a person (GET /api/v1/people/{smartcardId} and every mutation's reply). */
export function personJson(profile: PersonProfile) {
  const { verdict } = profile;
  return {
    smartcardId: profile.smartcardId,
    name: profile.name,
    version: profile.version,
    positions: profile.positions.map((p) => ({
      odsCode: p.odsCode,
      orgName: p.orgName,
      roles: p.roles,
      cervicalScreeningWorkgroup: p.cervicalScreeningWorkgroup,
    })),
    verdict: {
      canLogIn: verdict.canLogIn,
      error: verdict.error,
      selectable: verdict.selectable,
      coveredOdsCodes: verdict.coveredOdsCodes,
    },
  };
}

export async function listCsmsJobRoles() {
  return db.jobRole.findMany({
    where: { csmsAccess: true },
    orderBy: [{ userGroup: "asc" }, { code: "asc" }],
    select: { code: true, name: true, userGroup: true },
  });
}

export async function personExists(smartcardId: string): Promise<boolean> {
  return (await db.person.count({ where: { smartcardId } })) > 0;
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

/** Grants that have ended, newest end first: they are never deleted, so the full history stays visible. */
export async function findPastGrants(personId: number, limit = 50): Promise<PastGrant[]> {
  const position = { select: { organisation: { select: { odsCode: true, name: true } } } };
  const who = { select: { name: true } };
  const [roles, workgroups] = await Promise.all([
    db.roleAssignment.findMany({
      where: { endedAt: { not: null }, position: { personId } },
      include: { position, jobRole: { select: { name: true } }, grantedBy: who, endedBy: who },
      orderBy: { endedAt: "desc" },
      take: limit,
    }),
    db.workgroupMembership.findMany({
      where: { endedAt: { not: null }, position: { personId } },
      include: { position, grantedBy: who, endedBy: who },
      orderBy: { endedAt: "desc" },
      take: limit,
    }),
  ]);
  const common = (g: (typeof roles)[number] | (typeof workgroups)[number]) => ({
    odsCode: g.position.organisation.odsCode,
    orgName: g.position.organisation.name,
    startedAt: g.startedAt,
    grantedBy: g.grantedBy?.name ?? null,
    grantReason: g.grantReason,
    endedAt: g.endedAt!,
    endedBy: g.endedBy?.name ?? null,
    endReason: g.endReason,
  });
  return [
    ...roles.map((r) => ({ kind: "role" as const, roleCode: r.roleCode, roleName: r.jobRole.name, ...common(r) })),
    ...workgroups.map((w) => ({ kind: "workgroup" as const, roleCode: null, roleName: null, ...common(w) })),
  ]
    .sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime())
    .slice(0, limit);
}

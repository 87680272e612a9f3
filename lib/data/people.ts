import "server-only";
import { db, type Tx } from "./db";
import { loadPeople, type LoadedPerson } from "./profile-rows";

export { findPastGrants, type PastGrant } from "./profile-rows";
import { csmsVerdict, type PositionFacts, type Verdict, type VerdictInput } from "@/lib/domain/verdict";
import { grantLive, reviewDue, reviewDueOn, ukDay, type ReviewReason } from "@/lib/domain/grant-dates";

/** A live grant as the profile shows it: when it started, when it ends, and whether it is due for review. */
export type GrantView = { startedAt: Date; endsAt: Date | null; reviewedAt: Date; reviewDue: ReviewReason | null };
/** A grant whose end date has begun but that the expiry run has not formally ended yet: CSMS ignores it already. */
export type LapsedGrant = { kind: "role" | "workgroup"; roleCode: string | null; roleName: string | null; endsAt: Date };

export type PositionView = PositionFacts & {
  positionId: number;
  organisationKind: string;
  groups: { odsCode: string; name: string }[];
  roleGrants: ({ roleCode: string; roleName: string } & GrantView)[];
  workgroupSince: Date | null;
  workgroupGrant: GrantView | null;
  lapsed: LapsedGrant[];
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

/**
 * A person with their active grants and the CSMS verdict, in a fixed number of queries
 * (see lib/data/profile-rows.ts for why they are plain SQL).
 */
export async function findPersonProfile(smartcardId: string, client: Tx | typeof db = db): Promise<PersonProfile | null> {
  return (await findPersonProfiles([smartcardId], client))[0] ?? null;
}

/** Many people's profiles in the same fixed number of queries as one (a bulk file names hundreds). */
export async function findPersonProfiles(smartcardIds: string[], client: Tx | typeof db = db): Promise<PersonProfile[]> {
  const { people, groupMembers } = await loadPeople(client, smartcardIds);
  const now = new Date();
  const view = (g: { startedAt: Date; endsAt: Date | null; reviewedAt: Date | null }): GrantView => {
    const reviewedAt = g.reviewedAt ?? g.startedAt;
    return { startedAt: g.startedAt, endsAt: g.endsAt, reviewedAt, reviewDue: reviewDue({ endsAt: g.endsAt, reviewedAt }, now) };
  };
  return people.map((person) => profileOf(person, groupMembers, view, now));
}

function profileOf(
  person: LoadedPerson,
  allGroupMembers: Record<string, string[]>,
  view: (g: { startedAt: Date; endsAt: Date | null; reviewedAt: Date | null }) => GrantView,
  now: Date,
): PersonProfile {
  // This person's groups only, as when they are read alone.
  const groupMembers: Record<string, string[]> = {};
  for (const p of person.positions) for (const { group } of p.organisation.groups) if (allGroupMembers[group.odsCode]) groupMembers[group.odsCode] = allGroupMembers[group.odsCode]!;
  const positions: PositionView[] = person.positions.map((p) => {
    // From the moment its end date begins a grant no longer counts, whether or not the expiry run has ended it.
    const roles = p.roles.filter((r) => grantLive(r, now));
    const workgroup = p.workgroups.find((w) => grantLive(w, now));
    const lapsed: LapsedGrant[] = [
      ...p.roles.filter((r) => !grantLive(r, now)).map((r) => ({ kind: "role" as const, roleCode: r.roleCode, roleName: r.jobRole.name, endsAt: r.endsAt! })),
      ...p.workgroups.filter((w) => !grantLive(w, now)).map((w) => ({ kind: "workgroup" as const, roleCode: null, roleName: null, endsAt: w.endsAt! })),
    ];
    return {
      positionId: p.id,
      odsCode: p.organisation.odsCode,
      orgName: p.organisation.name,
      organisationKind: p.organisation.kind,
      groupOdsCodes: p.organisation.groups.map((m) => m.group.odsCode).sort(),
      groups: p.organisation.groups.map(({ group }) => ({ odsCode: group.odsCode, name: group.name })).sort((a, b) => a.odsCode.localeCompare(b.odsCode)),
      orgHasWorkgroup: p.organisation.workgroupCreatedAt !== null,
      roles: roles.map((r) => r.roleCode),
      roleGrants: roles.map((r) => ({ roleCode: r.roleCode, roleName: r.jobRole.name, ...view(r) })),
      cervicalScreeningWorkgroup: workgroup !== undefined,
      workgroupSince: workgroup?.startedAt ?? null,
      workgroupGrant: workgroup ? view(workgroup) : null,
      lapsed,
    };
  });

  // The catalogue's CSMS flag as read with the grants (only codes this person holds are ever asked about).
  const csmsCodes = new Set(person.positions.flatMap((p) => p.roles.filter((r) => r.csmsAccess).map((r) => r.roleCode)));
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

/** A live grant in the API: end date and review date as UK days (YYYY-MM-DD); the review date is when it is (or was) due. */
function grantJson(kind: "role" | "workgroup", code: string, g: GrantView) {
  return { kind, code, startedAt: g.startedAt.toISOString(), endDate: g.endsAt ? ukDay(g.endsAt) : null, reviewDue: ukDay(reviewDueOn(g)) };
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
      grants: [
        ...p.roleGrants.map((g) => grantJson("role", g.roleCode, g)),
        ...(p.workgroupGrant ? [grantJson("workgroup", "cervicalscreening", p.workgroupGrant)] : []),
      ],
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

/** RA staff and auditors are console users: a change to their own Care Identity needs a second person. */
export async function isConsoleUserProfile(personId: number): Promise<boolean> {
  return (await db.consoleUser.count({ where: { personId } })) > 0;
}

export type PositionFacts = {
  odsCode: string;
  orgName: string;
  groupOdsCodes: string[]; // every PCN / GP federation the organisation belongs to (often none, sometimes two)
  orgHasWorkgroup: boolean; // the organisation has a cervicalscreening workgroup at all (created by an RA manager)
  roles: string[]; // active job role codes held in this position (any RBAC codes)
  cervicalScreeningWorkgroup: boolean; // active membership of this organisation's cervicalscreening workgroup
};

export type VerdictInput = {
  positions: PositionFacts[];
  isCsmsRole: (roleCode: string) => boolean; // from the editable job role catalogue
  groupMembers: Record<string, string[]>; // group ODS code -> member organisation ODS codes
};

export type CsmsError = "no_valid_role" | "no_workgroup";

export type OrganisationStatus =
  | "ready" // valid CSMS role + workgroup here: selectable at login
  | "covered_by_group" // not ready itself, but another ready position in the same PCN/federation covers its records
  | "missing_workgroup" // valid role, no workgroup
  | "missing_role" // workgroup, no valid role
  | "missing_both";

export type OrganisationVerdict = {
  odsCode: string;
  orgName: string;
  csmsRoles: string[]; // valid CSMS roles held here (sorted)
  otherRoles: string[]; // roles held here that CSMS does not accept (sorted)
  cervicalScreeningWorkgroup: boolean;
  orgHasWorkgroup: boolean;
  status: OrganisationStatus;
  coveredBy: string | null; // ODS code of the ready position covering it (status covered_by_group), else null
};

export type Verdict = {
  canLogIn: boolean;
  error: CsmsError | null;
  selectable: { odsCode: string; roleCode: string }[];
  coveredOdsCodes: string[];
  organisations: OrganisationVerdict[];
};

type OwnStatus = Exclude<OrganisationStatus, "covered_by_group">;

function ownStatus(hasCsmsRole: boolean, hasWorkgroup: boolean): OwnStatus {
  if (hasCsmsRole && hasWorkgroup) return "ready";
  if (hasCsmsRole) return "missing_workgroup";
  if (hasWorkgroup) return "missing_role";
  return "missing_both";
}

// Own-property lookup: a group code must never resolve to something inherited from Object.prototype.
function membersOf(groupMembers: Record<string, string[]>, group: string): string[] {
  return Object.hasOwn(groupMembers, group) ? (groupMembers[group] ?? []) : [];
}

/** The ODS codes whose records a ready position opens: its own, plus the rest of every PCN/federation it is in. */
function codesCoveredBy(ready: PositionFacts, groupMembers: Record<string, string[]>): string[] {
  // A group's own code is an umbrella, not a practice with records, so it is never listed here.
  const members = ready.groupOdsCodes.flatMap((group) => membersOf(groupMembers, group).filter((code) => code !== group));
  return [...new Set([ready.odsCode, ...members])];
}

function covers(ready: PositionFacts, other: PositionFacts, groupMembers: Record<string, string[]>): boolean {
  // A shared group counts even if the member list is incomplete: the position's own group links are the
  // more direct fact about that organisation.
  if (ready.groupOdsCodes.some((group) => other.groupOdsCodes.includes(group))) return true;
  return codesCoveredBy(ready, groupMembers).includes(other.odsCode);
}

/**
 * Predicts what CSMS shows this person at login. CSMS needs a valid job role AND the cervicalscreening
 * workgroup at the same organisation; a ready practice also opens the records of its PCN/federation.
 */
export function csmsVerdict(input: VerdictInput): Verdict {
  const { positions, isCsmsRole, groupMembers } = input;

  const own = positions.map((p) => {
    const held = [...new Set(p.roles)].sort();
    const csmsRoles = held.filter((code) => isCsmsRole(code));
    const otherRoles = held.filter((code) => !isCsmsRole(code));
    return { csmsRoles, otherRoles, status: ownStatus(csmsRoles.length > 0, p.cervicalScreeningWorkgroup) };
  });

  const readyPositions = positions.filter((_, i) => own[i]?.status === "ready");

  const organisations: OrganisationVerdict[] = positions.map((p, i) => {
    const facts = own[i]!;
    let status: OrganisationStatus = facts.status;
    let coveredBy: string | null = null;
    if (status !== "ready") {
      // The first ready position in input order is named, so the answer is stable for the same input.
      const coverer = readyPositions.find((r) => covers(r, p, groupMembers));
      if (coverer) {
        status = "covered_by_group";
        coveredBy = coverer.odsCode;
      }
    }
    return {
      odsCode: p.odsCode,
      orgName: p.orgName,
      csmsRoles: facts.csmsRoles,
      otherRoles: facts.otherRoles,
      cervicalScreeningWorkgroup: p.cervicalScreeningWorkgroup,
      orgHasWorkgroup: p.orgHasWorkgroup,
      status,
      coveredBy,
    };
  });

  const selectable: { odsCode: string; roleCode: string }[] = [];
  const seenPairs = new Set<string>();
  for (const org of organisations) {
    if (org.status !== "ready") continue;
    for (const roleCode of org.csmsRoles) {
      // The same organisation may appear in two positions; CSMS offers each (org, role) once.
      const key = `${org.odsCode}\u0000${roleCode}`;
      if (seenPairs.has(key)) continue;
      seenPairs.add(key);
      selectable.push({ odsCode: org.odsCode, roleCode });
    }
  }

  const covered = new Set<string>();
  for (const r of readyPositions) for (const code of codesCoveredBy(r, groupMembers)) covered.add(code);
  for (const org of organisations) if (org.status === "covered_by_group") covered.add(org.odsCode);

  const canLogIn = readyPositions.length > 0;
  let error: CsmsError | null = null;
  if (!canLogIn) {
    // CSMS checks the role first: with no acceptable role anywhere, workgroups do not matter.
    error = own.some((o) => o.csmsRoles.length > 0) ? "no_workgroup" : "no_valid_role";
  }

  return { canLogIn, error, selectable, coveredOdsCodes: [...covered].sort(), organisations };
}

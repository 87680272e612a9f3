import { csmsVerdict, type OrganisationStatus, type VerdictInput } from "./verdict";

export type FixAction =
  | { kind: "add_workgroup"; odsCode: string }
  | { kind: "add_role"; odsCode: string; roleCode: null }; // null: the RA chooses which CSMS role fits the person's job

type NeedsFix = Extract<OrganisationStatus, "missing_workgroup" | "missing_role" | "missing_both">;

const COST: Record<NeedsFix, number> = { missing_workgroup: 1, missing_role: 1, missing_both: 2 };
// On equal cost a missing workgroup wins: adding it is one click, while a role needs the RA to choose
// which CSMS role matches the person's job.
const PREFERENCE: Record<NeedsFix, number> = { missing_workgroup: 0, missing_role: 1, missing_both: 2 };

function needsFix(status: OrganisationStatus): status is NeedsFix {
  return status === "missing_workgroup" || status === "missing_role" || status === "missing_both";
}

function actionsFor(status: NeedsFix, odsCode: string): FixAction[] {
  const addRole: FixAction = { kind: "add_role", odsCode, roleCode: null };
  const addWorkgroup: FixAction = { kind: "add_workgroup", odsCode };
  if (status === "missing_role") return [addRole];
  if (status === "missing_workgroup") return [addWorkgroup];
  return [addRole, addWorkgroup];
}

/**
 * The fewest permission changes that let the person into CSMS at every organisation they work at.
 * One ready practice opens its whole PCN/federation, so each group is fixed through a single position.
 */
export function planFix(input: VerdictInput): FixAction[] {
  const verdict = csmsVerdict(input);

  // Best candidate per fix unit, chosen in input order so ties keep the earlier position.
  const best = new Map<string, { index: number; status: NeedsFix }>();
  input.positions.forEach((position, index) => {
    const status = verdict.organisations[index]?.status;
    if (status === undefined || !needsFix(status)) return;
    // Two positions at one organisation share its workgroup, so they are fixed together too.
    const unit = position.groupOdsCode !== null ? `group:${position.groupOdsCode}` : `org:${position.odsCode}`;
    const current = best.get(unit);
    if (
      current === undefined ||
      COST[status] < COST[current.status] ||
      (COST[status] === COST[current.status] && PREFERENCE[status] < PREFERENCE[current.status])
    ) {
      best.set(unit, { index, status });
    }
  });

  return [...best.values()]
    .sort((a, b) => a.index - b.index)
    .flatMap(({ index, status }) => actionsFor(status, input.positions[index]!.odsCode));
}

/** One line for the RA's checklist, naming the organisation as the RA knows it. */
export function describeFix(action: FixAction, orgName?: string): string {
  const where = orgName ? `${action.odsCode} (${orgName})` : action.odsCode;
  return action.kind === "add_workgroup"
    ? `Add the cervicalscreening workgroup at ${where}`
    : `Add a CSMS job role at ${where}`;
}

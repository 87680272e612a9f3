import { csmsVerdict, type OrganisationVerdict, type VerdictInput } from "./verdict";

export type FixAction =
  | { kind: "add_workgroup"; odsCode: string }
  // Nobody can be added to a workgroup the organisation does not have: it must be created first.
  | { kind: "create_org_workgroup"; odsCode: string }
  | { kind: "add_role"; odsCode: string; roleCode: null }; // null: the RA chooses which CSMS role fits the person's job

/**
 * What to change so that CSMS lets the person in at the one organisation where they need it. Access is
 * given per person and per organisation (the NHS guidance calls blanket access an IG risk), so a plan
 * never touches a position the person did not ask about.
 */
export type FixPlan =
  // No organisation named and none can be inferred: the officer says where the person needs CSMS.
  | { state: "choose_organisation"; canLogInElsewhere: boolean; candidates: string[]; actions: [] }
  // CSMS already opens that organisation: its own role and workgroup, or a ready practice of its group.
  | { state: "already_has_access"; odsCode: string; coveredBy: string | null; actions: [] }
  // Positions are added in Care Identity Management, not here: nothing to grant until there is one.
  | { state: "no_position"; odsCode: string; actions: [] }
  | { state: "fix"; odsCode: string; actions: FixAction[] };

/** Where the person needs CSMS: the named organisation, else the only position of someone locked out. */
export function fixTarget(input: VerdictInput, named: string | null): string | null {
  if (named) return named;
  if (csmsVerdict(input).canLogIn) return null;
  const codes = [...new Set(input.positions.map((p) => p.odsCode))];
  return codes.length === 1 ? codes[0]! : null;
}

function actionsFor(org: OrganisationVerdict): FixAction[] {
  const out: FixAction[] = [];
  if (org.csmsRoles.length === 0) out.push({ kind: "add_role", odsCode: org.odsCode, roleCode: null });
  if (!org.cervicalScreeningWorkgroup) out.push({ kind: org.orgHasWorkgroup ? "add_workgroup" : "create_org_workgroup", odsCode: org.odsCode });
  return out;
}

/**
 * The fewest changes that let the person into CSMS at `named` (or at the organisation `fixTarget` infers).
 * A practice covered by a ready practice of its PCN/federation needs nothing; otherwise the missing
 * role and/or workgroup is added at that organisation itself, where its notifications are seen.
 */
export function planFix(input: VerdictInput, named: string | null): FixPlan {
  const target = fixTarget(input, named);
  const verdict = csmsVerdict(input);
  if (target === null) {
    return {
      state: "choose_organisation",
      canLogInElsewhere: verdict.canLogIn,
      candidates: [...new Set(verdict.organisations.filter((o) => o.status !== "ready" && o.status !== "covered_by_group").map((o) => o.odsCode))],
      actions: [],
    };
  }
  const here = verdict.organisations.filter((o) => o.odsCode === target);
  if (here.some((o) => o.status === "ready")) return { state: "already_has_access", odsCode: target, coveredBy: null, actions: [] };
  const covered = here.find((o) => o.status === "covered_by_group");
  if (covered) return { state: "already_has_access", odsCode: target, coveredBy: covered.coveredBy, actions: [] };
  if (verdict.coveredOdsCodes.includes(target)) {
    // No position there, but a ready practice of its group already opens its records: name that one,
    // not just any ready organisation.
    const inGroup = (group: string) => Object.hasOwn(input.groupMembers, group) && (input.groupMembers[group] ?? []).includes(target);
    const coverer = input.positions.find((p, i) => verdict.organisations[i]?.status === "ready" && p.groupOdsCodes.some(inGroup));
    return { state: "already_has_access", odsCode: target, coveredBy: coverer?.odsCode ?? null, actions: [] };
  }
  if (here.length === 0) return { state: "no_position", odsCode: target, actions: [] };
  // The same organisation twice (two positions): CSMS checks each position on its own, and a change at
  // the organisation reaches both, so the position needing the fewest changes decides (input order on ties).
  const actions = here.map(actionsFor).reduce((best, next) => (next.length < best.length ? next : best));
  return { state: "fix", odsCode: target, actions };
}

/** Said wherever the plan meets an organisation without its workgroup, instead of proposing the impossible. */
export const NO_ORG_WORKGROUP = "this organisation has no cervicalscreening workgroup yet: an RA manager must create it";
/** The field message when someone would be added to a workgroup their organisation does not have (400). */
export const NO_ORG_WORKGROUP_FIELD =
  "This organisation has no cervicalscreening workgroup yet: an RA manager or advanced RA agent must create it first";

/** One line for the RA's checklist, naming the organisation as the RA knows it. */
export function describeFix(action: FixAction, orgName?: string): string {
  const where = orgName ? `${action.odsCode} (${orgName})` : action.odsCode;
  switch (action.kind) {
    case "add_workgroup":
      return `Add the cervicalscreening workgroup at ${where}`;
    case "create_org_workgroup":
      return `No cervicalscreening workgroup can be added at ${where}: ${NO_ORG_WORKGROUP} (then add this person to it)`;
    case "add_role":
      return `Add a CSMS job role at ${where}`;
  }
}

/** What the plan says, in plain words, for the verdict panel and the request page. */
export function describePlan(plan: FixPlan, orgName: (odsCode: string) => string): string {
  const at = (code: string) => `${code} (${orgName(code)})`;
  switch (plan.state) {
    case "choose_organisation":
      return plan.canLogInElsewhere
        ? "CSMS already lets this person in. Choose an organisation only if they need CSMS there too."
        : "Choose the organisation where this person needs CSMS to see what to change.";
    case "already_has_access":
      return plan.coveredBy
        ? `Nothing to change: CSMS already opens the records of ${at(plan.odsCode)} through ${at(plan.coveredBy)} in the same PCN or federation (notifications show only for the person's own practice).`
        : `Nothing to change: CSMS already lets this person in at ${at(plan.odsCode)}.`;
    case "no_position":
      return `This person has no position at ${plan.odsCode}: a position must be added in Care Identity Management before CSMS access can be given there.`;
    case "fix":
      return plan.actions.some((a) => a.kind === "create_org_workgroup")
        ? `To let this person into CSMS at ${at(plan.odsCode)} (${NO_ORG_WORKGROUP} first):`
        : `To let this person into CSMS at ${at(plan.odsCode)}:`;
  }
}

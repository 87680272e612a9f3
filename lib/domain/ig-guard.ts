import { csmsVerdict, type VerdictInput } from "./verdict";

export type Grant = { kind: "add_role"; odsCode: string; roleCode: string } | { kind: "add_workgroup"; odsCode: string };

export type IgWarning = { code: "covered_by_group" | "already_has_access" | "many_organisations"; message: string };

// CSMS access at more organisations than this is unusual for one person: the RA should say why.
export const USUAL_ORGANISATIONS = 3;

function withGrant(input: VerdictInput, grant: Grant): VerdictInput {
  return {
    ...input,
    positions: input.positions.map((p) =>
      p.odsCode !== grant.odsCode
        ? p
        : grant.kind === "add_role"
          ? { ...p, roles: [...p.roles, grant.roleCode] }
          : { ...p, cervicalScreeningWorkgroup: true },
    ),
  };
}

const readyCodes = (input: VerdictInput) =>
  new Set(csmsVerdict(input).organisations.filter((o) => o.status === "ready").map((o) => o.odsCode));

/**
 * Information-governance check before a grant: warns when the verdict shows the access is not needed,
 * or when it would open CSMS at an unusual number of organisations. Each warning is a sentence the
 * officer can read and answer with a justification. Removing access never warns.
 */
export function igWarnings(input: VerdictInput, grant: Grant): IgWarning[] {
  const verdict = csmsVerdict(input);
  const here = verdict.organisations.filter((o) => o.odsCode === grant.odsCode);
  const warnings: IgWarning[] = [];

  const coveredHere = here.find((o) => o.status === "covered_by_group");
  if (here.some((o) => o.status === "ready")) {
    warnings.push({
      code: "already_has_access",
      message: `This person can already log in to CSMS at ${grant.odsCode}: they do not need another ${grant.kind === "add_role" ? "job role" : "workgroup"} there.`,
    });
  } else if (coveredHere) {
    warnings.push(
      grant.kind === "add_workgroup"
        ? {
            code: "covered_by_group",
            message: `${grant.odsCode} is already covered: ${coveredHere.coveredBy} in the same PCN or federation opens its records, so a second workgroup there is not needed.`,
          }
        : {
            code: "already_has_access",
            message: `This person already has CSMS access to ${grant.odsCode}'s records through ${coveredHere.coveredBy} in the same PCN or federation.`,
          },
    );
  }

  const before = readyCodes(input);
  const after = readyCodes(withGrant(input, grant));
  if (!before.has(grant.odsCode) && after.has(grant.odsCode) && after.size > USUAL_ORGANISATIONS) {
    warnings.push({
      code: "many_organisations",
      message: `This would give CSMS access at ${after.size} organisations (${[...after].sort().join(", ")}). Access is given only where the person needs it.`,
    });
  }
  return warnings;
}

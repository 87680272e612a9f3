import type { OrganisationStatus, Verdict } from "./verdict";

/** Where a requester who named several organisations stands at each of the others (the first one routes the request). */
export type OtherOrganisation = {
  odsCode: string;
  name: string | null;
  // can_log_in: CSMS lets them in there already (own role and workgroup, or through its PCN or federation);
  // a missing_* status: they hold a position there without everything CSMS needs; no_position: none there;
  // unknown: no profile to check against.
  state: "can_log_in" | Exclude<OrganisationStatus, "ready" | "covered_by_group"> | "no_position" | "unknown";
};

export function otherOrganisationStates(codes: string[], names: Map<string, string>, verdict: Verdict | null): OtherOrganisation[] {
  return codes.map((odsCode) => {
    const name = names.get(odsCode) ?? null;
    if (!verdict) return { odsCode, name, state: "unknown" };
    const here = verdict.organisations.find((o) => o.odsCode === odsCode);
    if (verdict.coveredOdsCodes.includes(odsCode) || here?.status === "ready" || here?.status === "covered_by_group") return { odsCode, name, state: "can_log_in" };
    return { odsCode, name, state: here ? here.status : "no_position" };
  });
}

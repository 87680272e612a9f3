import { NO_ORG_WORKGROUP } from "./fix";
import type { OrganisationStatus, OrganisationVerdict, Verdict } from "./verdict";

// Lookups may return "" or echo the code back when reference data is missing; avoid "R8001 R8001".
function labelled(code: string, name: string): string {
  const trimmed = name.trim();
  return trimmed === "" || trimmed === code ? code : `${code} ${trimmed}`;
}

function place(ods: string, orgName: (ods: string) => string): string {
  const name = orgName(ods).trim();
  return name === "" || name === ods ? ods : `${ods} (${name})`;
}

/** The first line of the verdict panel, in the words CSMS itself uses for its errors. */
export function verdictHeadline(
  v: Verdict,
  roleName: (code: string) => string,
  orgName: (ods: string) => string,
): string {
  if (!v.canLogIn) {
    return v.error === "no_workgroup" ? "CSMS will show: no workgroup" : "CSMS will show: no valid role";
  }
  const [first, ...rest] = v.selectable;
  if (first === undefined) return "Can log in to CSMS";
  if (rest.length === 0) {
    return `Can log in to CSMS as ${labelled(first.roleCode, roleName(first.roleCode))} at ${place(first.odsCode, orgName)}`;
  }
  const orgs = [...new Set(v.selectable.map((s) => s.odsCode))];
  const where = orgs.length === 1 ? place(first.odsCode, orgName) : `${orgs.length} organisations`;
  return `Can log in to CSMS and choose from ${v.selectable.length} roles at ${where}`;
}

const STATUS_WORDS: Record<OrganisationStatus, string> = {
  ready: "Ready: role and workgroup",
  covered_by_group: "Covered through the PCN / federation",
  missing_workgroup: "No cervicalscreening workgroup",
  missing_role: "No CSMS job role",
  missing_both: "No CSMS job role and no workgroup",
};

/** One organisation's line in the verdict panel; where the workgroup is missing because the organisation has none, it says so. */
export function organisationStatusText(o: OrganisationVerdict): string {
  const words = STATUS_WORDS[o.status];
  const lacksWorkgroup = o.status === "missing_workgroup" || o.status === "missing_both";
  return lacksWorkgroup && !o.orgHasWorkgroup ? `${words}: ${NO_ORG_WORKGROUP}` : words;
}

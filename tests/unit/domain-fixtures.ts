import type { PositionFacts, VerdictInput } from "@/lib/domain/verdict";

// The GP practice list from the "CSMS job roles" page: enough of the catalogue for the rules.
export const CSMS_ROLES = new Set([
  "R0260", "R8000", "R1780", "R0600", "R0620", "R8001", "R9809",
  "R9816", "R1480", "R8003", "R8006", "R8010", "R1730", "R8008", "R8009",
]);
// Real RBAC codes that CSMS does not accept (e.g. pharmacist, paramedic).
export const NON_CSMS = ["R8013", "R1290"];

export const GROUPS: Record<string, string[]> = {
  U11111: ["A81001", "A81002", "A81004"],
  U22222: ["B82001", "B82002"],
  U33333: ["C83001", "C83002", "C83003"],
};

export const NAMES: Record<string, string> = {
  A81001: "The Densham Surgery",
  A81002: "Queens Park Medical Centre",
  A81004: "Bluebell Medical Centre",
  B82001: "Harbour Practice",
  B82002: "Hillside Surgery",
  C83001: "Riverside Practice",
  C83002: "Castle Surgery",
  C83003: "Market Street Surgery",
  D84001: "Lone Practice",
  E85001: "Other Lone Practice",
};

function groupsOf(ods: string): string[] {
  return Object.entries(GROUPS).flatMap(([group, members]) => (members.includes(ods) ? [group] : []));
}

/** A position at `ods` with the given roles; "wg" marks workgroup membership. Its organisation has a workgroup. */
export function pos(ods: string, roles: string[], workgroup: boolean | "wg" = false): PositionFacts {
  return {
    odsCode: ods,
    orgName: NAMES[ods] ?? ods,
    groupOdsCodes: groupsOf(ods),
    orgHasWorkgroup: true,
    roles,
    cervicalScreeningWorkgroup: workgroup === true || workgroup === "wg",
  };
}

/** The same position at an organisation that has no cervicalscreening workgroup yet. */
export function withoutOrgWorkgroup(position: PositionFacts): PositionFacts {
  return { ...position, orgHasWorkgroup: false };
}

export function input(...positions: PositionFacts[]): VerdictInput {
  return { positions, isCsmsRole: (code) => CSMS_ROLES.has(code), groupMembers: GROUPS };
}

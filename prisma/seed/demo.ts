// The demo world as pure data (no database): the organisations the demo RA acts for, the console accounts,
// and the named scenarios' smartcard IDs. Tests import this to find people without hard-coding IDs.
import type { OrgKind } from "./ods-data";

export const DEMO_GRANT_REASON = "Demo data";
export const DEFAULT_DEMO_PASSWORD = "csms-demo-2026";

export const TRUST = { odsCode: "RYR", name: "University Hospitals Sussex NHS Foundation Trust", kind: "trust" } as const;

// The PCN's code is local (see prisma/seed/ods/README.md); the seed checks the JSON still gives it this code.
export const LANCING_PCN = { odsCode: "U90016", name: "West Sussex - Lancing PCN", kind: "pcn" } as const;

// Real codes and names (names as the seed title-cases them from epraccur.csv).
export const LANCING_PRACTICES = {
  ballTree: { odsCode: "H82065", name: "Ball Tree Surgery" },
  newPondRow: { odsCode: "H82091", name: "New Pond Row Surgery" },
  orchard: { odsCode: "H82096", name: "The Orchard Surgery" },
} as const;

export const DENSHAM = { odsCode: "A81001", name: "The Densham Surgery" } as const;
export const QUEENS_PARK = { odsCode: "A81002", name: "Queens Park Medical Centre" } as const;

export type DemoOrganisation = { odsCode: string; name: string; kind: OrgKind; groupOdsCodes: string[] };

export const demoOrganisations: DemoOrganisation[] = [
  { ...TRUST, groupOdsCodes: [] },
  { ...LANCING_PCN, groupOdsCodes: [] },
  ...Object.values(LANCING_PRACTICES).map((p) => ({ ...p, kind: "gp_practice" as const, groupOdsCodes: [LANCING_PCN.odsCode] })),
  { ...DENSHAM, kind: "gp_practice", groupOdsCodes: [] },
  { ...QUEENS_PARK, kind: "gp_practice", groupOdsCodes: [] },
];

/** Every organisation the demo RA agent and manager act for (the PCN itself included). */
export const demoOdsCodes: string[] = demoOrganisations.map((o) => o.odsCode);

/** The Lancing PCN's practices only: the scope of agent-sussex@ra.example. */
export const lancingPracticeCodes: string[] = Object.values(LANCING_PRACTICES).map((p) => p.odsCode);

/** Group ODS code -> member codes, as the verdict needs it, for the demo organisations. */
export const demoGroupMembers: Record<string, string[]> = { [LANCING_PCN.odsCode]: lancingPracticeCodes };

// Smartcard IDs: 5555 0000 00NN. "5555" marks demo data at a glance; NN numbers the people below.
const id = (n: number): string => `55550000${String(n).padStart(4, "0")}`;

/** Named scenario -> smartcard ID (12 bare digits). The comment says what the name promises. */
export const demoPeople = {
  alexAgent: id(1), // agent@ra.example's own profile: R8010 at A81001, no workgroup, which they may not fix themselves
  noWorkgroup: id(2), // R8001 at A81001 only, no workgroup anywhere: "no workgroup" (used by the e2e test)
  canLogIn: id(3), // R8001 + workgroup at A81001
  canLogInGp: id(4), // R0260 GP at A81002
  canLogInClerical: id(5), // R8010 at A81002
  canLogInTwoRoles: id(6), // R0620 + R8001 at A81002: two selectable roles
  canLogInPracticeManager: id(7), // R1780 at H82096 (also opens the rest of the Lancing PCN)
  canLogInReceptionist: id(8), // R1730 at A81001
  canLogInNursingAssociate: id(9), // R9809 at A81002, workgroup regranted after an ended one
  canLogInAdmin: id(10), // R8008 at H82091
  noRoles: id(11), // a position at A81002 with no roles and no workgroup: "no valid role"
  nonCsmsRoleOnly: id(12), // R0001 Privacy Officer at A81001: "no valid role"
  nonCsmsRoleWithWorkgroup: id(13), // R5105 + workgroup at RYR: "no valid role"
  workgroupOnly: id(14), // workgroup at A81002, no role: "no valid role"
  workgroupOnlyTwoOrgs: id(15), // workgroups at A81001 and A81002, no roles
  endedRoleOnly: id(16), // R0620 ended, workgroup still active: "no valid role" with history
  noWorkgroupClerical: id(17), // R8010 at A81002, no workgroup
  noWorkgroupEnded: id(18), // R8001 at A81002, workgroup ended: "no workgroup" with history
  noWorkgroupTwoOrgs: id(19), // roles at A81001 and A81002, no workgroups
  noWorkgroupPcnPractice: id(20), // R8001 at H82065, no workgroup in the PCN
  roleAndWorkgroupApart: id(21), // R8001 at A81001, workgroup at A81002: "no workgroup"
  roleAndWorkgroupApartTrust: id(22), // R0260 at RYR, workgroup at A81001
  roleAndWorkgroupApartPcn: id(23), // role at H82065, workgroup at H82091 (same PCN still needs both at one)
  mixedStatusCanLogIn: id(24), // ready at A81001, missing workgroup at A81002, missing role at RYR
  mixedStatusNoWorkgroup: id(25), // missing workgroup at A81001, missing role at A81002
  mixedStatusNoRole: id(26), // workgroup at A81001, non-CSMS role at A81002, nothing at RYR
  coveredByPcn: id(27), // ready at H82065, position without grants at H82091: covered
  coveredByPcnMissingWorkgroup: id(28), // ready at H82096, role only at H82065: covered
  coveredByPcnWholeGroup: id(29), // ready at H82091, positions at both other members
  locum: id(30), // ready at H82065, missing workgroup at A81001, covered at H82091
  trustReady: id(31), // R8001 + workgroup at RYR
  trustNoWorkgroup: id(32), // R8003 at RYR, no workgroup
  trustAndPractice: id(33), // ready at RYR, role only at A81002
  roleAtPracticeWorkgroupAtTrust: id(34), // R8000 at A81001, workgroup at RYR: "no workgroup"
  endedEverything: id(35), // role and workgroup both ended at H82091: "no valid role"
  formerStaffReturned: id(36), // ended grants at A81001 in 2025, regranted in 2026: ready
  canLogInClinicalPractitioner: id(37), // R8000 at A81001
  canLogInHealthcareAssistant: id(38), // R1480 at H82065
  noRolesAnywhere: id(39), // positions at A81001 and H82096 with nothing: "no valid role"
  nonCsmsAndEndedCsms: id(40), // R0001 active, R8001 ended at A81002: "no valid role"
} as const;

export type DemoScenario = keyof typeof demoPeople;

export type ConsoleRole = "ra_agent" | "advanced_ra_agent" | "ra_manager" | "auditor";

export type DemoConsoleUser = {
  email: string;
  name: string;
  role: ConsoleRole;
  odsCodes: string[]; // organisations this user acts for
  smartcardId: string | null; // their own Care Identity profile, if any
};

export const demoConsoleUsers: DemoConsoleUser[] = [
  { email: "agent@ra.example", name: "Alex Agent", role: "ra_agent", odsCodes: demoOdsCodes, smartcardId: demoPeople.alexAgent },
  // Manages workgroups (like an RA manager) for the same organisations as agent@.
  { email: "advanced@ra.example", name: "Ade Advanced", role: "advanced_ra_agent", odsCodes: demoOdsCodes, smartcardId: null },
  { email: "manager@ra.example", name: "Morgan Manager", role: "ra_manager", odsCodes: demoOdsCodes, smartcardId: null },
  { email: "auditor@ra.example", name: "Avery Auditor", role: "auditor", odsCodes: [], smartcardId: null },
  // Acts only for the Lancing PCN practices, so A81001 / A81002 / RYR are out of scope for this agent.
  { email: "agent-sussex@ra.example", name: "Sam Sussex", role: "ra_agent", odsCodes: lancingPracticeCodes, smartcardId: null },
];

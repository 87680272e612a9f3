// The demo people as pure data, with the verdict each one is meant to show, so a unit test can check the
// seed against the CSMS rules without a database. Smartcard IDs come from demoPeople in ./demo.
import { DENSHAM, LANCING_PRACTICES, QUEENS_PARK, TRUST, demoPeople, type DemoScenario } from "./demo";

/** Dates are ISO days (UTC); a grant with endedAt is history, not a current permission. */
export type GrantSeed = { startedAt: string; endedAt?: string; endReason?: string };
export type RoleSeed = GrantSeed & { code: string };
export type PositionSeed = { odsCode: string; title: string; roles: RoleSeed[]; workgroups: GrantSeed[] };

export type ExpectedVerdict = {
  canLogIn: boolean;
  error: "no_valid_role" | "no_workgroup" | null;
  coveredOdsCodes?: string[]; // checked exactly when given
};

export type PersonSeed = {
  scenario: DemoScenario;
  smartcardId: string;
  name: string;
  email: string;
  positions: PositionSeed[];
  expect: ExpectedVerdict;
};

const A1 = DENSHAM.odsCode;
const A2 = QUEENS_PARK.odsCode;
const RYR = TRUST.odsCode;
const BALL_TREE = LANCING_PRACTICES.ballTree.odsCode;
const NEW_POND_ROW = LANCING_PRACTICES.newPondRow.odsCode;
const ORCHARD = LANCING_PRACTICES.orchard.odsCode;
const WHOLE_PCN = [BALL_TREE, NEW_POND_ROW, ORCHARD];

type Ended = [endedAt: string, endReason: string];

const role = (code: string, startedAt: string, ended?: Ended): RoleSeed => ({ code, ...grant(startedAt, ended) });
const wg = (startedAt: string, ended?: Ended): GrantSeed => grant(startedAt, ended);

function grant(startedAt: string, ended?: Ended): GrantSeed {
  return ended ? { startedAt, endedAt: ended[0], endReason: ended[1] } : { startedAt };
}

function at(odsCode: string, title: string, roles: RoleSeed[] = [], workgroups: GrantSeed[] = []): PositionSeed {
  return { odsCode, title, roles, workgroups };
}

const OK: ExpectedVerdict = { canLogIn: true, error: null };
const NO_ROLE: ExpectedVerdict = { canLogIn: false, error: "no_valid_role" };
const NO_WG: ExpectedVerdict = { canLogIn: false, error: "no_workgroup" };

function person(scenario: DemoScenario, name: string, positions: PositionSeed[], expect: ExpectedVerdict): PersonSeed {
  // Addresses on a reserved example domain: realistic shape, never a real mailbox.
  const local = name.replace(/^Dr /, "").toLowerCase().replace(/[^a-z ]/g, "").trim().replace(/\s+/g, ".");
  return { scenario, smartcardId: demoPeople[scenario], name, email: `${local}@nhs.example`, positions, expect };
}

export const demoPersonSeeds: PersonSeed[] = [
  // The RA agent's own profile: broken on purpose, so the console can show they may not fix it themselves.
  person("alexAgent", "Alex Agent", [at(A1, "Administrator and RA agent", [role("R8010", "2025-02-03")])], NO_WG),

  // Can log in.
  person("noWorkgroup", "Priya Shah", [at(A1, "Practice nurse", [role("R8001", "2025-09-01")])], NO_WG),
  person("canLogIn", "Hannah Clarke", [at(A1, "Practice nurse", [role("R8001", "2025-04-07")], [wg("2025-04-07")])], OK),
  person("canLogInGp", "Dr Oliver Bennett", [at(A2, "GP partner", [role("R0260", "2025-01-13")], [wg("2025-01-13")])], OK),
  person("canLogInClerical", "Grace Okafor", [at(A2, "Administrator", [role("R8010", "2025-06-02")], [wg("2025-06-02")])], OK),
  person("canLogInTwoRoles", "Fiona MacLeod", [
    at(A2, "Senior practice nurse", [role("R0620", "2025-03-10"), role("R8001", "2025-03-10")], [wg("2025-03-10")]),
  ], OK),
  person("canLogInPracticeManager", "David Hughes", [
    at(ORCHARD, "Practice manager", [role("R1780", "2025-02-17")], [wg("2025-02-17")]),
  ], { ...OK, coveredOdsCodes: WHOLE_PCN }),
  person("canLogInReceptionist", "Chloe Evans", [at(A1, "Receptionist", [role("R1730", "2025-10-06")], [wg("2025-10-06")])], OK),
  person("canLogInNursingAssociate", "Amira Haddad", [
    at(A2, "Nursing associate", [role("R9809", "2025-01-20")], [
      wg("2025-01-20", ["2025-06-30", "Maternity leave"]),
      wg("2026-01-05"),
    ]),
  ], OK),
  person("canLogInAdmin", "Tom Fletcher", [at(NEW_POND_ROW, "Administrator", [role("R8008", "2025-05-12")], [wg("2025-05-12")])], OK),
  person("canLogInClinicalPractitioner", "Dr Samuel Adeyemi", [
    at(A1, "Advanced clinical practitioner", [role("R8000", "2025-07-01")], [wg("2025-07-01")]),
  ], OK),
  person("canLogInHealthcareAssistant", "Ellie Robinson", [
    at(BALL_TREE, "Healthcare assistant", [role("R1480", "2026-02-09")], [wg("2026-02-09")]),
  ], { ...OK, coveredOdsCodes: WHOLE_PCN }),
  person("formerStaffReturned", "Nadia Begum", [
    at(A1, "Practice nurse", [
      role("R0620", "2025-01-06", ["2025-05-30", "Left the practice"]),
      role("R0620", "2026-02-02"),
    ], [wg("2025-01-06", ["2025-05-30", "Left the practice"]), wg("2026-02-02")]),
  ], OK),

  // No valid role.
  person("noRoles", "Jessica Wright", [at(A2, "New starter")], NO_ROLE),
  person("noRolesAnywhere", "Connor Murphy", [at(A1, "Locum administrator"), at(ORCHARD, "Locum administrator")], NO_ROLE),
  person("nonCsmsRoleOnly", "Mark Thompson", [at(A1, "Information governance lead", [role("R0001", "2025-03-03")])], NO_ROLE),
  person("nonCsmsRoleWithWorkgroup", "Dr Susan Reid", [
    at(RYR, "Caldicott Guardian", [role("R5105", "2025-04-01")], [wg("2025-04-01")]),
  ], NO_ROLE),
  person("workgroupOnly", "Ben Carter", [at(A2, "Healthcare assistant", [], [wg("2025-11-03")])], NO_ROLE),
  person("workgroupOnlyTwoOrgs", "Leah Morgan", [
    at(A1, "Sample taker", [], [wg("2025-08-04")]),
    at(A2, "Sample taker", [], [wg("2025-08-04")]),
  ], NO_ROLE),
  person("endedRoleOnly", "Rachel Green", [
    at(A1, "Care coordinator", [role("R0620", "2025-02-10", ["2025-12-31", "Moved to a non-clinical post"])], [wg("2025-02-10")]),
  ], NO_ROLE),
  person("endedEverything", "Janet Cole", [
    at(NEW_POND_ROW, "Receptionist", [role("R1730", "2025-01-06", ["2026-04-30", "Retired"])], [
      wg("2025-01-06", ["2026-04-30", "Retired"]),
    ]),
  ], NO_ROLE),
  person("nonCsmsAndEndedCsms", "Joanne Hill", [
    at(A2, "Data protection officer", [
      role("R0001", "2025-09-15"),
      role("R8001", "2025-01-13", ["2025-09-14", "Changed job within the practice"]),
    ]),
  ], NO_ROLE),
  person("mixedStatusNoRole", "Peter Walsh", [
    at(A1, "Phlebotomist", [], [wg("2025-05-19")]),
    at(A2, "Information governance lead", [role("R0001", "2025-05-19")]),
    at(RYR, "Outpatient clerk"),
  ], NO_ROLE),

  // No workgroup: a valid role somewhere, never with the workgroup at the same organisation.
  person("noWorkgroupClerical", "Daniel Kowalski", [at(A2, "Secretary", [role("R8010", "2026-01-12")])], NO_WG),
  person("noWorkgroupEnded", "Sophie Turner", [
    at(A2, "Practice nurse", [role("R8001", "2025-04-14")], [wg("2025-04-14", ["2026-03-31", "Granted at the wrong organisation"])]),
  ], NO_WG),
  person("noWorkgroupTwoOrgs", "Imran Hussain", [
    at(A1, "Pharmacist practitioner", [role("R8003", "2025-10-20")]),
    at(A2, "Pharmacist practitioner", [role("R8003", "2025-10-20")]),
  ], NO_WG),
  person("noWorkgroupPcnPractice", "Lucy Barnes", [at(BALL_TREE, "Practice nurse", [role("R8001", "2026-03-02")])], NO_WG),
  person("roleAndWorkgroupApart", "Emma Wilson", [
    at(A1, "Practice nurse", [role("R8001", "2025-06-16")]),
    at(A2, "Practice nurse", [], [wg("2025-06-16")]),
  ], NO_WG),
  person("roleAndWorkgroupApartTrust", "Dr James O'Connor", [
    at(RYR, "Consultant gynaecologist", [role("R0260", "2025-03-24")]),
    at(A1, "Sessional GP", [], [wg("2025-03-24")]),
  ], NO_WG),
  // Same PCN, but the role and the workgroup must still meet at ONE practice before the group is opened.
  person("roleAndWorkgroupApartPcn", "Natalie Price", [
    at(BALL_TREE, "Practice nurse", [role("R0620", "2025-09-08")]),
    at(NEW_POND_ROW, "Practice nurse", [], [wg("2025-09-08")]),
  ], NO_WG),
  person("roleAtPracticeWorkgroupAtTrust", "Gareth Lloyd", [
    at(A1, "Advanced nurse practitioner", [role("R8000", "2025-12-01")]),
    at(RYR, "Colposcopy nurse", [], [wg("2025-12-01")]),
  ], NO_WG),
  person("mixedStatusNoWorkgroup", "Laura Jenkins", [
    at(A1, "Healthcare assistant", [role("R1480", "2025-07-07")]),
    at(A2, "Healthcare assistant", [], [wg("2025-07-07")]),
  ], NO_WG),

  // Several organisations, mixed status, and still able to log in.
  person("mixedStatusCanLogIn", "Kwame Mensah", [
    at(A1, "Nurse practitioner", [role("R8001", "2025-02-24")], [wg("2025-02-24")]),
    at(A2, "Nurse practitioner", [role("R8001", "2025-08-11")]),
    at(RYR, "Clinic nurse", [], [wg("2025-08-11")]),
  ], { ...OK, coveredOdsCodes: [A1] }),

  // Covered through the Lancing PCN: one ready practice opens the group's records.
  person("coveredByPcn", "Megan Ellis", [
    at(BALL_TREE, "Practice nurse", [role("R8001", "2025-04-28")], [wg("2025-04-28")]),
    at(NEW_POND_ROW, "Practice nurse"),
  ], { ...OK, coveredOdsCodes: WHOLE_PCN }),
  person("coveredByPcnMissingWorkgroup", "Ravi Patel", [
    at(ORCHARD, "Nurse specialist practitioner", [role("R0600", "2025-05-06")], [wg("2025-05-06")]),
    at(BALL_TREE, "Nurse specialist practitioner", [role("R0600", "2025-05-06")]),
  ], { ...OK, coveredOdsCodes: WHOLE_PCN }),
  person("coveredByPcnWholeGroup", "Zoe Campbell", [
    at(NEW_POND_ROW, "Medical secretary", [role("R8006", "2025-10-13")], [wg("2025-10-13")]),
    at(BALL_TREE, "Medical secretary"),
    at(ORCHARD, "Medical secretary"),
  ], { ...OK, coveredOdsCodes: WHOLE_PCN }),
  person("locum", "Dr Aisha Rahman", [
    at(BALL_TREE, "Locum GP", [role("R0260", "2025-11-17")], [wg("2025-11-17")]),
    at(A1, "Locum GP", [role("R0260", "2026-01-19")]),
    at(NEW_POND_ROW, "Locum GP"),
  ], { ...OK, coveredOdsCodes: WHOLE_PCN }),

  // The trust.
  person("trustReady", "Claire Dawson", [at(RYR, "Colposcopy nurse", [role("R8001", "2025-03-17")], [wg("2025-03-17")])], {
    ...OK,
    coveredOdsCodes: [RYR],
  }),
  person("trustNoWorkgroup", "Dr Mohammed Ali", [at(RYR, "Specialty doctor", [role("R8003", "2026-05-05")])], NO_WG),
  person("trustAndPractice", "Helen Foster", [
    at(RYR, "Colposcopy nurse", [role("R8001", "2025-06-09")], [wg("2025-06-09")]),
    at(A2, "Bank practice nurse", [role("R8001", "2026-04-13")]),
  ], { ...OK, coveredOdsCodes: [RYR] }),
];

/**
 * Every organisation the demo people hold positions at has its cervicalscreening workgroup (the seed gives it);
 * the other ~11,000 organisations have none until an RA manager or advanced RA agent creates one.
 */
export const demoWorkgroupOdsCodes: string[] = [...new Set(demoPersonSeeds.flatMap((p) => p.positions.map((pos) => pos.odsCode)))].sort();

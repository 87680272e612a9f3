import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { consoleRoleNames, type ConsoleRole } from "@/lib/auth/rules";
import { csmsVerdict, type Verdict } from "@/lib/domain/verdict";
import { csmsJobRoles, otherJobRoles } from "@/prisma/seed/job-roles";
import {
  DENSHAM,
  LANCING_PCN,
  LANCING_PRACTICES,
  demoConsoleUsers,
  demoGroupMembers,
  demoOdsCodes,
  demoOrganisations,
  demoPeople,
  lancingPracticeCodes,
  type DemoScenario,
} from "@/prisma/seed/demo";
import { demoPersonSeeds, demoWorkgroupOdsCodes, type PersonSeed } from "@/prisma/seed/people";
import { OdsImportError, parseEpraccur, parseWestSussexPcns } from "@/prisma/seed/ods-data";
import { titleCaseOrgName } from "@/prisma/seed/org-names";

const CSMS = new Set(csmsJobRoles.map((r) => r.code));
const CATALOGUE = new Set([...csmsJobRoles, ...otherJobRoles].map((r) => r.code));
const ORGS = new Map(demoOrganisations.map((o) => [o.odsCode, o]));

function seedOf(scenario: DemoScenario): PersonSeed {
  const seed = demoPersonSeeds.find((p) => p.scenario === scenario);
  if (!seed) throw new Error(`no seed for ${scenario}`);
  return seed;
}

/** The verdict the console will compute once the seed is in the database: only grants without endedAt count. */
function verdictOf(scenario: DemoScenario): Verdict {
  const seed = seedOf(scenario);
  return csmsVerdict({
    positions: seed.positions.map((p) => ({
      odsCode: p.odsCode,
      orgName: ORGS.get(p.odsCode)!.name,
      groupOdsCodes: ORGS.get(p.odsCode)!.groupOdsCodes,
      orgHasWorkgroup: demoWorkgroupOdsCodes.includes(p.odsCode),
      roles: p.roles.filter((r) => !r.endedAt).map((r) => r.code),
      cervicalScreeningWorkgroup: p.workgroups.some((w) => !w.endedAt),
    })),
    isCsmsRole: (code) => CSMS.has(code),
    groupMembers: demoGroupMembers,
  });
}

const statuses = (v: Verdict) => Object.fromEntries(v.organisations.map((o) => [o.odsCode, o.status]));

describe("every demo person shows the verdict their scenario promises", () => {
  it.each(demoPersonSeeds.map((p) => [p.scenario, p] as const))("%s", (scenario, seed) => {
    const verdict = verdictOf(scenario);
    expect({ canLogIn: verdict.canLogIn, error: verdict.error }).toEqual({ canLogIn: seed.expect.canLogIn, error: seed.expect.error });
    if (seed.expect.coveredOdsCodes) expect(verdict.coveredOdsCodes).toEqual([...seed.expect.coveredOdsCodes].sort());
  });
});

describe("the named scenarios", () => {
  it("noWorkgroup holds R8001 at A81001 only, with no workgroup anywhere (the end-to-end test relies on it)", () => {
    expect(seedOf("noWorkgroup").positions).toEqual([{ odsCode: "A81001", title: expect.any(String), roles: [{ code: "R8001", startedAt: expect.any(String) }], workgroups: [] }]);
    expect(verdictOf("noWorkgroup").error).toBe("no_workgroup");
    expect(demoPeople.noWorkgroup).toBe("555500000002");
  });

  it("people who can log in cover R8001, R0260 and R8010 among other roles", () => {
    const roles = new Set(demoPersonSeeds.flatMap((p) => verdictOf(p.scenario).selectable.map((s) => s.roleCode)));
    for (const code of ["R8001", "R0260", "R8010", "R1780", "R1730", "R9809"]) expect(roles).toContain(code);
    expect(verdictOf("canLogIn").selectable).toEqual([{ odsCode: "A81001", roleCode: "R8001" }]);
    expect(verdictOf("canLogInTwoRoles").selectable).toHaveLength(2);
  });

  it("no valid role: no roles at all, a non-CSMS role only, a workgroup only", () => {
    for (const s of ["noRoles", "nonCsmsRoleOnly", "workgroupOnly", "nonCsmsRoleWithWorkgroup", "endedRoleOnly"] as const) {
      expect(verdictOf(s).error, s).toBe("no_valid_role");
    }
    expect(verdictOf("nonCsmsRoleOnly").organisations[0]?.otherRoles).toEqual(["R0001"]);
  });

  it("role and workgroup at different organisations is still 'no workgroup', even inside one PCN", () => {
    expect(statuses(verdictOf("roleAndWorkgroupApart"))).toEqual({ A81001: "missing_workgroup", A81002: "missing_role" });
    expect(verdictOf("roleAndWorkgroupApartPcn").error).toBe("no_workgroup");
  });

  it("several organisations with mixed status", () => {
    expect(statuses(verdictOf("mixedStatusCanLogIn"))).toEqual({ A81001: "ready", A81002: "missing_workgroup", RYR: "missing_role" });
    expect(statuses(verdictOf("mixedStatusNoRole"))).toEqual({ A81001: "missing_role", A81002: "missing_both", RYR: "missing_both" });
  });

  it("coveredByPcn: ready at one Lancing practice, covered at another member", () => {
    const v = verdictOf("coveredByPcn");
    expect(v.coveredOdsCodes).toContain(LANCING_PRACTICES.newPondRow.odsCode);
    expect(v.organisations[1]).toMatchObject({ status: "covered_by_group", coveredBy: LANCING_PRACTICES.ballTree.odsCode });
  });

  it("the locum works at three practices: one ready, one missing the workgroup, one covered by the PCN", () => {
    expect(seedOf("locum").positions).toHaveLength(3);
    expect(Object.values(statuses(verdictOf("locum"))).sort()).toEqual(["covered_by_group", "missing_workgroup", "ready"]);
  });

  it("people at the trust RYR", () => {
    const atTrust = demoPersonSeeds.filter((p) => p.positions.some((pos) => pos.odsCode === "RYR"));
    expect(atTrust.length).toBeGreaterThanOrEqual(4);
    expect(statuses(verdictOf("trustReady"))).toEqual({ RYR: "ready" });
  });

  it("the RA agent's own profile is at a practice the agent acts for", () => {
    const agent = demoConsoleUsers.find((u) => u.email === "agent@ra.example")!;
    expect(agent.smartcardId).toBe(demoPeople.alexAgent);
    expect(agent.odsCodes).toContain(seedOf("alexAgent").positions[0]?.odsCode);
    expect(seedOf("alexAgent").name).toBe("Alex Agent");
  });
});

describe("the seed data is well formed", () => {
  it("one person per scenario, each with a unique 12-digit smartcard ID", () => {
    expect(demoPersonSeeds.map((p) => p.scenario).sort()).toEqual(Object.keys(demoPeople).sort());
    const ids = demoPersonSeeds.map((p) => p.smartcardId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^5555\d{8}$/);
    expect(demoPersonSeeds.length).toBeGreaterThanOrEqual(35);
  });

  it("positions are at demo organisations, once per organisation, with catalogue roles and 2025-2026 dates", () => {
    for (const p of demoPersonSeeds) {
      const codes = p.positions.map((pos) => pos.odsCode);
      expect(new Set(codes).size, p.scenario).toBe(codes.length);
      for (const pos of p.positions) {
        expect(demoOdsCodes).toContain(pos.odsCode);
        expect(ORGS.get(pos.odsCode)?.kind).not.toBe("pcn"); // people work at practices and trusts, not the umbrella
        for (const grant of [...pos.roles, ...pos.workgroups]) {
          expect(grant.startedAt).toMatch(/^202[56]-\d\d-\d\d$/);
          if (grant.endedAt) {
            expect(grant.endedAt > grant.startedAt).toBe(true);
            expect(grant.endReason).toBeTruthy();
          }
        }
        for (const r of pos.roles) expect(CATALOGUE, r.code).toContain(r.code);
      }
    }
  });

  it("includes ended grants, so history exists", () => {
    const ended = demoPersonSeeds.flatMap((p) => p.positions.flatMap((pos) => [...pos.roles, ...pos.workgroups])).filter((g) => g.endedAt);
    expect(ended.length).toBeGreaterThanOrEqual(4);
  });

  it("the Sussex agent acts only for the Lancing PCN practices", () => {
    const sussex = demoConsoleUsers.find((u) => u.email === "agent-sussex@ra.example")!;
    expect(sussex.odsCodes.sort()).toEqual([...lancingPracticeCodes].sort());
    expect(demoConsoleUsers.find((u) => u.role === "auditor")?.odsCodes).toEqual([]);
  });

  it("there is a demo account for every console role, and the advanced agent acts where agent@ does", () => {
    const roles: ConsoleRole[] = demoConsoleUsers.map((u) => u.role);
    expect([...new Set(roles)].sort()).toEqual(Object.keys(consoleRoleNames).sort());
    const advanced = demoConsoleUsers.find((u) => u.email === "advanced@ra.example")!;
    const agent = demoConsoleUsers.find((u) => u.email === "agent@ra.example")!;
    expect(advanced.role).toBe("advanced_ra_agent");
    expect([...advanced.odsCodes].sort()).toEqual([...agent.odsCodes].sort());
    expect(new Set(demoConsoleUsers.map((u) => u.email)).size).toBe(demoConsoleUsers.length);
  });
});

describe("ODS source files", () => {
  const ods = (name: string) => readFileSync(new URL(`../../prisma/seed/ods/${name}`, import.meta.url));

  it("derives the Lancing PCN's local code and members from the JSON", () => {
    const pcns = parseWestSussexPcns(JSON.parse(ods("west-sussex-gp-pcn.json").toString("utf8")));
    expect(pcns).toHaveLength(21);
    expect(pcns[0]?.odsCode).toBe("U90001");
    const lancing = pcns.find((p) => p.name === LANCING_PCN.name);
    expect(lancing?.odsCode).toBe(LANCING_PCN.odsCode);
    expect(lancing?.practices.map((p) => p.odsCode)).toEqual(lancingPracticeCodes);
  });

  it("the demo practices are active GP practices in epraccur, with the names the demo uses", () => {
    const byCode = new Map(parseEpraccur(ods("epraccur.csv")).map((o) => [o.odsCode, o]));
    for (const org of demoOrganisations.filter((o) => o.kind === "gp_practice")) {
      expect(byCode.get(org.odsCode)).toMatchObject({ odsCode: org.odsCode, name: org.name, kind: "gp_practice" });
    }
    // Two practices share a name: town and postcode tell them apart (line 4 is a county or LONDON, not the town).
    expect(byCode.get("E81021")).toMatchObject({ name: "Queens Park Health Centre", town: "Bedford", postcode: "MK40 4HR" });
    expect(byCode.get("E87755")).toMatchObject({ name: "Queens Park Health Centre", town: "Kensal Green", postcode: "W10 4LY" });
    expect(byCode.get(DENSHAM.odsCode)).toMatchObject({ town: "Stockton-on-Tees", postcode: "TS18 1HU" });
    expect(byCode.has("A81003")).toBe(false); // closed (status C)
    expect(byCode.get(DENSHAM.odsCode)?.name).toBe("The Densham Surgery");
  });

  it("a malformed row stops the parse with its line number", () => {
    const row = (code: string, status = "A") =>
      [code, "THE SURGERY", ...Array(10).fill(""), status, ...Array(12).fill(""), "4", ""].map((f) => `"${f}"`).join(",");
    expect(parseEpraccur([row("A81001"), row("A81002")].join("\n"))).toHaveLength(2);
    // No address lines and no postcode: no town or postcode is made up.
    expect(parseEpraccur(row("A81001"))[0]).toMatchObject({ town: null, postcode: null });
    expect(() => parseEpraccur([row("A81001"), row("A81002"), '"A81004","SHORT ROW"'].join("\n"))).toThrow(/line 3: expected 27 fields/);
    expect(() => parseEpraccur([row("A81001"), row("A81001")].join("\n"))).toThrow(/line 2: A81001 appears twice/);
    expect(() => parseEpraccur([row("A81001"), row("A81002", "X")].join("\n"))).toThrow(OdsImportError);
    expect(() => parseEpraccur(`${row("A81001")}\n"A81002,"BROKEN`)).toThrow(OdsImportError);
  });

  it.each([
    ["THE DENSHAM SURGERY", "The Densham Surgery"],
    ["NHS WEST SUSSEX PCN GP HUB", "NHS West Sussex PCN GP Hub"],
    ["ST. MARY'S SURGERY", "St. Mary's Surgery"],
    ["DR GT HENDOW'S PRACTICE", "Dr GT Hendow's Practice"],
    ["DR HR MCMURRAY'S PRACTICE", "Dr HR McMurray's Practice"],
    ["LINTON-ON-OUSE MEDICAL CENTRE", "Linton-on-Ouse Medical Centre"],
    ["STOCKTON HEATH MED.CENTRE", "Stockton Heath Med.Centre"],
    ["ADULT ADHD WIGAN/LEIGH NMP", "Adult ADHD Wigan/Leigh NMP"],
  ])("title-cases %s", (upper, expected) => {
    expect(titleCaseOrgName(upper)).toBe(expected);
  });
});

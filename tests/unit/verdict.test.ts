import { describe, expect, it } from "vitest";
import { csmsVerdict, type OrganisationStatus, type PositionFacts } from "@/lib/domain/verdict";
import { CSMS_ROLES, input, pos, withoutOrgWorkgroup } from "./domain-fixtures";

type Case = {
  name: string;
  positions: PositionFacts[];
  canLogIn: boolean;
  error: "no_valid_role" | "no_workgroup" | null;
  statuses: OrganisationStatus[];
  selectable?: string[]; // "ODS/ROLE"
  covered?: string[];
};

const cases: Case[] = [
  {
    name: "can log in: nurse access role and workgroup at one practice",
    positions: [pos("D84001", ["R8001"], "wg")],
    canLogIn: true, error: null, statuses: ["ready"],
    selectable: ["D84001/R8001"], covered: ["D84001"],
  },
  {
    name: "no valid role: only roles that CSMS does not accept, with the workgroup",
    positions: [pos("D84001", ["R8013", "R1290"], "wg")],
    canLogIn: false, error: "no_valid_role", statuses: ["missing_role"], selectable: [], covered: [],
  },
  {
    name: "no valid role: no roles at all",
    positions: [pos("D84001", [])],
    canLogIn: false, error: "no_valid_role", statuses: ["missing_both"],
  },
  {
    name: "no valid role: workgroups at two organisations but no role anywhere",
    positions: [pos("D84001", [], "wg"), pos("E85001", ["R8013"], "wg")],
    canLogIn: false, error: "no_valid_role", statuses: ["missing_role", "missing_role"],
  },
  {
    name: "no valid role: no positions at all",
    positions: [],
    canLogIn: false, error: "no_valid_role", statuses: [], selectable: [], covered: [],
  },
  {
    name: "no workgroup: valid role, no workgroup",
    positions: [pos("D84001", ["R0260"])],
    canLogIn: false, error: "no_workgroup", statuses: ["missing_workgroup"],
  },
  {
    name: "no workgroup: role at one organisation, workgroup at another",
    positions: [pos("D84001", ["R0260"]), pos("E85001", [], "wg")],
    canLogIn: false, error: "no_workgroup", statuses: ["missing_workgroup", "missing_role"],
    selectable: [], covered: [],
  },
  {
    name: "no workgroup: role and workgroup at different practices of the same PCN",
    positions: [pos("A81001", ["R0260"]), pos("A81002", [], "wg")],
    canLogIn: false, error: "no_workgroup", statuses: ["missing_workgroup", "missing_role"],
  },
  {
    name: "several organisations with mixed status",
    positions: [pos("D84001", ["R8013"], "wg"), pos("E85001", ["R1780", "R8010"], "wg"), pos("B82001", ["R0620"])],
    canLogIn: true, error: null, statuses: ["missing_role", "ready", "missing_workgroup"],
    selectable: ["E85001/R1780", "E85001/R8010"], covered: ["E85001"],
  },
  {
    name: "covered through the PCN: the ready practice opens every member's records",
    positions: [pos("A81002", ["R8001"], "wg"), pos("A81004", [])],
    canLogIn: true, error: null, statuses: ["ready", "covered_by_group"],
    selectable: ["A81002/R8001"], covered: ["A81001", "A81002", "A81004"],
  },
  {
    name: "locum at three practices: one ready, one missing workgroup in another PCN, one covered",
    positions: [pos("A81001", ["R0260"], "wg"), pos("B82001", ["R0260"]), pos("A81002", ["R0260"])],
    canLogIn: true, error: null, statuses: ["ready", "missing_workgroup", "covered_by_group"],
    selectable: ["A81001/R0260"], covered: ["A81001", "A81002", "A81004"],
  },
  {
    name: "ready at two PCNs: both groups covered, group codes themselves not listed",
    positions: [pos("A81004", ["R8000"], "wg"), pos("B82002", ["R8000", "R8003"], "wg")],
    canLogIn: true, error: null, statuses: ["ready", "ready"],
    selectable: ["A81004/R8000", "B82002/R8000", "B82002/R8003"],
    covered: ["A81001", "A81002", "A81004", "B82001", "B82002"],
  },
  {
    name: "duplicate role codes are counted once",
    positions: [pos("D84001", ["R8001", "R8001", "R8013", "R8013"], "wg")],
    canLogIn: true, error: null, statuses: ["ready"], selectable: ["D84001/R8001"],
  },
  {
    name: "the same organisation in two positions is offered once per role",
    positions: [pos("D84001", ["R8001"], "wg"), pos("D84001", ["R8001", "R0620"], "wg")],
    canLogIn: true, error: null, statuses: ["ready", "ready"],
    selectable: ["D84001/R8001", "D84001/R0620"], covered: ["D84001"],
  },
  {
    name: "role codes compare exactly: a lower-case code is not the CSMS role",
    positions: [pos("D84001", ["r8001", " R8001"], "wg")],
    canLogIn: false, error: "no_valid_role", statuses: ["missing_role"],
  },
];

describe("csmsVerdict", () => {
  it.each(cases)("$name", (c) => {
    const v = csmsVerdict(input(...c.positions));
    expect(v.canLogIn).toBe(c.canLogIn);
    expect(v.error).toBe(c.error);
    expect(v.organisations.map((o) => o.status)).toEqual(c.statuses);
    if (c.selectable) expect(v.selectable.map((s) => `${s.odsCode}/${s.roleCode}`)).toEqual(c.selectable);
    if (c.covered) expect(v.coveredOdsCodes).toEqual(c.covered);
  });

  it("splits and sorts roles per organisation, and names the covering practice", () => {
    const v = csmsVerdict(input(pos("A81001", ["R8013", "R8010", "R1290", "R0260", "R8010"], "wg"), pos("A81004", ["R1290"])));
    expect(v.organisations).toEqual([
      {
        odsCode: "A81001", orgName: "The Densham Surgery", csmsRoles: ["R0260", "R8010"],
        otherRoles: ["R1290", "R8013"], cervicalScreeningWorkgroup: true, orgHasWorkgroup: true, status: "ready", coveredBy: null,
      },
      {
        odsCode: "A81004", orgName: "Bluebell Medical Centre", csmsRoles: [], otherRoles: ["R1290"],
        cervicalScreeningWorkgroup: false, orgHasWorkgroup: true, status: "covered_by_group", coveredBy: "A81001",
      },
    ]);
  });

  it("names the first ready position in input order as the coverer", () => {
    const v = csmsVerdict(input(pos("A81004", []), pos("A81002", ["R8001"], "wg"), pos("A81001", ["R8001"], "wg")));
    expect(v.organisations[0]).toMatchObject({ status: "covered_by_group", coveredBy: "A81002" });
  });

  it("covers a position that names the group even when the member list misses it", () => {
    const late: PositionFacts = { ...pos("F86001", []), groupOdsCodes: ["U11111"] };
    const v = csmsVerdict(input(pos("A81001", ["R8001"], "wg"), late));
    expect(v.organisations[1]).toMatchObject({ status: "covered_by_group", coveredBy: "A81001" });
    expect(v.coveredOdsCodes).toEqual(["A81001", "A81002", "A81004", "F86001"]);
  });

  it("does not list the group's own code, even if the member list names it", () => {
    const v = csmsVerdict({
      positions: [pos("A81001", ["R8001"], "wg")],
      isCsmsRole: (c) => c === "R8001",
      groupMembers: { U11111: ["U11111", "A81001", "A81002"] },
    });
    expect(v.coveredOdsCodes).toEqual(["A81001", "A81002"]);
  });

  it("ignores group codes that only exist on Object.prototype", () => {
    const odd: PositionFacts = { ...pos("D84001", ["R8001"], "wg"), groupOdsCodes: ["constructor"] };
    expect(csmsVerdict(input(odd)).coveredOdsCodes).toEqual(["D84001"]);
  });

  it("does not let a practice in a different PCN be covered", () => {
    const v = csmsVerdict(input(pos("A81001", ["R8001"], "wg"), pos("C83001", [], "wg")));
    expect(v.organisations[1]).toMatchObject({ status: "missing_role", coveredBy: null });
  });

  it("does not mutate its input", () => {
    const positions = [pos("D84001", ["R8013", "R8001", "R8001"], "wg")];
    const before = structuredClone(positions);
    csmsVerdict(input(...positions));
    expect(positions).toEqual(before);
  });
});

describe("csmsVerdict for an organisation in several groups (a PCN and a GP federation)", () => {
  // P1 is in PCN U44444 with P2 and in federation U55555 with P3; P4 is in a stranger group U66666 only.
  const groupMembers = { U44444: ["P10001", "P10002"], U55555: ["P10001", "P10003"], U66666: ["P10004"] };
  const at = (ods: string, groups: string[], roles: string[] = [], wg = false): PositionFacts => ({
    odsCode: ods, orgName: ods, groupOdsCodes: groups, orgHasWorkgroup: true, roles, cervicalScreeningWorkgroup: wg,
  });
  const verdict = (...positions: PositionFacts[]) => csmsVerdict({ positions, isCsmsRole: (c) => CSMS_ROLES.has(c), groupMembers });
  const P1 = ["U44444", "U55555"];

  it("is covered by a ready position in its PCN", () => {
    const v = verdict(at("P10002", ["U44444"], ["R8001"], true), at("P10001", P1));
    expect(v.organisations[1]).toMatchObject({ status: "covered_by_group", coveredBy: "P10002" });
  });

  it("is covered by a ready position in its federation", () => {
    const v = verdict(at("P10003", ["U55555"], ["R8001"], true), at("P10001", P1));
    expect(v.organisations[1]).toMatchObject({ status: "covered_by_group", coveredBy: "P10003" });
  });

  it("when ready itself, opens the records of both groups", () => {
    expect(verdict(at("P10001", P1, ["R8001"], true)).coveredOdsCodes).toEqual(["P10001", "P10002", "P10003"]);
  });

  it("is not covered by a ready position in a group it is not in", () => {
    const v = verdict(at("P10004", ["U66666"], ["R8001"], true), at("P10001", P1));
    expect(v.organisations[1]).toMatchObject({ status: "missing_both", coveredBy: null });
    expect(v.coveredOdsCodes).toEqual(["P10004"]);
  });

  it("a PCN sibling is not covered through the federation it is not in", () => {
    // Ready at P3 (federation only): P1 is covered, P2 (PCN only) is not.
    const v = verdict(at("P10003", ["U55555"], ["R8001"], true), at("P10002", ["U44444"]));
    expect(v.organisations[1]).toMatchObject({ status: "missing_both", coveredBy: null });
    expect(v.coveredOdsCodes).toEqual(["P10001", "P10003"]);
  });
});

describe("csmsVerdict and the organisation's own workgroup", () => {
  it("reports whether each organisation has a workgroup, without changing what CSMS shows", () => {
    const v = csmsVerdict(input(withoutOrgWorkgroup(pos("D84001", ["R8001"])), pos("E85001", ["R8001"])));
    expect(v.organisations.map((o) => [o.odsCode, o.status, o.orgHasWorkgroup])).toEqual([
      ["D84001", "missing_workgroup", false],
      ["E85001", "missing_workgroup", true],
    ]);
    expect(v.error).toBe("no_workgroup");
  });
});

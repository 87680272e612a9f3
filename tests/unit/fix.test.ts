import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { describeFix, planFix, type FixAction } from "@/lib/domain/fix";
import { csmsVerdict, type PositionFacts } from "@/lib/domain/verdict";
import { input, NAMES, pos } from "./domain-fixtures";

const wg = (odsCode: string): FixAction => ({ kind: "add_workgroup", odsCode });
const role = (odsCode: string): FixAction => ({ kind: "add_role", odsCode, roleCode: null });

describe("planFix", () => {
  it.each<[string, PositionFacts[], FixAction[]]>([
    ["can already log in: nothing to do", [pos("D84001", ["R8001"], "wg")], []],
    ["no positions: nothing to do through permissions", [], []],
    ["missing workgroup", [pos("D84001", ["R8001"])], [wg("D84001")]],
    ["only roles CSMS does not accept", [pos("D84001", ["R8013"], "wg")], [role("D84001")]],
    ["no roles and no workgroup: role first", [pos("D84001", [])], [role("D84001"), wg("D84001")]],
    ["workgroup only", [pos("D84001", [], "wg")], [role("D84001")]],
    [
      "role and workgroup at different organisations: each is fixed",
      [pos("D84001", ["R0260"]), pos("E85001", [], "wg")],
      [wg("D84001"), role("E85001")],
    ],
    [
      "role and workgroup at different practices of one PCN: one workgroup fixes the group",
      [pos("A81002", [], "wg"), pos("A81001", ["R0260"])],
      [wg("A81001")],
    ],
    [
      "group: one action beats two",
      [pos("A81001", []), pos("A81002", [], "wg")],
      [role("A81002")],
    ],
    [
      "group: equal cost keeps input order",
      [pos("A81001", ["R8013"], "wg"), pos("A81002", [], "wg")],
      [role("A81001")],
    ],
    [
      "group: all missing both, the first is fixed",
      [pos("B82002", []), pos("B82001", [])],
      [role("B82002"), wg("B82002")],
    ],
    [
      "locum at three practices: only the uncovered one in another PCN is fixed",
      [pos("A81001", ["R0260"], "wg"), pos("B82001", ["R0260"]), pos("A81002", ["R0260"])],
      [wg("B82001")],
    ],
    [
      "a group with a ready practice needs nothing; other groups and loners are fixed in input order",
      [
        pos("D84001", []),
        pos("C83002", [], "wg"),
        pos("A81004", ["R8001"], "wg"),
        pos("C83001", ["R8001"]),
        pos("A81001", []),
        pos("E85001", ["R8001"]),
      ],
      [role("D84001"), wg("D84001"), wg("C83001"), wg("E85001")],
    ],
    [
      "the same organisation twice is fixed once",
      [pos("D84001", []), pos("D84001", ["R8001"])],
      [wg("D84001")],
    ],
    [
      "duplicate role codes do not change the plan",
      [pos("D84001", ["R8013", "R8013"], "wg")],
      [role("D84001")],
    ],
  ])("%s", (_label, positions, expected) => {
    expect(planFix(input(...positions))).toEqual(expected);
  });
});

describe("describeFix", () => {
  it.each<[FixAction, string | undefined, string]>([
    [wg("A81001"), "The Densham Surgery", "Add the cervicalscreening workgroup at A81001 (The Densham Surgery)"],
    [role("A81001"), "The Densham Surgery", "Add a CSMS job role at A81001 (The Densham Surgery)"],
    [wg("RXX"), undefined, "Add the cervicalscreening workgroup at RXX"],
    [role("U12345"), "", "Add a CSMS job role at U12345"],
  ])("%j with %j", (action, orgName, text) => {
    expect(describeFix(action, orgName)).toBe(text);
  });
});

// Random people drawn from two PCNs and two practices without a group, repeats allowed.
const ORGS = ["A81001", "A81002", "A81004", "B82001", "B82002", "D84001", "E85001"];
const ROLES = ["R8001", "R0260", "R8013", "R1290"];
const position = fc
  .record({
    ods: fc.constantFrom(...ORGS),
    roles: fc.subarray(ROLES),
    workgroup: fc.boolean(),
  })
  .map(({ ods, roles, workgroup }) => pos(ods, roles, workgroup));
const person = fc.array(position, { maxLength: 5 });

/** The RA carrying out actions: a workgroup is the organisation's, a role goes on the position there. */
function apply(positions: PositionFacts[], actions: FixAction[]): PositionFacts[] {
  return positions.map((p) => {
    const here = actions.filter((a) => a.odsCode === p.odsCode);
    return {
      ...p,
      roles: here.some((a) => a.kind === "add_role") ? [...p.roles, "R8001"] : p.roles,
      cervicalScreeningWorkgroup: p.cervicalScreeningWorkgroup || here.some((a) => a.kind === "add_workgroup"),
    };
  });
}

function everywhereOk(positions: PositionFacts[]): boolean {
  return csmsVerdict(input(...positions)).organisations.every(
    (o) => o.status === "ready" || o.status === "covered_by_group",
  );
}

function subsetsSmallerThan<T>(items: T[], size: number): T[][] {
  if (size === 0) return [];
  const out: T[][] = [[]];
  for (const item of items) {
    for (const s of [...out]) if (s.length + 1 < size) out.push([...s, item]);
  }
  return out;
}

describe("planFix properties", () => {
  it("carrying out the plan gives access at every organisation", () => {
    fc.assert(
      fc.property(person, (positions) => {
        const fixed = apply(positions, planFix(input(...positions)));
        expect(everywhereOk(fixed)).toBe(true);
        expect(csmsVerdict(input(...fixed)).canLogIn).toBe(positions.length > 0);
      }),
    );
  });

  it("the plan is empty exactly when nothing needs fixing", () => {
    fc.assert(
      fc.property(person, (positions) => {
        expect(planFix(input(...positions)).length === 0).toBe(everywhereOk(positions));
      }),
    );
  });

  it("no smaller set of changes would do", () => {
    fc.assert(
      fc.property(person, (positions) => {
        const plan = planFix(input(...positions));
        const codes = [...new Set(positions.map((p) => p.odsCode))];
        const candidates = codes.flatMap((c) => [wg(c), role(c)]);
        for (const smaller of subsetsSmallerThan(candidates, plan.length)) {
          expect(everywhereOk(apply(positions, smaller))).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("csmsVerdict invariants", () => {
  it("holds for random people", () => {
    fc.assert(
      fc.property(person, (positions) => {
        const v = csmsVerdict(input(...positions));
        const ready = v.organisations.filter((o) => o.status === "ready");
        expect(v.canLogIn).toBe(ready.length > 0);
        expect(v.error === null).toBe(v.canLogIn);
        expect(v.organisations).toHaveLength(positions.length);
        expect(v.coveredOdsCodes).toEqual([...new Set(v.coveredOdsCodes)].sort());
        for (const o of v.organisations) {
          if (o.status === "ready" || o.status === "covered_by_group") expect(v.coveredOdsCodes).toContain(o.odsCode);
          expect(o.coveredBy !== null).toBe(o.status === "covered_by_group");
          expect(NAMES[o.odsCode]).toBe(o.orgName);
        }
        for (const s of v.selectable) {
          expect(ready.some((o) => o.odsCode === s.odsCode && o.csmsRoles.includes(s.roleCode))).toBe(true);
        }
      }),
    );
  });
});

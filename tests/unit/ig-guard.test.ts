import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { planFix } from "@/lib/domain/fix";
import { igWarnings, USUAL_ORGANISATIONS, type Grant, type IgWarning } from "@/lib/domain/ig-guard";
import { csmsVerdict, type PositionFacts } from "@/lib/domain/verdict";
import { input, pos } from "./domain-fixtures";

const addRole = (odsCode: string, roleCode = "R8001"): Grant => ({ kind: "add_role", odsCode, roleCode });
const addWg = (odsCode: string): Grant => ({ kind: "add_workgroup", odsCode });
const codes = (ws: IgWarning[]) => ws.map((w) => w.code);
const ready = (ods: string) => pos(ods, ["R8001"], "wg");

describe("igWarnings: no warning for a grant the person needs", () => {
  it.each<[string, PositionFacts[], Grant]>([
    ["first workgroup where the role is held", [pos("D84001", ["R8001"])], addWg("D84001")],
    ["first role where the workgroup is held", [pos("D84001", [], "wg")], addRole("D84001")],
    ["a role at an organisation missing both (half of the fix)", [pos("D84001", [])], addRole("D84001")],
    ["a workgroup at a practice whose PCN has no ready member", [pos("A81001", ["R8001"]), pos("A81002", ["R8001"])], addWg("A81002")],
    ["a workgroup at a practice when only another PCN is ready", [ready("B82001"), pos("A81002", ["R8001"])], addWg("A81002")],
    ["a workgroup at a trust when a practice is ready", [ready("A81001"), pos("RYR", ["R8001"])], addWg("RYR")],
    ["third ready organisation", [ready("D84001"), ready("E85001"), pos("RYR", [], "wg")], addRole("RYR")],
    ["third ready organisation: a covered sibling does not count", [ready("A81001"), pos("A81002", []), ready("D84001"), pos("E85001", ["R8001"])], addWg("E85001")],
    ["third ready organisation: the same organisation held twice counts once", [ready("D84001"), ready("D84001"), ready("E85001"), pos("RYR", ["R8001"])], addWg("RYR")],
    ["already ready at 3, a role that does not make the 4th ready (no workgroup there)", [ready("D84001"), ready("E85001"), ready("RYR"), pos("B82001", [])], addRole("B82001")],
    ["already ready at 3, a role CSMS does not accept", [ready("D84001"), ready("E85001"), ready("RYR"), pos("B82001", [], "wg")], addRole("B82001", "R8013")],
    ["already ready at 3, a grant where there is no position", [ready("D84001"), ready("E85001"), ready("RYR")], addWg("B82001")],
    ["a grant for someone with no positions", [], addRole("D84001")],
  ])("%s", (_label, positions, grant) => {
    expect(igWarnings(input(...positions), grant)).toEqual([]);
  });
});

describe("igWarnings: access that is not needed", () => {
  it("a role where the person is already ready", () => {
    expect(igWarnings(input(ready("D84001")), addRole("D84001", "R0260"))).toEqual([
      { code: "already_has_access", message: "This person can already log in to CSMS at D84001: they do not need another job role there." },
    ]);
  });

  it("a workgroup where the person is already ready (another position there)", () => {
    expect(igWarnings(input(ready("D84001"), pos("D84001", [])), addWg("D84001"))).toEqual([
      { code: "already_has_access", message: "This person can already log in to CSMS at D84001: they do not need another workgroup there." },
    ]);
  });

  it("a workgroup at a practice already covered by a ready practice of its PCN", () => {
    expect(igWarnings(input(ready("A81001"), pos("A81002", ["R8001"])), addWg("A81002"))).toEqual([
      {
        code: "covered_by_group",
        message: "A81002 is already covered: A81001 in the same PCN or federation opens its records, so a second workgroup there is not needed.",
      },
    ]);
  });

  it("a role at a practice already covered by its PCN", () => {
    expect(igWarnings(input(pos("A81002", [], "wg"), ready("A81004")), addRole("A81002"))).toEqual([
      { code: "already_has_access", message: "This person already has CSMS access to A81002's records through A81004 in the same PCN or federation." },
    ]);
  });
});

describe("igWarnings: many organisations", () => {
  it(`warns at the ${USUAL_ORGANISATIONS + 1}th ready organisation, naming them all in order`, () => {
    expect(USUAL_ORGANISATIONS).toBe(3);
    expect(igWarnings(input(ready("RYR"), ready("E85001"), ready("D84001"), pos("A81001", ["R8001"])), addWg("A81001"))).toEqual([
      {
        code: "many_organisations",
        message: "This would give CSMS access at 4 organisations (A81001, D84001, E85001, RYR). Access is given only where the person needs it.",
      },
    ]);
  });

  it("warns at the 5th as well, by role", () => {
    const ws = igWarnings(input(ready("RYR"), ready("E85001"), ready("D84001"), ready("A81001"), pos("B82001", ["R8013"], "wg")), addRole("B82001"));
    expect(codes(ws)).toEqual(["many_organisations"]);
    expect(ws[0]?.message).toContain("at 5 organisations (A81001, B82001, D84001, E85001, RYR)");
  });

  it("does not warn at the 3rd", () => {
    expect(igWarnings(input(ready("E85001"), ready("D84001"), pos("A81001", ["R8001"])), addWg("A81001"))).toEqual([]);
  });

  it("does not warn when the grant is at an organisation already ready, however many there are", () => {
    const ws = igWarnings(input(ready("RYR"), ready("E85001"), ready("D84001"), ready("A81001")), addRole("A81001", "R0260"));
    expect(codes(ws)).toEqual(["already_has_access"]);
  });

  it("a covered practice made ready as a 4th organisation gets both warnings", () => {
    const ws = igWarnings(input(ready("A81001"), ready("D84001"), ready("E85001"), pos("A81002", ["R8001"])), addWg("A81002"));
    expect(codes(ws)).toEqual(["covered_by_group", "many_organisations"]);
  });

  it("does not change the input it checks", () => {
    const facts = input(ready("RYR"), ready("E85001"), ready("D84001"), pos("A81001", ["R8001"]));
    const before = structuredClone(facts.positions);
    igWarnings(facts, addWg("A81001"));
    igWarnings(facts, addRole("A81001"));
    expect(facts.positions).toEqual(before);
  });
});

// Random people, as in fix.test.ts: the guard must agree with the fix plan.
const ORGS = ["A81001", "A81002", "A81004", "B82001", "B82002", "D84001", "E85001", "RYR"];
const position = fc
  .record({ ods: fc.constantFrom(...ORGS), roles: fc.subarray(["R8001", "R0260", "R8013"]), workgroup: fc.boolean() })
  .map(({ ods, roles, workgroup }) => pos(ods, roles, workgroup));
const person = fc.array(position, { maxLength: 6 });

describe("igWarnings properties", () => {
  it("warns that access is not needed exactly where the fix plan says the person already has it", () => {
    fc.assert(
      fc.property(person, (positions) => {
        const facts = input(...positions);
        for (const code of new Set(positions.map((p) => p.odsCode))) {
          const open = planFix(facts, code).state === "already_has_access";
          for (const grant of [addRole(code), addWg(code)]) {
            const ws = codes(igWarnings(facts, grant));
            expect(ws.includes("already_has_access") || ws.includes("covered_by_group"), `${grant.kind} at ${code}`).toBe(open);
            expect(ws.includes("covered_by_group")).toBe(open && grant.kind === "add_workgroup" && !csmsVerdict(facts).organisations.some((o) => o.odsCode === code && o.status === "ready"));
          }
        }
      }),
    );
  });

  it("the fix plan's own grants never draw a not-needed warning; many_organisations only when one opens a 4th organisation", () => {
    fc.assert(
      fc.property(person, (positions) => {
        const facts = input(...positions);
        for (const code of new Set(positions.map((p) => p.odsCode))) {
          for (const action of planFix(facts, code).actions) {
            const grant: Grant = action.kind === "add_role" ? addRole(action.odsCode) : addWg(action.odsCode);
            const ws = codes(igWarnings(facts, grant));
            expect(ws.filter((c) => c !== "many_organisations")).toEqual([]);
            const before = readyCodes(positions);
            const after = readyCodes(carryOut(positions, grant));
            expect(ws.includes("many_organisations")).toBe(!before.has(code) && after.has(code) && after.size > USUAL_ORGANISATIONS);
          }
        }
      }),
    );
  });
});

/** The RA carrying out the grant: it reaches every position the person holds at that organisation. */
function carryOut(positions: PositionFacts[], grant: Grant): PositionFacts[] {
  return positions.map((p) =>
    p.odsCode !== grant.odsCode ? p : grant.kind === "add_role" ? { ...p, roles: [...p.roles, grant.roleCode] } : { ...p, cervicalScreeningWorkgroup: true },
  );
}

function readyCodes(positions: PositionFacts[]): Set<string> {
  return new Set(csmsVerdict(input(...positions)).organisations.filter((o) => o.status === "ready").map((o) => o.odsCode));
}

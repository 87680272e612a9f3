import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { describeFix, describePlan, fixTarget, planFix, type FixAction, type FixPlan } from "@/lib/domain/fix";
import { csmsVerdict, type PositionFacts } from "@/lib/domain/verdict";
import { GROUPS, input, NAMES, pos, withoutOrgWorkgroup } from "./domain-fixtures";

const wg = (odsCode: string): FixAction => ({ kind: "add_workgroup", odsCode });
const role = (odsCode: string): FixAction => ({ kind: "add_role", odsCode, roleCode: null });
const create = (odsCode: string): FixAction => ({ kind: "create_org_workgroup", odsCode });
const fix = (odsCode: string, ...actions: FixAction[]): FixPlan => ({ state: "fix", odsCode, actions });
const has = (odsCode: string, coveredBy: string | null = null): FixPlan => ({ state: "already_has_access", odsCode, coveredBy, actions: [] });
const noPosition = (odsCode: string): FixPlan => ({ state: "no_position", odsCode, actions: [] });
const choose = (canLogInElsewhere: boolean, candidates: string[]): FixPlan => ({ state: "choose_organisation", canLogInElsewhere, candidates, actions: [] });

// Issue "Safe grants", smartcard 5555 0000 0024: ready at A81001, role without workgroup at a lone
// practice, and a clinic nurse at the trust RYR with the workgroup but no CSMS role.
const mixed = [pos("A81001", ["R8001"], "wg"), pos("E85001", ["R8001"]), pos("RYR", [], "wg")];

describe("planFix: the organisation where the person needs CSMS", () => {
  it.each<[string, PositionFacts[], string | null, FixPlan]>([
    // Nothing to do where CSMS already lets them in.
    ["ready at the named organisation: nothing", [pos("D84001", ["R8001"], "wg")], "D84001", has("D84001")],
    ["5555 0000 0024, needs CSMS at A81001 where they are ready: nothing", mixed, "A81001", has("A81001")],
    ["5555 0000 0024, no organisation named: they can log in, so nothing is guessed", mixed, null, choose(true, ["E85001", "RYR"])],
    ["ready at one PCN practice, needs the sibling where they hold a position: nothing", [pos("A81001", ["R8001"], "wg"), pos("A81002", [])], "A81002", has("A81002", "A81001")],
    ["ready at one PCN practice, sibling holds a role only: still no workgroup there", [pos("A81001", ["R8001"], "wg"), pos("A81002", ["R8001"])], "A81002", has("A81002", "A81001")],
    ["ready at one PCN practice, sibling without a position: covered all the same", [pos("A81001", ["R8001"], "wg")], "A81004", has("A81004", "A81001")],
    ["covered sibling named while also ready at a lone practice listed first: names the PCN practice", [pos("D84001", ["R8001"], "wg"), pos("A81001", ["R8001"], "wg")], "A81002", has("A81002", "A81001")],
    ["same organisation twice, ready in one position", [pos("D84001", []), pos("D84001", ["R8001"], "wg")], "D84001", has("D84001")],

    // The missing pieces at the target itself, and nowhere else.
    ["5555 0000 0024, needs CSMS at RYR: a role at RYR only", mixed, "RYR", fix("RYR", role("RYR"))],
    ["5555 0000 0024, needs CSMS at E85001: a workgroup at E85001 only", mixed, "E85001", fix("E85001", wg("E85001"))],
    ["missing workgroup, target inferred from the only position", [pos("D84001", ["R8001"])], null, fix("D84001", wg("D84001"))],
    ["only roles CSMS does not accept", [pos("D84001", ["R8013"], "wg")], "D84001", fix("D84001", role("D84001"))],
    ["duplicate non-CSMS roles do not change the plan", [pos("D84001", ["R8013", "R8013"], "wg")], "D84001", fix("D84001", role("D84001"))],
    ["no roles and no workgroup: role first", [pos("D84001", [])], "D84001", fix("D84001", role("D84001"), wg("D84001"))],
    ["role here, workgroup at another organisation: a workgroup here, nothing there", [pos("D84001", ["R0260"]), pos("E85001", [], "wg")], "D84001", fix("D84001", wg("D84001"))],
    ["the other way round: a role there, nothing here", [pos("D84001", ["R0260"]), pos("E85001", [], "wg")], "E85001", fix("E85001", role("E85001"))],
    [
      "role at one PCN practice, nothing at the needed sibling: fixed at the sibling, not by a workgroup at the first practice",
      [pos("A81001", ["R8001"]), pos("A81002", [])],
      "A81002",
      fix("A81002", role("A81002"), wg("A81002")),
    ],
    [
      "workgroup at one PCN practice, role at the needed sibling: a workgroup at the sibling",
      [pos("A81002", [], "wg"), pos("A81001", ["R0260"])],
      "A81001",
      fix("A81001", wg("A81001")),
    ],
    ["ready in another PCN does not cover this one", [pos("B82001", ["R8001"], "wg"), pos("A81001", ["R8001"])], "A81001", fix("A81001", wg("A81001"))],
    ["the same organisation twice, role in one: one workgroup", [pos("D84001", []), pos("D84001", ["R8001"])], "D84001", fix("D84001", wg("D84001"))],
    ["the same organisation twice, role in one and workgroup in the other: one change, not none", [pos("D84001", ["R8001"]), pos("D84001", [], "wg")], "D84001", fix("D84001", wg("D84001"))],

    // No position: nothing can be granted there.
    ["named organisation without a position", [pos("D84001", ["R8001"])], "E85001", noPosition("E85001")],
    ["a PCN's own code is not a practice it covers", [pos("A81001", ["R8001"], "wg")], "U11111", noPosition("U11111")],
    ["no positions at all, organisation named", [], "D84001", noPosition("D84001")],

    // Nothing named and nothing to infer.
    ["no positions, nothing named", [], null, choose(false, [])],
    ["locked out at two organisations: the officer chooses", [pos("D84001", ["R8001"]), pos("E85001", [], "wg")], null, choose(false, ["D84001", "E85001"])],
    ["locked out at one organisation held twice: inferred", [pos("D84001", []), pos("D84001", ["R8001"])], null, fix("D84001", wg("D84001"))],
    ["can log in, one position: nothing to infer", [pos("D84001", ["R8001"], "wg")], null, choose(true, [])],
    ["can log in; the covered sibling is not a candidate", [pos("A81001", ["R8001"], "wg"), pos("A81002", []), pos("D84001", [])], null, choose(true, ["D84001"])],
    ["empty name counts as not named", [pos("D84001", ["R8001"])], "", fix("D84001", wg("D84001"))],
  ])("%s", (_label, positions, named, expected) => {
    expect(planFix(input(...positions), named)).toEqual(expected);
  });

  it("never proposes anything at an organisation other than the one named", () => {
    const plan = planFix(input(pos("A81001", ["R8001"]), pos("A81002", []), pos("D84001", []), pos("E85001", ["R0260"])), "A81002");
    expect(plan.actions.map((a) => a.odsCode)).toEqual(["A81002", "A81002"]);
  });
});

describe("fixTarget", () => {
  it.each<[string, PositionFacts[], string | null, string | null]>([
    ["the named organisation wins, held or not", [pos("D84001", [])], "E85001", "E85001"],
    ["locked out at one organisation", [pos("D84001", [])], null, "D84001"],
    ["locked out at two", [pos("D84001", []), pos("E85001", [])], null, null],
    ["can log in somewhere", [pos("D84001", ["R8001"], "wg")], null, null],
    ["can log in, one other position", [pos("D84001", ["R8001"], "wg"), pos("E85001", [])], null, null],
    ["no positions", [], null, null],
  ])("%s", (_label, positions, named, target) => {
    expect(fixTarget(input(...positions), named)).toBe(target);
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

describe("describePlan", () => {
  const name = (code: string) => NAMES[code] ?? "Unknown";
  it.each<[FixPlan, string]>([
    [choose(true, []), "CSMS already lets this person in. Choose an organisation only if they need CSMS there too."],
    [choose(false, ["D84001"]), "Choose the organisation where this person needs CSMS to see what to change."],
    [has("D84001"), "Nothing to change: CSMS already lets this person in at D84001 (Lone Practice)."],
    [
      has("A81002", "A81001"),
      "Nothing to change: CSMS already opens the records of A81002 (Queens Park Medical Centre) through A81001 (The Densham Surgery) in the same PCN or federation (notifications show only for the person's own practice).",
    ],
    [noPosition("E85001"), "This person has no position at E85001: a position must be added in Care Identity Management before CSMS access can be given there."],
    [fix("D84001", wg("D84001")), "To let this person into CSMS at D84001 (Lone Practice):"],
  ])("%j", (plan, text) => {
    expect(describePlan(plan, name)).toBe(text);
  });
});

// Random people drawn from two PCNs, two practices without a group and a trust, repeats allowed.
const ORGS = ["A81001", "A81002", "A81004", "B82001", "B82002", "D84001", "E85001", "RYR"];
// Targets also include codes no position is at: a practice of a third PCN, PCNs' own codes, a stranger.
const NOT_HELD = ["C83001", "U11111", "U22222", "ZZZ99"];
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

/** CSMS opens `target` for this person: ready there, or a ready practice of its group covers it. */
function okAt(positions: PositionFacts[], target: string): boolean {
  const v = csmsVerdict(input(...positions));
  const here = v.organisations.filter((o) => o.odsCode === target);
  return here.some((o) => o.status === "ready" || o.status === "covered_by_group") || v.coveredOdsCodes.includes(target);
}

// Every organisation a position could be at (held or not), and a few codes no position is ever at.
const targets = (positions: PositionFacts[]) => [...new Set([...positions.map((p) => p.odsCode), ...ORGS, ...NOT_HELD])];

function subsets<T>(items: T[]): T[][] {
  return items.reduce<T[][]>((out, item) => [...out, ...out.map((s) => [...s, item])], [[]]);
}

function groupOf(code: string): string | null {
  return Object.entries(GROUPS).find(([, members]) => members.includes(code))?.[0] ?? null;
}

describe("planFix properties, for every target", () => {
  it("carrying out the plan lets the person in at the target (or there was nothing to do)", () => {
    fc.assert(
      fc.property(person, (positions) => {
        for (const target of targets(positions)) {
          const plan = planFix(input(...positions), target);
          if (plan.state === "fix") expect(okAt(apply(positions, plan.actions), target), target).toBe(true);
          if (plan.state === "already_has_access") expect(okAt(positions, target), target).toBe(true);
        }
      }),
    );
  });

  it("is minimal: dropping any action fails, and no smaller set of changes at the target works", () => {
    fc.assert(
      fc.property(person, (positions) => {
        for (const target of targets(positions)) {
          const plan = planFix(input(...positions), target);
          plan.actions.forEach((_, i) => {
            const fewer = plan.actions.filter((__, j) => j !== i);
            expect(okAt(apply(positions, fewer), target), `${target} without action ${i}`).toBe(false);
          });
          if (plan.state !== "fix") continue;
          for (const smaller of subsets([role(target), wg(target)]).filter((s) => s.length < plan.actions.length)) {
            expect(okAt(apply(positions, smaller), target), `${target} with ${JSON.stringify(smaller)}`).toBe(false);
          }
          expect(new Set(plan.actions.map((a) => a.kind)).size).toBe(plan.actions.length);
        }
      }),
    );
  });

  it("never touches an organisation other than the target", () => {
    fc.assert(
      fc.property(person, (positions) => {
        for (const target of targets(positions)) {
          const plan = planFix(input(...positions), target);
          expect(plan.state).not.toBe("choose_organisation");
          if (plan.state !== "choose_organisation") expect(plan.odsCode).toBe(target);
          for (const a of plan.actions) expect(a.odsCode).toBe(target);
        }
      }),
    );
  });

  it("is empty exactly when the target is already open or has no position, and the state says which", () => {
    fc.assert(
      fc.property(person, (positions) => {
        for (const target of targets(positions)) {
          const plan = planFix(input(...positions), target);
          const open = okAt(positions, target);
          const held = positions.some((p) => p.odsCode === target);
          expect(plan.actions.length === 0, target).toBe(open || !held);
          expect(plan.state, target).toBe(open ? "already_has_access" : held ? "fix" : "no_position");
        }
      }),
    );
  });

  it("names a coverer only when a ready practice of the target's own group opens it", () => {
    fc.assert(
      fc.property(person, (positions) => {
        const v = csmsVerdict(input(...positions));
        for (const target of targets(positions)) {
          const plan = planFix(input(...positions), target);
          if (plan.state !== "already_has_access") continue;
          const readyHere = v.organisations.some((o) => o.odsCode === target && o.status === "ready");
          if (readyHere) {
            expect(plan.coveredBy).toBeNull();
            continue;
          }
          expect(plan.coveredBy).not.toBeNull();
          expect(plan.coveredBy).not.toBe(target);
          expect(v.organisations.some((o) => o.odsCode === plan.coveredBy && o.status === "ready")).toBe(true);
          expect(groupOf(plan.coveredBy!)).toBe(groupOf(target));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("with nothing named, plans only for someone locked out at a single organisation", () => {
    fc.assert(
      fc.property(person, (positions) => {
        const v = csmsVerdict(input(...positions));
        const codes = [...new Set(positions.map((p) => p.odsCode))];
        const plan = planFix(input(...positions), null);
        if (!v.canLogIn && codes.length === 1) {
          expect(plan).toEqual(planFix(input(...positions), codes[0]!));
        } else {
          expect(plan.state).toBe("choose_organisation");
          expect(plan.actions).toEqual([]);
          if (plan.state !== "choose_organisation") return;
          expect(plan.canLogInElsewhere).toBe(v.canLogIn);
          // Every held organisation CSMS does not open yet, once each, in input order.
          expect(plan.candidates).toEqual(codes.filter((c) => !okAt(positions, c)));
        }
      }),
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
          expect(o.orgName).toBe(NAMES[o.odsCode] ?? o.odsCode);
        }
        for (const s of v.selectable) {
          expect(ready.some((o) => o.odsCode === s.odsCode && o.csmsRoles.includes(s.roleCode))).toBe(true);
        }
      }),
    );
  });
});

describe("an organisation without a cervicalscreening workgroup", () => {
  const bare = (ods: string, roles: string[]) => withoutOrgWorkgroup(pos(ods, roles));

  it.each<[string, PositionFacts[], string | null, FixPlan]>([
    ["role held, organisation has no workgroup: create it, never add the person to it", [bare("D84001", ["R8001"])], "D84001", fix("D84001", create("D84001"))],
    ["nothing held there: a role, and the workgroup created", [bare("D84001", [])], "D84001", fix("D84001", role("D84001"), create("D84001"))],
    ["inferred target behaves the same", [bare("D84001", ["R8001"])], null, fix("D84001", create("D84001"))],
    ["the workgroup exists: the person is added to it as before", [pos("D84001", ["R8001"])], "D84001", fix("D84001", wg("D84001"))],
    ["another organisation's missing workgroup changes nothing here", [bare("E85001", []), pos("D84001", ["R8001"])], "D84001", fix("D84001", wg("D84001"))],
    ["a covered practice needs nothing, workgroup or not", [pos("A81001", ["R8001"], "wg"), bare("A81002", [])], "A81002", has("A81002", "A81001")],
  ])("%s", (_label, positions, named, expected) => {
    expect(planFix(input(...positions), named)).toEqual(expected);
  });

  it("says so in the plan and in the checklist, instead of proposing the impossible", () => {
    const plan = planFix(input(bare("D84001", ["R8001"])), "D84001");
    expect(describePlan(plan, (c) => NAMES[c] ?? c)).toBe(
      "To let this person into CSMS at D84001 (Lone Practice) (this organisation has no cervicalscreening workgroup yet: an RA manager must create it first):",
    );
    expect(plan.actions.map((a) => describeFix(a, "Lone Practice"))).toEqual([
      "No cervicalscreening workgroup can be added at D84001 (Lone Practice): this organisation has no cervicalscreening workgroup yet: an RA manager must create it (then add this person to it)",
    ]);
    expect(describePlan(planFix(input(pos("D84001", ["R8001"])), "D84001"), (c) => NAMES[c] ?? c)).not.toContain("no cervicalscreening workgroup yet");
  });

  it("never proposes adding a workgroup the organisation does not have, for random people", () => {
    const withBare = fc
      .record({ p: position, bare: fc.boolean() })
      .map(({ p, bare }) => (bare ? withoutOrgWorkgroup({ ...p, cervicalScreeningWorkgroup: false }) : p));
    fc.assert(
      fc.property(fc.array(withBare, { maxLength: 5 }), (positions) => {
        for (const target of targets(positions)) {
          const plan = planFix(input(...positions), target);
          for (const a of plan.actions) {
            const here = positions.filter((p) => p.odsCode === a.odsCode);
            if (a.kind === "add_workgroup") expect(here.some((p) => p.orgHasWorkgroup)).toBe(true);
            if (a.kind === "create_org_workgroup") expect(here.some((p) => !p.orgHasWorkgroup)).toBe(true);
          }
        }
      }),
    );
  });
});

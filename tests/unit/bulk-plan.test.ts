import { describe, expect, it } from "vitest";
import type { BulkChange, BulkRow } from "@/lib/domain/bulk-csv";
import { applyChange, describeChange, planBulk, type BulkFacts, type BulkPerson } from "@/lib/domain/bulk-plan";
import { CSMS_ROLES, input, pos, withoutOrgWorkgroup } from "./domain-fixtures";
import { NO_ORG_WORKGROUP_FIELD } from "@/lib/domain/fix";

const PRIYA = "555500000002"; // R8001 at A81001, no workgroup
const DAN = "555500000003"; // a position at D84001 with nothing
const STAFF = "555500000004"; // a console user, R8001 at E85001
const READY = "555500000005"; // ready at A81001

const person = (name: string, verdictInput = input(), consoleUser = false): BulkPerson => ({ name, verdictInput, consoleUser });

function facts(over: Partial<BulkFacts> = {}): BulkFacts {
  return {
    people: new Map([
      [PRIYA, person("Priya", input(pos("A81001", ["R8001"])))],
      [DAN, person("Dan", input(pos("D84001", [])))],
      [STAFF, person("Sam Staff", input(pos("E85001", ["R8001"])), true)],
      [READY, person("Rita", input(pos("A81001", ["R8001"], "wg")))],
    ]),
    organisations: new Set(["A81001", "A81002", "D84001", "E85001", "RYR"]),
    jobRoles: new Map<string, { name: string; csmsAccess: boolean }>([
      ...[...CSMS_ROLES].map((code): [string, { name: string; csmsAccess: boolean }] => [code, { name: `Role ${code}`, csmsAccess: true }]),
      ["R0001", { name: "Privacy officer", csmsAccess: false }],
    ]),
    refusal: (c) => (c.odsCode === "RYR" ? "You do not act for RYR: ask that organisation's registration authority." : null),
    ...over,
  };
}

let line = 1;
const row = (change: Partial<BulkChange> & Pick<BulkChange, "kind" | "smartcardId" | "odsCode">): BulkRow => ({
  line: ++line,
  cells: { smartcard_id: change.smartcardId, ods_code: change.odsCode, action: "", role: "", reason: "r", end_date: "" },
  change: { reason: "r", ...change },
  problems: [],
});

describe("planBulk", () => {
  it("adding the workgroup at an organisation without one is a problem, as for a single change", () => {
    const noWg = facts({ people: new Map([[DAN, person("Dan", input(withoutOrgWorkgroup(pos("D84001", ["R8001"]))))]]) });
    const [bad] = planBulk([row({ kind: "workgroup.add", smartcardId: DAN, odsCode: "D84001" })], noWg);
    expect(bad).toMatchObject({ status: "error", problems: [NO_ORG_WORKGROUP_FIELD] });
    expect(bad!.after).toEqual(bad!.before);
    // A role there is fine, and so is the workgroup where the organisation has one.
    const [role] = planBulk([row({ kind: "role.add", smartcardId: DAN, odsCode: "D84001", roleCode: "R8010" })], noWg);
    expect(role).toMatchObject({ status: "change", problems: [] });
    const [good] = planBulk([row({ kind: "workgroup.add", smartcardId: DAN, odsCode: "D84001" })], facts());
    expect(good).toMatchObject({ status: "change", problems: [] });
  });

  it("a good row: what CSMS shows before and after", () => {
    const [out] = planBulk([row({ kind: "workgroup.add", smartcardId: PRIYA, odsCode: "A81001" })], facts());
    expect(out).toMatchObject({ status: "change", problems: [] });
    expect(out!.before).toEqual({ canLogIn: false, error: "no_workgroup", selectable: [], coveredOdsCodes: [] });
    expect(out!.after).toEqual({ canLogIn: true, error: null, selectable: [{ odsCode: "A81001", roleCode: "R8001" }], coveredOdsCodes: ["A81001", "A81002", "A81004"] });
  });

  it("rows about one person apply in file order: a later row sees the earlier ones", () => {
    const rows = [
      row({ kind: "role.add", smartcardId: DAN, odsCode: "D84001", roleCode: "R8010" }),
      row({ kind: "role.add", smartcardId: DAN, odsCode: "D84001", roleCode: "R8010" }),
      row({ kind: "workgroup.add", smartcardId: DAN, odsCode: "D84001" }),
      row({ kind: "role.remove", smartcardId: DAN, odsCode: "D84001", roleCode: "R8010" }),
    ];
    const out = planBulk(rows, facts());
    expect(out.map((o) => o.status)).toEqual(["change", "no_change", "change", "change"]);
    expect(out[1]!.problems).toEqual(["R8010 is already held at D84001: nothing to do."]);
    expect(out.map((o) => o.after?.canLogIn)).toEqual([false, false, true, false]);
    // Each row's "before" is the previous row's "after".
    expect(out[3]!.before).toEqual(out[2]!.after);
  });

  it("a role added earlier in the file counts as a CSMS role later, though the person never held it", () => {
    const out = planBulk([row({ kind: "workgroup.add", smartcardId: DAN, odsCode: "D84001" }), row({ kind: "role.add", smartcardId: DAN, odsCode: "D84001", roleCode: "R1730" })], facts());
    expect(out[1]!.after).toMatchObject({ canLogIn: true, selectable: [{ odsCode: "D84001", roleCode: "R1730" }] });
  });

  it.each([
    ["an unknown smartcard ID", { kind: "role.add", smartcardId: "555500009999", odsCode: "A81001", roleCode: "R8001" }, ["No Care Identity profile with smartcard ID 5555 0000 9999."]],
    ["an unknown ODS code", { kind: "role.add", smartcardId: PRIYA, odsCode: "Z99999", roleCode: "R8010" }, ["No organisation with ODS code Z99999 is known to the console."]],
    ["an organisation the officer does not act for", { kind: "workgroup.add", smartcardId: PRIYA, odsCode: "RYR" }, ["You do not act for RYR: ask that organisation's registration authority.", "Priya has no position at RYR."]],
    ["no position there", { kind: "role.add", smartcardId: PRIYA, odsCode: "A81002", roleCode: "R8010" }, ["Priya has no position at A81002."]],
    ["a role not in the catalogue", { kind: "role.add", smartcardId: PRIYA, odsCode: "A81001", roleCode: "R7777" }, ["R7777 is not in the job role catalogue."]],
    ["a role CSMS does not accept", { kind: "role.add", smartcardId: PRIYA, odsCode: "A81001", roleCode: "R0001" }, ["R0001 (Privacy officer) is not a CSMS job role: CSMS would still refuse this person."]],
  ] as const)("a problem: %s", (_name, change, problems) => {
    const [out] = planBulk([row(change)], facts());
    expect(out).toMatchObject({ status: "error", problems });
    expect(out!.after).toEqual(out!.before);
  });

  it("several problems of one row are all reported", () => {
    const [out] = planBulk([row({ kind: "role.add", smartcardId: "555500009999", odsCode: "Z99999", roleCode: "R7777" })], facts());
    expect(out!.problems).toHaveLength(3);
    expect(out!.before).toBeNull();
  });

  it("a row whose cells were bad keeps their problems", () => {
    const bad: BulkRow = { line: 9, cells: { smartcard_id: "1", ods_code: "", action: "", role: "", reason: "", end_date: "" }, change: null, problems: ["Smartcard ID: too short."] };
    expect(planBulk([bad], facts())).toEqual([{ line: 9, status: "error", problems: ["Smartcard ID: too short."], before: null, after: null }]);
  });

  it("removing what is not held is no change, not an error (a file applied twice changes nothing more)", () => {
    const [out] = planBulk([row({ kind: "workgroup.remove", smartcardId: PRIYA, odsCode: "A81001" })], facts());
    expect(out).toMatchObject({ status: "no_change", problems: ["The cervicalscreening workgroup is not held at A81001: nothing to do."] });
  });

  it("a grant the IG guard warns about is a warning, not applied, and later rows do not see it", () => {
    const out = planBulk([row({ kind: "role.add", smartcardId: READY, odsCode: "A81001", roleCode: "R8010" }), row({ kind: "role.remove", smartcardId: READY, odsCode: "A81001", roleCode: "R8010" })], facts());
    expect(out[0]).toMatchObject({ status: "warning", problems: [expect.stringContaining("can already log in to CSMS at A81001")] });
    expect(out[1]!.status).toBe("no_change");
  });

  it("a change to a console user's profile needs approval", () => {
    const [out] = planBulk([row({ kind: "workgroup.add", smartcardId: STAFF, odsCode: "E85001" })], facts());
    expect(out).toMatchObject({ status: "needs_approval", problems: [expect.stringContaining("Sam Staff is a console user")] });
  });
});

describe("describeChange and applyChange", () => {
  it("say the change in words", () => {
    expect(describeChange({ kind: "role.add", smartcardId: PRIYA, odsCode: "A81001", roleCode: "R8001", reason: "r", endDate: "2027-01-31" }, "Nurse access role")).toBe("Add R8001 (Nurse access role) at A81001, ending 2027-01-31");
    expect(describeChange({ kind: "workgroup.remove", smartcardId: PRIYA, odsCode: "A81001", reason: "r" })).toBe("Remove the cervicalscreening workgroup from A81001");
  });

  it("change only the named position", () => {
    const before = input(pos("A81001", ["R8001"]), pos("A81002", ["R8001"]));
    const after = applyChange(before, { kind: "role.remove", smartcardId: PRIYA, odsCode: "A81002", roleCode: "R8001", reason: "r" });
    expect(after.positions.map((p) => p.roles)).toEqual([["R8001"], []]);
    expect(before.positions[1]!.roles).toEqual(["R8001"]);
  });
});

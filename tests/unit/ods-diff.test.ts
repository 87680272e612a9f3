import { describe, expect, it } from "vitest";
import { describeOdsDiff, diffSize, odsDiff, type ExtractRow, type HeldOrganisation } from "@/lib/domain/ods-diff";

const held = (odsCode: string, name: string, pcns: string[] = [], closed = false, kind = "gp_practice"): HeldOrganisation => ({ odsCode, name, kind, closed, pcns });
const row = (odsCode: string, name: string, status = "A", line = 1, closeDate: string | null = null): ExtractRow => ({ odsCode, name, kind: "gp_practice", status, closeDate, line });
const PCN = held("U90001", "North PCN", [], false, "pcn");

describe("odsDiff", () => {
  it("the same data is no change", () => {
    const d = odsDiff([PCN, held("A81001", "One", ["U90001"])], [row("A81001", "One")], [{ name: "North PCN", practices: [{ odsCode: "A81001", name: "One", entry: 1 }] }]);
    expect(diffSize(d)).toBe(0);
  });

  it("a closed row never creates an organisation; only status C closes one; an active row reopens a closed one", () => {
    const d = odsDiff(
      [held("A81001", "One"), held("A81002", "Two", [], true), held("A81003", "Three"), held("RYR", "A trust", [], false, "trust")],
      [row("A81001", "One", "C", 1, "2026-10-31"), row("A81002", "Two", "A", 2), row("A81003", "Three", "D", 3), row("A81009", "Gone", "C", 4)],
    );
    expect(d.closed).toEqual([{ odsCode: "A81001", name: "One", closedOn: "2026-10-31", line: 1 }]);
    expect(d.reopened).toEqual([{ odsCode: "A81002", name: "Two", line: 2 }]);
    expect(d.created).toEqual([]);
    expect(diffSize(d)).toBe(2);
  });

  it("a PCN unknown by name gets the next local code; members move to it, federations aside; unknown members are created", () => {
    const fed = held("U12345", "A federation", [], false, "federation");
    const d = odsDiff([PCN, fed, held("A81001", "One", ["U90001"])], [row("A81001", "One")], [
      { name: "South PCN", practices: [{ odsCode: "A81001", name: "One", entry: 2 }, { odsCode: "B82001", name: "New one", entry: 1 }] },
    ]);
    expect(d.newGroups).toEqual([{ odsCode: "U90002", name: "South PCN" }]);
    expect(d.created).toEqual([{ odsCode: "B82001", name: "New one", kind: "gp_practice", line: 1, file: "pcn" }]);
    expect(d.moved).toEqual([
      { odsCode: "A81001", name: "One", from: ["U90001"], to: "U90002", entry: 2 },
      { odsCode: "B82001", name: "New one", from: [], to: "U90002", entry: 1 },
    ]);
    expect(describeOdsDiff(d)).toContain("  > A81001 One: U90001 -> U90002");
    expect(describeOdsDiff(d)).toContain("  > B82001 New one: no PCN -> U90002");
  });
});

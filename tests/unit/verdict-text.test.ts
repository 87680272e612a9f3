import { describe, expect, it } from "vitest";
import { csmsVerdict, type PositionFacts, type Verdict } from "@/lib/domain/verdict";
import { organisationStatusText, verdictHeadline } from "@/lib/domain/verdict-text";
import { input, NAMES, pos, withoutOrgWorkgroup } from "./domain-fixtures";

const ROLE_NAMES: Record<string, string> = {
  R8001: "Nurse access role",
  R0260: "General Medical Practitioner",
  R8010: "Clerical access role",
};
const roleName = (code: string) => ROLE_NAMES[code] ?? "";
const orgName = (ods: string) => NAMES[ods] ?? "";

describe("verdictHeadline", () => {
  it.each<[string, PositionFacts[], string]>([
    [
      "one role at one practice",
      [pos("A81001", ["R8001"], "wg")],
      "Can log in to CSMS as R8001 Nurse access role at A81001 (The Densham Surgery)",
    ],
    [
      "several roles at one practice",
      [pos("A81001", ["R8001", "R0260", "R8010"], "wg")],
      "Can log in to CSMS and choose from 3 roles at A81001 (The Densham Surgery)",
    ],
    [
      "roles at several organisations",
      [pos("A81001", ["R8001"], "wg"), pos("B82001", ["R8001", "R0260"], "wg"), pos("D84001", [])],
      "Can log in to CSMS and choose from 3 roles at 2 organisations",
    ],
    [
      "unknown role and organisation names fall back to the codes",
      [pos("Z99999", ["R1730"], "wg")],
      "Can log in to CSMS as R1730 at Z99999",
    ],
    ["no workgroup", [pos("A81001", ["R8001"])], "CSMS will show: no workgroup"],
    ["role and workgroup apart", [pos("A81001", ["R8001"]), pos("D84001", [], "wg")], "CSMS will show: no workgroup"],
    ["no valid role", [pos("A81001", ["R8013"], "wg")], "CSMS will show: no valid role"],
    ["no positions", [], "CSMS will show: no valid role"],
  ])("%s", (_label, positions, headline) => {
    expect(verdictHeadline(csmsVerdict(input(...positions)), roleName, orgName)).toBe(headline);
  });

  it("does not repeat a code when the lookup echoes it back", () => {
    const v = csmsVerdict(input(pos("A81001", ["R8001"], "wg")));
    expect(verdictHeadline(v, (c) => c, (o) => o)).toBe("Can log in to CSMS as R8001 at A81001");
  });

  it("still reads sensibly for a verdict that can log in with nothing selectable", () => {
    const v: Verdict = { canLogIn: true, error: null, selectable: [], coveredOdsCodes: [], organisations: [] };
    expect(verdictHeadline(v, roleName, orgName)).toBe("Can log in to CSMS");
  });
});

describe("organisationStatusText", () => {
  const line = (...positions: PositionFacts[]) => csmsVerdict(input(...positions)).organisations.map(organisationStatusText);
  const none = "this organisation has no cervicalscreening workgroup yet: an RA manager must create it";

  it("says the organisation has no workgroup where that is why the person lacks it", () => {
    expect(line(withoutOrgWorkgroup(pos("D84001", ["R8001"])), withoutOrgWorkgroup(pos("E85001", [])))).toEqual([
      `No cervicalscreening workgroup: ${none}`,
      `No CSMS job role and no workgroup: ${none}`,
    ]);
  });

  it("says nothing of it where the organisation has one, or the workgroup is not what is missing", () => {
    expect(line(pos("D84001", ["R8001"]), pos("E85001", []), pos("A81001", ["R8001"], "wg"))).toEqual([
      "No cervicalscreening workgroup",
      "No CSMS job role and no workgroup",
      "Ready: role and workgroup",
    ]);
    expect(line(withoutOrgWorkgroup(pos("D84001", ["R8013"], "wg")))).toEqual(["No CSMS job role"]);
  });
});

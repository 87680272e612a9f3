import { describe, expect, it } from "vitest";
import { describeAuditEvent, describeDiff } from "@/lib/domain/audit-text";
import { safeReturnPath } from "@/lib/safe-return-path";

describe("safeReturnPath", () => {
  it.each([
    [undefined, "/"],
    ["", "/"],
    ["/people/555500000002", "/people/555500000002"],
    ["/audit?before=10", "/audit?before=10"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
  ])("%s -> %s", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});

describe("describeAuditEvent", () => {
  it.each([
    [{ action: "role.added", odsCode: "A81001", roleCode: "R8001", roleName: "Nurse access role" }, "Added job role R8001 Nurse access role at A81001"],
    [{ action: "role.removed", odsCode: "A81002", roleCode: "R0260", roleName: "GP" }, "Removed job role R0260 GP at A81002"],
    [{ action: "workgroup.added", odsCode: "A81001", roleCode: null, roleName: null }, "Added the cervicalscreening workgroup at A81001"],
    [{ action: "workgroup.removed", odsCode: "H82065", roleCode: null, roleName: null }, "Removed the cervicalscreening workgroup at H82065"],
    [{ action: "something.else", odsCode: null, roleCode: null, roleName: null }, "something.else"],
  ])("%j", (facts, text) => {
    expect(describeAuditEvent(facts)).toBe(text);
  });
});

describe("describeDiff", () => {
  const snap = (roles: string[], wg: boolean) => JSON.stringify({ roles, cervicalScreeningWorkgroup: wg });
  it.each([
    ["a role added", snap([], false), snap(["R8001"], false), ["Job role R8001: not held → held"]],
    ["a role removed", snap(["R8001", "R0260"], true), snap(["R0260"], true), ["Job role R8001: held → not held"]],
    ["the workgroup added", snap(["R8001"], false), snap(["R8001"], true), ["cervicalscreening workgroup: not a member → member"]],
    ["a request's status", JSON.stringify({ status: "new", assignedTo: null }), JSON.stringify({ status: "in_progress", assignedTo: "a@x" }), ['status: "new" → "in_progress"', 'assignedTo: null → "a@x"']],
    ["nothing recorded", null, null, []],
    ["only an after", null, snap(["R8001"], true), ["Job role R8001: not held → held"]],
    ["broken JSON is ignored, not thrown", "{not json", snap([], false), []],
  ])("%s", (_name, before, after, lines) => {
    expect(describeDiff(before, after)).toEqual(lines);
  });
});

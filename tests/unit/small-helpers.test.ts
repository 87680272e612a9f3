import { describe, expect, it } from "vitest";
import { describeAuditEvent } from "@/lib/domain/audit-text";
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

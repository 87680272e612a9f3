import { describe, expect, it } from "vitest";
import { CSMS_USER_GROUPS, canonicalUserGroup, GP_PRACTICE_USER_GROUP, groupsWithoutCodes, NOT_A_CSMS_USER_GROUP } from "@/lib/domain/csms-user-groups";
import { MAX_IMPORT_ROWS, parseJobRoleCsv, planJobRoleImport, type CatalogueEntry } from "@/lib/domain/job-role-import";

const HEADER = "code,name,user group,CSMS access\n";

describe("parseJobRoleCsv", () => {
  it("reads a clean file, with a byte-order mark, CRLF line ends and headers in any case and order", () => {
    const text = "\uFEFFCSMS Access,User Group,Code,Name\r\nyes,Sample takers,r8004,Healthcare student\r\nNo,none,R5105,Caldicott guardian\r\n";
    expect(parseJobRoleCsv(text)).toEqual({
      roles: [
        { line: 2, code: "R8004", name: "Healthcare student", userGroup: "Sample takers", csmsAccess: true },
        { line: 3, code: "R5105", name: "Caldicott guardian", userGroup: NOT_A_CSMS_USER_GROUP, csmsAccess: false },
      ],
      problems: [],
    });
  });

  it("keeps commas, quotes and line breaks inside quoted fields, and counts lines as the file has them", () => {
    const text = `${HEADER}R8004,"Student, healthcare ""access""",Sample takers,yes\nR8005,"Two\nlines",Laboratories,no\nR8006,Lab manager,Labs,Y\n`;
    const { roles, problems } = parseJobRoleCsv(text);
    expect(problems).toEqual([]);
    expect(roles.map((r) => [r.line, r.name, r.userGroup])).toEqual([
      [2, 'Student, healthcare "access"', "Sample takers"],
      [4, "Two\nlines", "Laboratories"],
      [5, "Lab manager", "Laboratories"],
    ]);
  });

  it("names the line and the fix for each bad row, and keeps the good ones", () => {
    const text = `${HEADER}R8004,Student,Sample takers,maybe\nX1,Bad code,Sample takers,yes\nR8007,,Sample takers,yes\nR8008,Admin,Dentists,yes\nR8009,Admin,,no\nR5105,Guardian,None,yes\nR8010,Clerk,GP practice,yes\n`;
    const { roles, problems } = parseJobRoleCsv(text);
    expect(roles.map((r) => r.code)).toEqual(["R8010"]);
    expect(roles[0]!.userGroup).toBe(GP_PRACTICE_USER_GROUP);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(problems[0]!.message).toMatch(/CSMS access must be yes or no, not "maybe"/);
    expect(problems[1]!.message).toMatch(/R followed by 4 digits/);
    expect(problems[2]!.message).toMatch(/Enter the job role's name/);
    expect(problems[3]!.message).toMatch(/"Dentists" is not a CSMS user group; use one of: .*Sample takers/);
    expect(problems[4]!.message).toMatch(/Enter the CSMS user group/);
    expect(problems[5]!.message).toMatch(/cannot have CSMS access/);
  });

  it("refuses a code listed twice, naming the first line", () => {
    const { roles, problems } = parseJobRoleCsv(`${HEADER}R8004,Student,Sample takers,yes\nr8004,Student again,Sample takers,no\n`);
    expect(roles.map((r) => r.code)).toEqual(["R8004"]);
    expect(problems).toEqual([{ line: 3, message: "R8004 is already on line 2; list each code once." }]);
  });

  it.each([
    ["an empty file", "", /empty/],
    ["a header alone", HEADER, /no job roles/],
    ["a header without the user group", "code,name,csms access\nR8004,Student,yes\n", /"user group" is missing/],
    ["an unclosed quote", `${HEADER}R8004,"Student,Sample takers,yes\n`, /not valid CSV/],
  ])("refuses %s with one clear problem", (_, text, message) => {
    const { roles, problems } = parseJobRoleCsv(text);
    expect(roles).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(message);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows`, () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `R${String(i).padStart(4, "0")},Role,Sample takers,yes`).join("\n");
    expect(parseJobRoleCsv(HEADER + rows).problems[0]!.message).toMatch(`at most ${MAX_IMPORT_ROWS} at a time`);
  });
});

describe("planJobRoleImport", () => {
  const gp: CatalogueEntry = { code: "R8001", name: "Nurse access role", userGroup: GP_PRACTICE_USER_GROUP, functions: ["Patient Search"], csmsAccess: true };
  const row = (over: Partial<CatalogueEntry> & { code: string }) => ({ line: 2, name: "Nurse access role", userGroup: GP_PRACTICE_USER_GROUP, csmsAccess: true, ...over });

  it("sorts each row into new, changed or unchanged, with what differs", () => {
    const plan = planJobRoleImport([gp], [row({ code: "R8001" }), row({ code: "R8001", name: "Nurse" }), row({ code: "R8004", userGroup: "Sample takers" })]);
    expect(plan.map((p) => [p.code, p.kind, p.differences])).toEqual([
      ["R8001", "unchanged", []],
      ["R8001", "changed", ["name"]],
      ["R8004", "new", []],
    ]);
  });

  it("gives a new code its group's functions, and keeps an entry's own while its group is the same", () => {
    const [same, joined, alone] = planJobRoleImport([gp, { ...gp, code: "R8010", functions: ["Own"] }], [
      row({ code: "R8010", name: "Clerk" }),
      row({ code: "R0260", name: "GP" }),
      row({ code: "R8004", userGroup: "Sample takers" }),
    ]);
    expect(same!.after.functions).toEqual(["Own"]);
    expect(joined!.after.functions).toEqual(["Patient Search"]);
    expect(alone!.after.functions).toEqual([]);
  });

  it("reports a move between groups and a change of CSMS access", () => {
    const [moved] = planJobRoleImport([gp], [row({ code: "R8001", userGroup: "Sample takers", csmsAccess: false })]);
    expect(moved!.differences).toEqual(["user group", "CSMS access"]);
  });
});

describe("CSMS user groups", () => {
  it("matches names and aliases whatever their case and spacing", () => {
    expect(canonicalUserGroup("  sample   TAKERS ")).toBe("Sample takers");
    expect(canonicalUserGroup("CSAS")).toBe("Administration services");
    expect(canonicalUserGroup("Dentists")).toBeNull();
  });

  it("lists the groups with no code CSMS accepts", () => {
    const roles = [
      { userGroup: GP_PRACTICE_USER_GROUP, csmsAccess: true },
      { userGroup: "Sample takers", csmsAccess: false },
    ];
    expect(groupsWithoutCodes(roles)).toEqual(CSMS_USER_GROUPS.map((g) => g.name).filter((name) => name !== GP_PRACTICE_USER_GROUP));
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { GP_PRACTICE_USER_GROUP } from "@/lib/domain/csms-user-groups";
import { applyJobRoleImport, previewJobRoleImport } from "@/lib/services/job-role-import";
import { signInAs } from "./support/session";

const FILE = [
  "code,name,user group,CSMS access",
  `R8001,Nurse access role,${GP_PRACTICE_USER_GROUP},yes`, // unchanged
  "R8010,Clerical access,GP practice,yes", // renamed
  "R8004,Healthcare student access role,Sample takers,yes", // new
  "R9001,Cytology screener,Laboratories,yes", // new
].join("\n");

const jobRoleEvents = () => db.auditEvent.findMany({ where: { action: { startsWith: "job_role." } }, orderBy: { id: "asc" } });

describe("job-role catalogue import", () => {
  beforeEach(async () => {
    await signInAs("manager@ra.example");
  });

  it("a dry run lists new, changed and unchanged codes and writes nothing", async () => {
    const [roles, events] = [await db.jobRole.count(), await db.auditEvent.count()];
    const preview = await previewJobRoleImport({ csv: FILE, fileName: "roles.csv" });
    expect(preview.problems).toEqual([]);
    expect(preview.changes.map((c) => [c.code, c.kind, c.differences])).toEqual([
      ["R8001", "unchanged", []],
      ["R8010", "changed", ["name"]],
      ["R8004", "new", []],
      ["R9001", "new", []],
    ]);
    expect([await db.jobRole.count(), await db.auditEvent.count()]).toEqual([roles, events]);
  });

  it("apply writes one event per new or changed code; a second apply writes none", async () => {
    const before = (await jobRoleEvents()).length;
    expect(await applyJobRoleImport({ csv: FILE, fileName: "roles.csv" })).toEqual({ added: 2, updated: 1, unchanged: 1 });
    const events = (await jobRoleEvents()).slice(before);
    expect(events.map((e) => [e.action, e.roleCode, e.actorEmail, e.reason])).toEqual([
      ["job_role.updated", "R8010", "manager@ra.example", "Catalogue import from roles.csv"],
      ["job_role.added", "R8004", "manager@ra.example", "Catalogue import from roles.csv"],
      ["job_role.added", "R9001", "manager@ra.example", "Catalogue import from roles.csv"],
    ]);
    expect(JSON.parse(events[0]!.before!)).toMatchObject({ name: "Clerical access role" });
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ name: "Clerical access" });
    expect(await db.jobRole.findUniqueOrThrow({ where: { code: "R8004" } })).toMatchObject({ userGroup: "Sample takers", csmsAccess: true, functions: "[]" });

    expect(await applyJobRoleImport({ csv: FILE })).toEqual({ added: 0, updated: 0, unchanged: 4 });
    expect((await jobRoleEvents()).length).toBe(before + 3);
    expect((await previewJobRoleImport({ csv: FILE })).changes.every((c) => c.kind === "unchanged")).toBe(true);
  });

  it("a file with any bad line is refused whole, naming the lines", async () => {
    const [roles, events] = [await db.jobRole.count(), await db.auditEvent.count()];
    const bad = `${FILE}\nR9002,Screener,Laboratories,perhaps\nR9001,Again,Laboratories,no`;
    await expect(applyJobRoleImport({ csv: bad })).rejects.toMatchObject({
      code: "bad_input",
      fields: { "line 6": expect.stringMatching(/yes or no/), "line 7": expect.stringMatching(/already on line 5/) },
    });
    expect([await db.jobRole.count(), await db.auditEvent.count()]).toEqual([roles, events]);
  });

  it("refuses an empty upload and one over 1 MB as bad input", async () => {
    await expect(previewJobRoleImport({ csv: "" })).rejects.toMatchObject({ code: "bad_input", fields: { csv: expect.any(String) } });
    await expect(previewJobRoleImport({ csv: "x".repeat(1_000_001) })).rejects.toMatchObject({ code: "bad_input", fields: { csv: expect.stringMatching(/1 MB/) } });
  });

  it.each([["agent@ra.example"], ["advanced@ra.example"], ["auditor@ra.example"]])("%s may not preview or apply an import", async (email) => {
    await signInAs(email);
    const [roles, events] = [await db.jobRole.count(), (await jobRoleEvents()).length];
    await expect(previewJobRoleImport({ csv: FILE })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(applyJobRoleImport({ csv: FILE.replace("R9001", "R9009") })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    expect(await db.jobRole.count({ where: { code: "R9009" } })).toBe(0);
    expect([await db.jobRole.count(), (await jobRoleEvents()).length]).toEqual([roles, events]);
  });
});

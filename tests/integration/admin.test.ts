import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { changeConsoleUser, createConsoleUser, saveJobRole } from "@/lib/services/admin";
import { changePerson } from "@/lib/services/person-changes";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { demoPeople } from "@/prisma/seed/demo";
import { signInAs } from "./support/session";

const changeEvents = (action: string) => db.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });
const userId = async (email: string) => (await db.consoleUser.findUniqueOrThrow({ where: { email } })).id;

describe("job role catalogue", () => {
  beforeEach(async () => {
    await signInAs("manager@ra.example");
  });

  it("adds a role, audited with its snapshot", async () => {
    await saveJobRole("add", { code: "r8004", name: "Healthcare student access role", userGroup: "Students", functions: "Patient Search\n\n  View  ", csmsAccess: false });
    expect(await db.jobRole.findUniqueOrThrow({ where: { code: "R8004" } })).toMatchObject({ functions: JSON.stringify(["Patient Search", "View"]) });
    const [event] = await changeEvents("job_role.added");
    expect(event).toMatchObject({ roleCode: "R8004", actorEmail: "manager@ra.example", actorName: "Morgan Manager" });
  });

  it("changing whether CSMS accepts a role changes verdicts at once", async () => {
    const before = await db.person.findUniqueOrThrow({ where: { smartcardId: demoPeople.canLogIn } });
    await saveJobRole("update", { code: "R8001", name: "Nurse access role", userGroup: "GP practice staff who manage notification lists", functions: "", csmsAccess: false });
    const { findPersonProfile } = await import("@/lib/data/people");
    expect((await findPersonProfile(before.smartcardId))!.verdict.error).toBe("no_valid_role");
    const [event] = await changeEvents("job_role.updated");
    expect(JSON.parse(event!.before!)).toMatchObject({ csmsAccess: true });
    expect(JSON.parse(event!.after!)).toMatchObject({ csmsAccess: false });
    await saveJobRole("update", { code: "R8001", name: "Nurse access role", userGroup: "GP practice staff who manage notification lists", functions: "", csmsAccess: true });
  });

  it.each([["agent@ra.example"], ["auditor@ra.example"]])("%s cannot change the catalogue", async (email) => {
    await signInAs(email);
    await expect(saveJobRole("add", { code: "R9999", name: "X", userGroup: "Y", functions: "", csmsAccess: true })).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.jobRole.count({ where: { code: "R9999" } })).toBe(0);
  });

  it("refuses bad input with field messages", async () => {
    await expect(saveJobRole("add", { code: "X1", name: "", userGroup: "", functions: "", csmsAccess: true })).rejects.toMatchObject({
      code: "bad_input",
      fields: { code: expect.any(String), name: expect.any(String), userGroup: expect.any(String) },
    });
  });
});

describe("console users", () => {
  beforeEach(async () => {
    await signInAs("manager@ra.example");
  });

  it("adds an RA agent who can sign in and act only where given", async () => {
    await createConsoleUser({ email: "New.Agent@ra.example", name: "New Agent", role: "ra_agent", odsCodes: "A81002", active: true, password: "a-long-temporary-password" });
    expect(await authorizeCredentials({ email: "new.agent@ra.example", password: "a-long-temporary-password" })).not.toBeNull();
    const [event] = await changeEvents("console_user.added");
    expect(JSON.parse(event!.after!)).toEqual({ email: "new.agent@ra.example", name: "New Agent", role: "ra_agent", active: true, organisations: ["A81002"] });
    expect(event!.after).not.toContain("argon2");
  });

  it("revoking an organisation stops that agent's changes on their next request", async () => {
    const id = await userId("agent-sussex@ra.example");
    await changeConsoleUser({ id, name: "Sam Sussex", role: "ra_agent", odsCodes: ["H82065"], active: true });
    await signInAs("agent-sussex@ra.example");
    const version = (await db.person.findUniqueOrThrow({ where: { smartcardId: demoPeople.coveredByPcn } })).version;
    // A job role (RA agents may not change workgroups at all): refused only because H82091 was taken away.
    await expect(
      changePerson("role.add", { smartcardId: demoPeople.coveredByPcn, odsCode: "H82091", roleCode: "R8001", reason: "test", version }),
    ).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/do not act for H82091/) });
  });

  it("deactivating an account ends its sessions", async () => {
    const sessionId = await signInAs("auditor@ra.example");
    await signInAs("manager@ra.example");
    await changeConsoleUser({ id: await userId("auditor@ra.example"), name: "Avery Auditor", role: "auditor", odsCodes: [], active: false });
    expect((await db.consoleSession.findUniqueOrThrow({ where: { id: sessionId } })).endedAt).not.toBeNull();
  });

  it.each([
    ["give an organisation the manager does not act for", { role: "ra_agent", odsCodes: ["B82001"] }, "forbidden"],
    ["make someone an RA manager", { role: "ra_manager", odsCodes: [] }, "bad_input"],
  ])("refuses to %s", async (_name, change, code) => {
    const id = await userId("agent@ra.example");
    await expect(changeConsoleUser({ id, name: "Alex Agent", active: true, ...change })).rejects.toMatchObject({ code });
  });

  it("refuses to change the manager's own account or another manager", async () => {
    const own = await userId("manager@ra.example");
    await expect(changeConsoleUser({ id: own, name: "Morgan Manager", role: "ra_agent", odsCodes: [], active: true })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("an agent cannot manage users", async () => {
    await signInAs("agent@ra.example");
    await expect(createConsoleUser({ email: "x@ra.example", name: "X", role: "auditor", odsCodes: [], active: true })).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.consoleUser.count({ where: { email: "x@ra.example" } })).toBe(0);
  });
});

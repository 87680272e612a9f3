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
    expect(JSON.parse(event!.after!)).toEqual({ email: "new.agent@ra.example", name: "New Agent", role: "ra_agent", active: true, organisations: ["A81002"], smartcardId: null });
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

describe("linking a console user to their own Care Identity profile", () => {
  beforeEach(async () => {
    await signInAs("manager@ra.example");
  });

  const accountWrites = async () => ({
    users: await db.consoleUser.count(),
    links: await db.consoleUser.count({ where: { personId: { not: null } } }),
    events: await db.auditEvent.count({ where: { NOT: { action: { startsWith: "security." } } } }),
  });

  it("a new account gets its smartcard ID (as people write it), audited", async () => {
    await createConsoleUser({ email: "linked.agent@ra.example", name: "Linked Agent", role: "ra_agent", odsCodes: ["A81002"], active: true, smartcardId: "5555 0000 0005" });
    const user = await db.consoleUser.findUniqueOrThrow({ where: { email: "linked.agent@ra.example" }, include: { person: true } });
    expect(user.person?.smartcardId).toBe(demoPeople.canLogInClerical);
    const [event] = (await changeEvents("console_user.added")).slice(-1);
    expect(JSON.parse(event!.after!)).toMatchObject({ email: "linked.agent@ra.example", smartcardId: demoPeople.canLogInClerical });
  });

  it.each([
    ["a malformed smartcard ID", "5555-0000-00O2", /digits/],
    ["a smartcard ID no profile has", "9999 9999 9999", /No Care Identity profile/],
    ["a profile already linked to another account", demoPeople.alexAgent, /already linked to the console account of Alex Agent/],
  ])("%s is 400 with a message on the field, nothing written (new account)", async (_name, smartcardId, message) => {
    const before = await accountWrites();
    await expect(
      createConsoleUser({ email: "refused.link@ra.example", name: "Refused", role: "auditor", odsCodes: [], active: true, smartcardId }),
    ).rejects.toMatchObject({ code: "bad_input", status: 400, fields: { smartcardId: expect.stringMatching(message) } });
    expect(await accountWrites()).toEqual(before);
  });

  it.each([
    ["a malformed smartcard ID", "55550000000", /12 digits/],
    ["a smartcard ID no profile has", "999999999999", /No Care Identity profile/],
    ["a profile already linked to another account", demoPeople.alexAgent, /already linked/],
  ])("%s is 400 with a message on the field, nothing written (existing account)", async (_name, smartcardId, message) => {
    const id = await userId("advanced@ra.example");
    const before = await accountWrites();
    await expect(
      changeConsoleUser({ id, name: "Ade Advanced", role: "advanced_ra_agent", odsCodes: ["A81001"], active: true, smartcardId }),
    ).rejects.toMatchObject({ code: "bad_input", status: 400, fields: { smartcardId: expect.stringMatching(message) } });
    expect(await accountWrites()).toEqual(before);
    expect(await db.consoleUser.findUniqueOrThrow({ where: { id } })).toMatchObject({ personId: null });
  });

  it("a linked agent can no longer change their own profile, though it is in their organisations", async () => {
    const id = await userId("agent-sussex@ra.example");
    await changeConsoleUser({ id, name: "Sam Sussex", role: "ra_agent", odsCodes: ["H82065", "H82091", "H82096"], active: true, smartcardId: demoPeople.noWorkgroupPcnPractice });
    const [event] = (await changeEvents("console_user.updated")).slice(-1);
    expect(JSON.parse(event!.before!)).toMatchObject({ smartcardId: null });
    expect(JSON.parse(event!.after!)).toMatchObject({ smartcardId: demoPeople.noWorkgroupPcnPractice });

    await signInAs("agent-sussex@ra.example");
    const person = await db.person.findUniqueOrThrow({ where: { smartcardId: demoPeople.noWorkgroupPcnPractice } });
    const grants = await db.roleAssignment.count();
    await expect(
      changePerson("role.add", { smartcardId: demoPeople.noWorkgroupPcnPractice, odsCode: "H82065", roleCode: "R8010", reason: "test", version: person.version }),
    ).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/your own Care Identity profile/) });
    expect(await db.roleAssignment.count()).toBe(grants);
    // Someone else's profile at the same practice is still theirs to change (the IG guard may still have a word).
    const other = await db.person.findUniqueOrThrow({ where: { smartcardId: demoPeople.coveredByPcn } });
    const outcome = await changePerson("role.add", { smartcardId: demoPeople.coveredByPcn, odsCode: "H82065", roleCode: "R8010", reason: "test", version: other.version }).catch(
      (error: unknown) => error,
    );
    expect(outcome).not.toMatchObject({ code: "forbidden" });
  });

  it("a link can be corrected but not removed; leaving the field out keeps it", async () => {
    const id = await userId("agent@ra.example");
    const before = await accountWrites();
    await expect(
      changeConsoleUser({ id, name: "Alex Agent", role: "ra_agent", odsCodes: ["A81001"], active: true, smartcardId: "" }),
    ).rejects.toMatchObject({ code: "bad_input", fields: { smartcardId: expect.stringMatching(/rather than removing it/) } });
    expect(await accountWrites()).toEqual(before);

    await changeConsoleUser({ id, name: "Alex Agent", role: "ra_agent", odsCodes: ["A81001", "A81002"], active: true });
    expect((await db.consoleUser.findUniqueOrThrow({ where: { id }, include: { person: true } })).person?.smartcardId).toBe(demoPeople.alexAgent);

    await changeConsoleUser({ id, name: "Alex Agent", role: "ra_agent", odsCodes: ["A81001", "A81002"], active: true, smartcardId: demoPeople.nonCsmsRoleOnly });
    expect((await db.consoleUser.findUniqueOrThrow({ where: { id }, include: { person: true } })).person?.smartcardId).toBe(demoPeople.nonCsmsRoleOnly);
  });
});

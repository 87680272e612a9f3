// A change and its audit event commit together or not at all; the audit log is append-only and hash-chained;
// grants are ended, never deleted. Calls the data layer (lib/data/changes) directly, on a real SQLite copy.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { chainHash, GENESIS_HASH } from "@/lib/data/audit-chain";
import { addRole, addWorkgroup, removeRole, removeWorkgroup } from "@/lib/data/changes";
import type { Actor } from "@/lib/data/audited";
import { ConsoleError } from "@/lib/errors";
import { DENSHAM, QUEENS_PARK, demoPeople } from "@/prisma/seed/demo";
import { activeGrants, versionOf } from "./support/api";
import { injectAuditFailure, removeAuditFailure, UNIQUE_REFUSED } from "./support/database";

let actor: Actor;

beforeAll(async () => {
  const user = await db.consoleUser.findUniqueOrThrow({ where: { email: "agent@ra.example" } });
  actor = { id: user.id, email: user.email };
});

/** What the database said when it refused a statement (Prisma's adapter reports a trigger's RAISE as P2003). */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => { throw new Error("expected the database to refuse the statement"); },
    (e: unknown) => e as { message?: string; meta?: { driverAdapterError?: { cause?: { originalMessage?: string } } } },
  );
  return error.meta?.driverAdapterError?.cause?.originalMessage ?? error.message ?? "";
}

const lastEvent = () => db.auditEvent.findFirst({ orderBy: { id: "desc" } });

/** A fresh change input for a person at an organisation, claiming their current version. */
async function change(smartcardId: string, odsCode: string, extra: { roleCode?: string; requestId?: string } = {}) {
  return { smartcardId, odsCode, roleCode: "", reason: "Integration test change", version: await versionOf(smartcardId), ...extra };
}

describe("a change and its audit event commit together", () => {
  it("writes exactly one event describing the change, chained to the one before", async () => {
    const previous = await lastEvent();
    const eventsBefore = await db.auditEvent.count();
    const input = await change(demoPeople.noWorkgroup, DENSHAM.odsCode, { requestId: "REQ-0042" });

    await addWorkgroup(actor, { ...input, reason: "Needs CSMS for sample taking" });

    expect(await db.auditEvent.count()).toBe(eventsBefore + 1);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    const person = await db.person.findUniqueOrThrow({ where: { smartcardId: demoPeople.noWorkgroup } });
    expect(event).toMatchObject({
      id: (previous?.id ?? 0) + 1,
      actorId: actor.id,
      actorEmail: "agent@ra.example",
      action: "workgroup.added",
      personId: person.id,
      smartcardId: "555500000002",
      personName: "Priya Shah",
      odsCode: "A81001",
      orgName: "The Densham Surgery",
      roleCode: null,
      roleName: null,
      reason: "Needs CSMS for sample taking",
      requestId: "REQ-0042",
      prevHash: previous?.hash ?? GENESIS_HASH,
    });
    expect(JSON.parse(event.before!)).toEqual({ roles: ["R8001"], cervicalScreeningWorkgroup: false });
    expect(JSON.parse(event.after!)).toEqual({ roles: ["R8001"], cervicalScreeningWorkgroup: true });
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(event.hash).toBe(chainHash(event.prevHash, event));
    expect(person.version).toBe(input.version + 1);

    const membership = await db.workgroupMembership.findFirstOrThrow({
      where: { endedAt: null, position: { personId: person.id, organisation: { odsCode: DENSHAM.odsCode } } },
    });
    expect(membership).toMatchObject({ workgroup: "cervicalscreening", grantedById: actor.id, grantReason: "Needs CSMS for sample taking", requestId: "REQ-0042" });
  });

  it("chains a second event to the first, with the role's name snapshotted", async () => {
    const first = await lastEvent();
    expect(first).not.toBeNull();

    await addRole(actor, await change(demoPeople.noWorkgroupClerical, QUEENS_PARK.odsCode, { roleCode: "R8001" }));

    const second = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(second.id).toBe(first!.id + 1);
    expect(second.prevHash).toBe(first!.hash);
    expect(second.hash).toBe(chainHash(first!.hash, second));
    expect(second).toMatchObject({ action: "role.added", roleCode: "R8001", roleName: "Nurse access role", odsCode: "A81002", orgName: "Queens Park Medical Centre", requestId: null });
    expect(JSON.parse(second.before!)).toEqual({ roles: ["R8010"], cervicalScreeningWorkgroup: false });
    expect(JSON.parse(second.after!)).toEqual({ roles: ["R8001", "R8010"], cervicalScreeningWorkgroup: false });
    // Every event in the log still verifies against its predecessor.
    const all = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    all.forEach((event, i) => {
      const prev = i === 0 ? GENESIS_HASH : all[i - 1]!.hash;
      expect(event.prevHash).toBe(prev);
      expect(event.hash).toBe(chainHash(prev, event));
    });
  });
});

describe("a failure between the change and its audit event leaves neither", () => {
  afterEach(async () => {
    await removeAuditFailure();
  });

  // Each change would succeed on its own (proved after the trigger is dropped).
  const cases = [
    // Someone with no CSMS access at A81001 yet, so the IG guard has nothing to warn about.
    { kind: "role.add", run: addRole, smartcardId: demoPeople.noRolesAnywhere, odsCode: DENSHAM.odsCode, roleCode: "R8010" },
    { kind: "role.remove", run: removeRole, smartcardId: demoPeople.canLogInTwoRoles, odsCode: QUEENS_PARK.odsCode, roleCode: "R0620" },
    { kind: "workgroup.add", run: addWorkgroup, smartcardId: demoPeople.trustNoWorkgroup, odsCode: "RYR", roleCode: "" },
    { kind: "workgroup.remove", run: removeWorkgroup, smartcardId: demoPeople.canLogInClerical, odsCode: QUEENS_PARK.odsCode, roleCode: "" },
  ] as const;

  it.each(cases)("$kind: grant, version and audit log are untouched", async ({ run, smartcardId, odsCode, roleCode }) => {
    const grantsBefore = await activeGrants(smartcardId, odsCode);
    const rowsBefore = await Promise.all([db.roleAssignment.findMany({ orderBy: { id: "asc" } }), db.workgroupMembership.findMany({ orderBy: { id: "asc" } })]);
    const versionBefore = await versionOf(smartcardId);
    const eventsBefore = await db.auditEvent.count();
    const input = await change(smartcardId, odsCode, { roleCode });

    await injectAuditFailure();
    expect(await refusal(run(actor, input))).toBe("injected");

    expect(await activeGrants(smartcardId, odsCode)).toEqual(grantsBefore);
    expect(await Promise.all([db.roleAssignment.findMany({ orderBy: { id: "asc" } }), db.workgroupMembership.findMany({ orderBy: { id: "asc" } })])).toEqual(rowsBefore);
    expect(await versionOf(smartcardId)).toBe(versionBefore);
    expect(await db.auditEvent.count()).toBe(eventsBefore);

    // Control: without the trigger, the very same change goes through and is audited.
    await removeAuditFailure();
    await run(actor, input);
    expect(await versionOf(smartcardId)).toBe(versionBefore + 1);
    expect(await db.auditEvent.count()).toBe(eventsBefore + 1);
    expect(await activeGrants(smartcardId, odsCode)).not.toEqual(grantsBefore);
  });
});

describe("the IG guard refuses inside the transaction", () => {
  it("a warned grant without acknowledgement leaves grant, version and log untouched; acknowledged, the justification joins the event", async () => {
    const smartcardId = demoPeople.canLogInGp; // R0260 + workgroup at A81002: already ready there
    const grantsBefore = await activeGrants(smartcardId, QUEENS_PARK.odsCode);
    const versionBefore = await versionOf(smartcardId);
    const eventsBefore = await db.auditEvent.count();
    const input = await change(smartcardId, QUEENS_PARK.odsCode, { roleCode: "R8001" });

    await expect(addRole(actor, input)).rejects.toMatchObject({ code: "ig_warning", status: 409, warnings: [expect.stringMatching(/already log in to CSMS at A81002/)] });
    // The version was claimed before the guard ran: the rollback gives it back.
    expect(await versionOf(smartcardId)).toBe(versionBefore);
    expect(await activeGrants(smartcardId, QUEENS_PARK.odsCode)).toEqual(grantsBefore);
    expect(await db.auditEvent.count()).toBe(eventsBefore);

    await addRole(actor, { ...input, acknowledgeWarning: true, justification: "Second role for the nurse-led clinic" });
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(event).toMatchObject({ action: "role.added", roleCode: "R8001", smartcardId });
    expect(JSON.parse(event.safeguards!)).toStrictEqual({
      igWarning: { warnings: [expect.stringMatching(/already log in to CSMS at A81002/)], justification: "Second role for the nurse-led clinic" },
    });
    expect(event.hash).toBe(chainHash(event.prevHash, event));
  });
});

describe("the audit log is append-only", () => {
  it.each([
    { statement: `UPDATE "AuditEvent" SET "reason" = 'rewritten' WHERE "id" = $ID` },
    { statement: `UPDATE "AuditEvent" SET "actorEmail" = 'someone-else@ra.example', "hash" = 'x' WHERE "id" = $ID` },
    { statement: `DELETE FROM "AuditEvent" WHERE "id" = $ID` },
    { statement: `DELETE FROM "AuditEvent"` },
  ])("refuses $statement", async ({ statement }) => {
    if ((await db.auditEvent.count()) === 0) {
      await addWorkgroup(actor, await change(demoPeople.noWorkgroupTwoOrgs, DENSHAM.odsCode));
    }
    const all = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    const target = all[0]!;

    expect(await refusal(db.$executeRawUnsafe(statement.replace("$ID", String(target.id))))).toBe("audit events are append-only");

    expect(await db.auditEvent.findMany({ orderBy: { id: "asc" } })).toEqual(all);
  });

  it("refuses an update or delete through the Prisma client too", async () => {
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "asc" } });
    expect(await refusal(db.auditEvent.update({ where: { id: event.id }, data: { reason: "rewritten" } }))).toBe("audit events are append-only");
    expect(await refusal(db.auditEvent.delete({ where: { id: event.id } }))).toBe("audit events are append-only");
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event);
  });
});

describe("grants are ended, not deleted", () => {
  it("removeRole sets endedAt, endedBy and endReason and keeps the row", async () => {
    const smartcardId = demoPeople.noWorkgroupTwoOrgs; // R8003 at A81001 and A81002
    const grant = await db.roleAssignment.findFirstOrThrow({
      where: { endedAt: null, roleCode: "R8003", position: { person: { smartcardId }, organisation: { odsCode: DENSHAM.odsCode } } },
    });
    const rowsBefore = await db.roleAssignment.count();
    const startedBefore = Date.now();

    await removeRole(actor, { ...(await change(smartcardId, DENSHAM.odsCode, { roleCode: "R8003" })), reason: "Left the practice" });

    const ended = await db.roleAssignment.findUniqueOrThrow({ where: { id: grant.id } });
    expect(ended).toMatchObject({ ...grant, endedById: actor.id, endReason: "Left the practice", endedAt: expect.any(Date) });
    expect(ended.endedAt!.getTime()).toBeGreaterThanOrEqual(startedBefore - 1000);
    expect(await db.roleAssignment.count()).toBe(rowsBefore);
    expect((await activeGrants(smartcardId, DENSHAM.odsCode)).roles).toEqual([]);
    // The other organisation's grant is untouched.
    expect((await activeGrants(smartcardId, QUEENS_PARK.odsCode)).roles).toEqual(["R8003"]);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(event).toMatchObject({ action: "role.removed", roleCode: "R8003", roleName: expect.stringMatching(/\S/), reason: "Left the practice" });
  });

  it("removeWorkgroup ends the membership and keeps the row", async () => {
    const smartcardId = demoPeople.canLogIn;
    const membership = await db.workgroupMembership.findFirstOrThrow({
      where: { endedAt: null, position: { person: { smartcardId }, organisation: { odsCode: DENSHAM.odsCode } } },
    });
    const rowsBefore = await db.workgroupMembership.count();

    await removeWorkgroup(actor, { ...(await change(smartcardId, DENSHAM.odsCode)), reason: "Moved practice" });

    expect(await db.workgroupMembership.findUniqueOrThrow({ where: { id: membership.id } })).toMatchObject({
      ...membership,
      endedAt: expect.any(Date),
      endedById: actor.id,
      endReason: "Moved practice",
    });
    expect(await db.workgroupMembership.count()).toBe(rowsBefore);
    expect((await activeGrants(smartcardId, DENSHAM.odsCode)).workgroups).toBe(0);
  });
});

describe("applying the same add twice", () => {
  it.each([
    { kind: "role", run: addRole, smartcardId: demoPeople.noRoles, roleCode: "R8010" },
    { kind: "workgroup", run: addWorkgroup, smartcardId: demoPeople.noRoles, roleCode: "" },
  ])("$kind: the second is 409 already_exists and one active grant remains", async ({ kind, run, smartcardId, roleCode }) => {
    const odsCode = QUEENS_PARK.odsCode;
    const eventsBefore = await db.auditEvent.count();
    await run(actor, await change(smartcardId, odsCode, { roleCode }));
    const versionAfterFirst = await versionOf(smartcardId);

    const second = run(actor, await change(smartcardId, odsCode, { roleCode }));
    await expect(second).rejects.toBeInstanceOf(ConsoleError);
    await expect(second).rejects.toMatchObject({ code: "already_exists", status: 409 });

    const grants = await activeGrants(smartcardId, odsCode);
    if (kind === "role") expect(grants.roles).toEqual(["R8010"]);
    else expect(grants.workgroups).toBe(1);
    expect(await versionOf(smartcardId)).toBe(versionAfterFirst);
    expect(await db.auditEvent.count()).toBe(eventsBefore + 1);
  });

  it("the database itself refuses a second active grant of the same role at a position", async () => {
    const grant = await db.roleAssignment.findFirstOrThrow({ where: { endedAt: null, roleCode: "R8010", position: { person: { smartcardId: demoPeople.noRoles } } } });
    expect(
      await refusal(db.roleAssignment.create({ data: { positionId: grant.positionId, roleCode: "R8010", grantReason: "bypassing the console" } })),
    ).toMatch(UNIQUE_REFUSED);
    expect(await db.roleAssignment.count({ where: { positionId: grant.positionId, roleCode: "R8010", endedAt: null } })).toBe(1);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { recordSecurityEvent } from "@/lib/data/audited";
import { verifyAuditChain } from "@/lib/data/audit-verify";
import { db } from "@/lib/data/db";
import { dropAppendOnlyTriggers, restoreAppendOnlyTriggers } from "./support/audit-helpers";

// The actor's name joined the chained fields after the first release: events without one keep their
// old hash, and any edit of a name is still caught.
describe("the actor's name in the chain", () => {
  afterAll(() => restoreAppendOnlyTriggers("AuditEvent"));

  it("is stored and chained when there is one, and absent when there is none", async () => {
    await recordSecurityEvent({ id: null, email: "named@ra.example", name: "Named Person" }, { action: "security.sign_out" });
    await recordSecurityEvent({ id: null, email: "unnamed@ra.example" }, { action: "security.sign_out" });
    const named = await db.auditEvent.findFirstOrThrow({ where: { actorEmail: "named@ra.example" } });
    const unnamed = await db.auditEvent.findFirstOrThrow({ where: { actorEmail: "unnamed@ra.example" } });
    expect([named.actorName, unnamed.actorName]).toEqual(["Named Person", null]);
    expect(await verifyAuditChain(null)).toMatchObject({ ok: true });
  });

  it.each([
    ["removing a name", "named@ra.example", null],
    ["changing a name", "named@ra.example", "Someone Else"],
    ["adding a name", "unnamed@ra.example", "Invented Name"],
  ])("%s is detected", async (_name, email, value) => {
    await dropAppendOnlyTriggers("AuditEvent");
    const event = await db.auditEvent.findFirstOrThrow({ where: { actorEmail: email } });
    await db.$executeRaw`UPDATE "AuditEvent" SET "actorName" = ${value} WHERE "id" = ${event.id}`;
    expect(await verifyAuditChain(null)).toMatchObject({ ok: false, firstBadEventId: String(event.id) });
    await db.$executeRaw`UPDATE "AuditEvent" SET "actorName" = ${event.actorName} WHERE "id" = ${event.id}`;
    expect(await verifyAuditChain(null)).toMatchObject({ ok: true });
  });
});

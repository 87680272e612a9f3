// The change log is append-only and tamper-evident: one event per change, triggers refuse UPDATE/DELETE, and
// with the triggers gone the keyed hash chain (plus a checkpoint kept outside the database) shows where.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { chainHash, GENESIS_HASH } from "@/lib/data/audit-chain";
import { auditChainHead, verifyAuditChain } from "@/lib/data/audit-verify";
import { recordSecurityEvent } from "@/lib/data/audited";
import { appendCheckpoint, latestCheckpoint } from "@/lib/audit/checkpoint";
import { decideChange } from "@/lib/services/approvals";
import { DENSHAM, QUEENS_PARK, demoPeople } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";
import { api, apiChange, errorBody, versionOf, type ChangeKind } from "./support/api";
import { auditJson, dropAppendOnlyTriggers, refusal, restoreAppendOnlyTriggers, runNpmScript } from "./support/audit-helpers";

const dir = mkdtempSync(path.join(tmpdir(), "audit-tamper-"));
process.env.AUDIT_CHECKPOINT_FILE = path.join(dir, "checkpoints.jsonl");
process.env.AUDIT_CHECKPOINT_KEY = "integration-checkpoint-key";
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => signOut());

type Event = Awaited<ReturnType<typeof db.auditEvent.findFirstOrThrow>>;
const allEvents = () => db.auditEvent.findMany({ orderBy: { id: "asc" } });

/** Puts a tampered row back exactly as it was (triggers must be off). */
async function restore(event: Event) {
  await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${event.id}`;
  await db.auditEvent.create({ data: event });
}

// Roles by an RA agent; workgroups by an advanced RA agent (RA agents may not change workgroups).
const changes: { kind: ChangeKind; action: string; actor: string; smartcardId: string; odsCode: string; roleCode?: string; before: unknown; after: unknown }[] = [
  {
    // A role where the person has no CSMS access yet: the IG guard has nothing to warn about.
    kind: "role.add", action: "role.added", actor: "agent@ra.example", smartcardId: demoPeople.workgroupOnly, odsCode: QUEENS_PARK.odsCode, roleCode: "R8001",
    before: { roles: [], cervicalScreeningWorkgroup: true }, after: { roles: ["R8001"], cervicalScreeningWorkgroup: true },
  },
  {
    kind: "role.remove", action: "role.removed", actor: "agent@ra.example", smartcardId: demoPeople.canLogInTwoRoles, odsCode: QUEENS_PARK.odsCode, roleCode: "R0620",
    before: { roles: ["R0620", "R8001"], cervicalScreeningWorkgroup: true }, after: { roles: ["R8001"], cervicalScreeningWorkgroup: true },
  },
  {
    kind: "workgroup.add", action: "workgroup.added", actor: "advanced@ra.example", smartcardId: demoPeople.noWorkgroup, odsCode: DENSHAM.odsCode,
    before: { roles: ["R8001"], cervicalScreeningWorkgroup: false }, after: { roles: ["R8001"], cervicalScreeningWorkgroup: true },
  },
  {
    kind: "workgroup.remove", action: "workgroup.removed", actor: "advanced@ra.example", smartcardId: demoPeople.canLogIn, odsCode: DENSHAM.odsCode,
    before: { roles: ["R8001"], cervicalScreeningWorkgroup: true }, after: { roles: ["R8001"], cervicalScreeningWorkgroup: false },
  },
];

describe("each change writes exactly one event", () => {
  it.each(changes)("$kind: one $action event with the before and after state", async ({ kind, action, actor, smartcardId, odsCode, roleCode, before, after }) => {
    await signInAs(actor);
    const last = await db.auditEvent.findFirst({ orderBy: { id: "desc" } });
    const { status } = await apiChange(kind, { smartcardId, odsCode, roleCode, reason: `Tamper test ${kind}`, version: await versionOf(smartcardId) });
    expect(status).toBe(200);

    const written = await db.auditEvent.findMany({ where: { id: { gt: last?.id ?? 0 } } });
    expect(written).toHaveLength(1);
    const event = written[0]!;
    expect(event).toMatchObject({ action, smartcardId, odsCode, roleCode: roleCode ?? null, actorEmail: actor, reason: `Tamper test ${kind}`, requestId: null, safeguards: null });
    expect(JSON.parse(event.before!)).toStrictEqual(before);
    expect(JSON.parse(event.after!)).toStrictEqual(after);
    expect(event.prevHash).toBe(last?.hash ?? GENESIS_HASH);
  });

  it("a warned grant's justification is kept on its event, inside the keyed hash", async () => {
    await signInAs("advanced@ra.example");
    const smartcardId = demoPeople.coveredByPcn; // ready at H82065; H82091 is covered through the Lancing PCN
    const last = await db.auditEvent.findFirst({ orderBy: { id: "desc" } });
    const justification = "Runs the H82091 screening clinic on her own smartcard";
    const { status, body } = await api.addWorkgroup(smartcardId, {
      odsCode: "H82091", reason: "Tamper test safeguards", version: await versionOf(smartcardId), acknowledgeWarning: true, justification,
    });
    // A warned grant waits for a second person; the manager's approval makes it.
    expect(status).toBe(202);
    await signInAs("manager@ra.example");
    await decideChange({ id: body.pendingChangeId, decision: "approve" });
    const written = await db.auditEvent.findMany({ where: { id: { gt: last?.id ?? 0 }, action: "workgroup.added" } });
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0]!.safeguards!)).toMatchObject({ igWarning: { warnings: [expect.stringMatching(/H82091/)], justification } });
    expect(written[0]!.hash).toBe(chainHash(written[0]!.prevHash, written[0]!));
    expect(written[0]!.hash).not.toBe(chainHash(written[0]!.prevHash, { ...written[0]!, safeguards: null }));
  });

  it("the untouched chain verifies", async () => {
    expect(await verifyAuditChain(null)).toStrictEqual({ ok: true, checked: await db.auditEvent.count(), firstBadEventId: null, problem: null });
  });
});

describe("concurrent appends", () => {
  it("twenty security events at once each get their own place in the chain", async () => {
    const before = await db.auditEvent.count();
    await Promise.all(Array.from({ length: 20 }, (_, k) => recordSecurityEvent({ id: null, email: `burst-${k}@ra.example` }, { action: "security.sign_in_failed" })));
    const burst = await db.auditEvent.findMany({ where: { actorEmail: { startsWith: "burst-" } } });
    expect(new Set(burst.map((e) => e.actorEmail)).size).toBe(20);
    expect(await db.auditEvent.count()).toBe(before + 20);
    expect(await verifyAuditChain(null)).toMatchObject({ ok: true, checked: before + 20 });
  });
});

describe("the triggers refuse UPDATE and DELETE through raw SQL", () => {
  beforeAll(async () => {
    await signInAs("auditor@ra.example");
    expect((await api.getPerson(demoPeople.canLogIn)).status).toBe(200); // one access-log entry
  });

  it.each([
    ["AuditEvent", `UPDATE "AuditEvent" SET "reason" = 'rewritten'`, "audit events are append-only"],
    ["AuditEvent", `UPDATE "AuditEvent" SET "hash" = 'x' WHERE "id" = (SELECT MAX("id") FROM "AuditEvent")`, "audit events are append-only"],
    ["AuditEvent", `DELETE FROM "AuditEvent" WHERE "id" = (SELECT MAX("id") FROM "AuditEvent")`, "audit events are append-only"],
    ["AccessLogEntry", `UPDATE "AccessLogEntry" SET "actorEmail" = 'nobody@ra.example'`, "access log entries are append-only"],
    ["AccessLogEntry", `DELETE FROM "AccessLogEntry"`, "access log entries are append-only"],
  ])("%s: %s", async (table, statement, message) => {
    const rows = () => (table === "AuditEvent" ? allEvents() : db.accessLogEntry.findMany({ orderBy: { id: "asc" } }));
    const before = await rows();
    expect(before.length).toBeGreaterThan(0);
    expect(await refusal(db.$executeRawUnsafe(statement))).toBe(message);
    expect(await rows()).toEqual(before);
  });
});

describe("with the triggers dropped, verification finds the tampering", () => {
  let events: Event[];
  beforeAll(async () => {
    await dropAppendOnlyTriggers("AuditEvent");
    events = await allEvents();
    expect(events.length).toBeGreaterThanOrEqual(4);
  });
  afterAll(() => restoreAppendOnlyTriggers("AuditEvent"));
  afterEach(async () => {
    // Every test leaves the log as it found it.
    expect(await allEvents()).toEqual(events);
    expect((await verifyAuditChain(null)).ok).toBe(true);
  });

  it("an edited reason is reported at that event", async () => {
    const target = events[1]!;
    await db.$executeRaw`UPDATE "AuditEvent" SET "reason" = 'Nothing to see here' WHERE "id" = ${target.id}`;
    const result = await verifyAuditChain(null);
    expect(result).toMatchObject({ ok: false, checked: 1, firstBadEventId: String(target.id), problem: expect.stringMatching(/edited/) });
    await restore(target);
  });

  it("a justification taken out of an event's safeguards is reported at that event", async () => {
    const target = events.find((e) => e.safeguards !== null)!;
    expect(target).toBeDefined();
    await db.$executeRaw`UPDATE "AuditEvent" SET "safeguards" = NULL WHERE "id" = ${target.id}`;
    expect(await verifyAuditChain(null)).toMatchObject({ ok: false, firstBadEventId: String(target.id) });
    await restore(target);
  });

  it("an edit re-hashed (and re-chained) with a different key is still reported at that event", async () => {
    const from = 1;
    const forged: { id: number; prevHash: string; hash: string; reason: string | null }[] = [];
    let prevHash = events[from - 1]!.hash;
    const realKey = process.env.AUDIT_HMAC_KEY;
    process.env.AUDIT_HMAC_KEY = "attacker-guess"; // someone with database access but without the key
    try {
      for (const event of events.slice(from)) {
        const reason = event.id === events[from]!.id ? "Forged reason" : event.reason;
        const hash = chainHash(prevHash, { ...event, reason });
        forged.push({ id: event.id, prevHash, hash, reason });
        prevHash = hash;
      }
    } finally {
      process.env.AUDIT_HMAC_KEY = realKey;
    }
    for (const f of forged) {
      await db.$executeRaw`UPDATE "AuditEvent" SET "reason" = ${f.reason}, "prevHash" = ${f.prevHash}, "hash" = ${f.hash} WHERE "id" = ${f.id}`;
    }
    expect(await verifyAuditChain(null)).toMatchObject({ ok: false, firstBadEventId: String(events[from]!.id) });
    for (const event of events.slice(from)) await restore(event);
  });

  it("a row deleted from the middle is reported at the next event", async () => {
    const [removed, next] = [events[1]!, events[2]!];
    await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${removed.id}`;
    expect(await verifyAuditChain(null)).toMatchObject({ ok: false, checked: 1, firstBadEventId: String(next.id) });
    await restore(removed);
  });

  it("deleting the newest events passes the chain alone but fails against the checkpoint", async () => {
    const checkpoint = appendCheckpoint(await auditChainHead());
    expect(latestCheckpoint()).toStrictEqual(checkpoint);
    expect(checkpoint).toMatchObject({ count: events.length, lastId: events.at(-1)!.id, lastHash: events.at(-1)!.hash });
    expect(await verifyAuditChain(latestCheckpoint())).toMatchObject({ ok: true, firstBadEventId: null });

    const newest = events.slice(-2);
    for (const e of newest) await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${e.id}`;
    expect(await verifyAuditChain(null)).toMatchObject({ ok: true, checked: events.length - 2 });
    expect(await verifyAuditChain(latestCheckpoint())).toMatchObject({ ok: false, firstBadEventId: String(checkpoint.lastId), problem: expect.stringMatching(/deleted/) });
    for (const e of newest) await restore(e);
  });

  it("replacing the newest event with a new one at the same id fails against the checkpoint", async () => {
    const checkpoint = latestCheckpoint()!;
    const newest = events.at(-1)!;
    await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${newest.id}`;
    await recordSecurityEvent({ id: null, email: "someone@ra.example" }, { action: "security.sign_in_failed" });
    expect((await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).id).toBe(newest.id);
    expect((await verifyAuditChain(null)).ok).toBe(true);
    expect(await verifyAuditChain(checkpoint)).toMatchObject({ ok: false, firstBadEventId: String(newest.id) });
    await restore(newest);
  });

  it("the verify route reports the first bad event to the auditor", async () => {
    const target = events[2]!;
    await db.$executeRaw`UPDATE "AuditEvent" SET "actorEmail" = 'someone-else@ra.example' WHERE "id" = ${target.id}`;
    await signInAs("auditor@ra.example");
    const { status, body } = await auditJson("verify");
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: false, checked: 2, firstBadEventId: String(target.id) });
    await restore(target);
  });
});

describe("GET /api/v1/audit/verify", () => {
  it("returns { ok, checked, firstBadEventId } to the auditor", async () => {
    await signInAs("auditor@ra.example");
    const { status, body, contentType } = await auditJson("verify");
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/json/);
    expect(body).toMatchObject({ ok: true, checked: await db.auditEvent.count(), firstBadEventId: null });
  });

  it("is 403 for an RA agent and 401 signed out", async () => {
    await signInAs("agent@ra.example");
    const refused = await auditJson("verify");
    expect(refused.status).toBe(403);
    expect(refused.body).toStrictEqual(errorBody("forbidden"));
    signOut();
    expect((await auditJson("verify")).status).toBe(401);
  });
});

describe("npm run audit:checkpoint / audit:verify", () => {
  it("exit 0 while intact, 1 once an event is edited", { timeout: 120_000 }, async () => {
    const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL, AUDIT_CHECKPOINT_FILE: process.env.AUDIT_CHECKPOINT_FILE, AUDIT_HMAC_KEY: "integration-test-key" };
    const head = await auditChainHead();

    const checkpoint = await runNpmScript("audit:checkpoint", env);
    expect(checkpoint).toMatchObject({ code: 0 });
    const written = JSON.parse(readFileSync(process.env.AUDIT_CHECKPOINT_FILE!, "utf8").trim().split("\n").at(-1)!);
    expect(written).toMatchObject(head);

    const intact = await runNpmScript("audit:verify", env);
    expect(intact).toMatchObject({ code: 0 });
    expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, checked: head.count });

    await dropAppendOnlyTriggers("AuditEvent");
    const target = (await allEvents())[0]!;
    await db.$executeRaw`UPDATE "AuditEvent" SET "reason" = 'rewritten' WHERE "id" = ${target.id}`;
    try {
      const tampered = await runNpmScript("audit:verify", env);
      expect(tampered).toMatchObject({ code: 1 });
      expect(JSON.parse(tampered.stdout)).toMatchObject({ ok: false, firstBadEventId: String(target.id) });
    } finally {
      await restore(target);
      await restoreAppendOnlyTriggers("AuditEvent");
    }
    expect((await runNpmScript("audit:verify", env)).code).toBe(0);
  });
});

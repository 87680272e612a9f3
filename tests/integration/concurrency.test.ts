// Many writers at once. On PostgreSQL the client has a pool of connections, so these calls really overlap in
// the database (as several console instances would): the chains must not fork, limits must not overshoot,
// no change may be lost. On SQLite the same calls queue for the one writer.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { recordSecurityEvent } from "@/lib/data/audited";
import { recordProfileView } from "@/lib/data/audit";
import { takeRateLimit } from "@/lib/data/rate-limit";
import { verifyAuditChain } from "@/lib/data/audit-verify";
import { DENSHAM, demoPeople } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";
import { api, versionOf } from "./support/api";
import { injectAuditFailure, removeAuditFailure } from "./support/database";

beforeAll(() => signInAs("advanced@ra.example"));
afterAll(() => signOut());

describe("concurrent writers", () => {
  it("40 security events at once: 40 new events, one unbroken chain", async () => {
    const before = await db.auditEvent.count();
    const actor = { id: null, email: "load@ra.example" };
    await Promise.all(Array.from({ length: 40 }, (_, i) => recordSecurityEvent(actor, { action: "security.sign_in_failed", reason: `attempt ${i}` })));
    expect(await db.auditEvent.count()).toBe(before + 40);
    expect(await verifyAuditChain(null)).toMatchObject({ ok: true });
  });

  it("30 profile views at once: 30 access-log rows on one chain of ids", async () => {
    const user = await db.consoleUser.findUniqueOrThrow({ where: { email: "auditor@ra.example" } });
    const person = await db.person.findUniqueOrThrow({ where: { smartcardId: demoPeople.canLogIn } });
    const before = await db.accessLogEntry.count();
    const actor = { id: user.id, email: user.email, name: user.name, role: "auditor", organisationIds: [] } as unknown as Parameters<typeof recordProfileView>[0];
    await Promise.all(Array.from({ length: 30 }, () => recordProfileView(actor, person, "api")));
    const rows = await db.accessLogEntry.findMany({ orderBy: { id: "asc" }, select: { id: true, prevHash: true, hash: true } });
    expect(rows).toHaveLength(before + 30);
    rows.slice(1).forEach((row, i) => expect(row.prevHash).toBe(rows[i]!.hash));
  });

  it("views committed together fail together: each reader gets the error and none of their rows is written", async () => {
    const user = await db.consoleUser.findUniqueOrThrow({ where: { email: "auditor@ra.example" } });
    const person = await db.person.findUniqueOrThrow({ where: { smartcardId: demoPeople.canLogIn } });
    const actor = { id: user.id, email: user.email, name: user.name, role: "auditor", odsCodes: [] } as unknown as Parameters<typeof recordProfileView>[0];
    const before = await db.accessLogEntry.count();
    await injectAuditFailure("AccessLogEntry");
    try {
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => recordProfileView(actor, person, "page")));
      expect(outcomes.map((o) => o.status)).toEqual(Array<string>(10).fill("rejected"));
    } finally {
      await removeAuditFailure("AccessLogEntry");
    }
    expect(await db.accessLogEntry.count()).toBe(before);
    // The queue is not stuck: the next reader is recorded as usual.
    await recordProfileView(actor, person, "page");
    expect(await db.accessLogEntry.count()).toBe(before + 1);
  });

  it("a limit of 5 taken by 25 callers at once lets exactly 5 through", async () => {
    const key = `concurrency-${Date.now()}`;
    const outcomes = await Promise.all(Array.from({ length: 25 }, () => takeRateLimit([{ key, limit: 5, windowMs: 60_000 }])));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(5);
  });

  it("12 adds of the same workgroup against one version: one succeeds, the rest are 409, one event", async () => {
    const smartcardId = demoPeople.noWorkgroupTwoOrgs;
    const version = await versionOf(smartcardId);
    const before = await db.auditEvent.count({ where: { action: "workgroup.added" } });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => api.addWorkgroup(smartcardId, { odsCode: DENSHAM.odsCode, reason: "Concurrent add", version })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array<number>(11).fill(409)]);
    expect(await db.auditEvent.count({ where: { action: "workgroup.added" } })).toBe(before + 1);
    expect(await versionOf(smartcardId)).toBe(version + 1);
  });

  it("another process writing at the same time: every write of both lands, one chain", { timeout: 60_000 }, async () => {
    const before = await db.auditEvent.count();
    const actor = { id: null, email: "this-process@ra.example" };
    const other = promisify(execFile)("npx", ["tsx", "--conditions=react-server", "tests/integration/support/writer.ts", "60"], { env: process.env, timeout: 45_000 });
    // Keep writing until the other process is done, so the two overlap whatever its start-up time.
    let mine = 0;
    let finished = false;
    void other.finally(() => (finished = true)).catch(() => undefined);
    while (!finished && mine < 2000) {
      await recordSecurityEvent(actor, { action: "security.sign_in_failed", reason: `from the test, ${mine}` });
      mine++;
    }
    await other;
    expect(await db.auditEvent.count()).toBe(before + mine + 60);
    expect(await verifyAuditChain(null)).toMatchObject({ ok: true });
  });
});

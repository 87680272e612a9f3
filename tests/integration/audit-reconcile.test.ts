// Tampering the hash chain alone cannot see (issue 9, item 8), with the default setup: the seed's baseline,
// automatic signed checkpoints, the change log replayed against the database, and the chained access log.
// `audit:verify` (and GET /api/v1/audit/verify) must detect an inserted grant with no event, a deleted last
// event, a rewritten checkpoint line and an edited access-log row. Tests run in order on one database copy.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { execFile } from "node:child_process";
import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/data/db";
import { recordSecurityEvent, type Actor } from "@/lib/data/audited";
import { addRole, changeEndDate } from "@/lib/data/changes";
import { expireDueGrants } from "@/lib/data/grant-expiry";
import { createRequest } from "@/lib/data/requests";
import { auditChainHead, verifyAuditTrail } from "@/lib/data/audit-verify";
import { appendCheckpoint, checkpointFile } from "@/lib/audit/checkpoint";
import { checkpointAfterWrite, resetCheckpointMark } from "@/lib/audit/auto-checkpoint";
import { BASELINE_ACTION, parseBaseline } from "@/lib/audit/baseline";
import { DENSHAM, QUEENS_PARK, demoPeople } from "@/prisma/seed/demo";
import { demoPersonSeeds } from "@/prisma/seed/people";
import { signInAs, signOut } from "./support/session";
import { api, versionOf } from "./support/api";
import { auditJson, dropAppendOnlyTriggers, refusal, restoreAppendOnlyTriggers, runNpmScript } from "./support/audit-helpers";
import { onPostgres } from "./support/database";

// What `npm run setup` gives a new machine: a checkpoint key of its own (setup.ts gives each file its own file).
process.env.AUDIT_CHECKPOINT_KEY = "integration-checkpoint-key";

let agent: Actor;
afterEach(() => signOut());
beforeAll(async () => {
  const user = await db.consoleUser.findUniqueOrThrow({ where: { email: "agent@ra.example" } });
  agent = { id: user.id, email: user.email, name: user.name };
});

type Event = Awaited<ReturnType<typeof db.auditEvent.findFirstOrThrow>>;
const lastEvent = () => db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
const lines = () => (existsSync(checkpointFile()) ? readFileSync(checkpointFile(), "utf8").trim().split("\n").filter(Boolean) : []);
const parsedLines = () => lines().map((l) => JSON.parse(l) as { lastId: number; count: number; lastHash: string; at: string; sig?: string; access: { lastId: number } });

/** `npm run audit:verify` as an operator runs it: exit code and its JSON. */
async function auditVerifyScript() {
  const run = await runNpmScript("audit:verify", { ...process.env });
  return { code: run.code, result: JSON.parse(run.stdout || "{}"), stderr: run.stderr };
}

async function expectIntact() {
  const result = await verifyAuditTrail();
  expect(result, result.problem ?? "").toMatchObject({ ok: true, problem: null });
  return result;
}

/** Puts a deleted event back exactly as it was (triggers must be off). */
async function restoreEvent(event: Event) {
  await db.auditEvent.create({ data: event });
}

describe("the seed's baseline", () => {
  it("is the first event: every demo person with their active grants and version, on the keyed chain", async () => {
    const first = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "asc" } });
    expect(first).toMatchObject({ id: 1, action: BASELINE_ACTION, actorEmail: "seed", smartcardId: null });
    const baseline = parseBaseline(first.after)!;
    expect(baseline.people.map((p) => p.smartcardId).sort()).toEqual(demoPersonSeeds.map((p) => p.smartcardId).sort());
    const canLogIn = baseline.people.find((p) => p.smartcardId === demoPeople.canLogIn)!;
    expect(canLogIn.version).toBe(1);
    expect(canLogIn.positions.find((p) => p.odsCode === DENSHAM.odsCode)).toMatchObject({ roles: ["R8001"], cervicalScreeningWorkgroup: true });
    expect(await db.auditEvent.count({ where: { action: BASELINE_ACTION } })).toBe(1);
  });

  it("the untouched database replays to exactly what is stored; no checkpoint exists yet", async () => {
    expect(existsSync(checkpointFile())).toBe(false);
    const result = await expectIntact();
    expect(result.state).toMatchObject({ ok: true, checked: true, people: demoPersonSeeds.length, disagreements: 0 });
    expect(result.warnings).toEqual([expect.stringMatching(/no signed checkpoint yet/)]);
  });

  it("rerunning the seed records no second baseline and still verifies", { timeout: 120_000 }, async () => {
    const before = await db.auditEvent.count();
    await new Promise<void>((resolve, reject) =>
      execFile("npx", ["tsx", "prisma/seed.ts"], { env: { ...process.env }, timeout: 110_000 }, (error) => (error ? reject(error) : resolve())),
    );
    expect(await db.auditEvent.count()).toBe(before);
    await expectIntact();
  });
});

describe("automatic checkpoints (nobody runs audit:checkpoint)", () => {
  it("the first change writes a signed checkpoint of both chain heads", async () => {
    await addRole(agent, { smartcardId: demoPeople.workgroupOnly, odsCode: QUEENS_PARK.odsCode, roleCode: "R8001", reason: "Reconcile test", version: await versionOf(demoPeople.workgroupOnly) });
    const written = parsedLines();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ ...(await auditChainHead()), v: 2, sig: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const result = await expectIntact();
    expect(result.checkpoints).toMatchObject({ ok: true, signed: 1, latest: { lastId: (await lastEvent()).id } });
  });

  it("then one each time the newest id passes a multiple of 100, not one per event", async () => {
    const start = (await lastEvent()).id;
    const target = (Math.floor(start / 100) + 1) * 100;
    for (let id = start; id < target + 5; id++) await recordSecurityEvent({ id: null, email: "burst@ra.example" }, { action: "security.sign_in_failed" });
    const written = parsedLines();
    expect(written.map((c) => c.lastId)).toEqual([start, target]);
    await expectIntact();
  });

  it("and one when the last is 10 minutes old", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 11 * 60_000);
      await recordSecurityEvent({ id: null, email: "later@ra.example" }, { action: "security.sign_in_failed" });
    } finally {
      vi.useRealTimers();
    }
    const written = parsedLines();
    expect(written).toHaveLength(3);
    expect(written.at(-1)!.lastId).toBe((await lastEvent()).id);
    await expectIntact();
  });

  it("once writes stop, the newest ones get a checkpoint within 10 minutes", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    try {
      // A minute after the last checkpoint, one more event: not due, so a timer is set for the rest of the 10 minutes.
      vi.setSystemTime(Date.parse(parsedLines().at(-1)!.at) + 60_000);
      await recordSecurityEvent({ id: null, email: "quiet@ra.example" }, { action: "security.sign_in_failed" });
      const newest = (await lastEvent()).id;
      expect(parsedLines().at(-1)!.lastId).toBeLessThan(newest);
      await vi.advanceTimersByTimeAsync(8 * 60_000);
      expect(parsedLines()).toHaveLength(3);
      await vi.advanceTimersByTimeAsync(60_000 + 1000);
      await checkpointAfterWrite(); // settles behind the timer's checkpoint
      expect(parsedLines()).toHaveLength(4);
      expect(parsedLines().at(-1)!.lastId).toBe(newest);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a deleted last event is detected by audit:verify, with the default setup", { timeout: 60_000 }, async () => {
    const newest = await lastEvent();
    expect(parsedLines().at(-1)!.lastId).toBe(newest.id);
    await dropAppendOnlyTriggers("AuditEvent");
    try {
      await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${newest.id}`;
      const result = await verifyAuditTrail();
      expect(result).toMatchObject({ ok: false, firstBadEventId: String(newest.id), chain: { ok: true }, checkpoints: { ok: false } });
      expect(result.problem).toMatch(/deleted/);
      const script = await auditVerifyScript();
      expect(script.code).toBe(1);
      expect(script.result).toMatchObject({ ok: false, firstBadEventId: String(newest.id), problem: expect.stringMatching(/deleted/) });
      expect(script.stderr).toMatch(/TAMPERING DETECTED/);
    } finally {
      await restoreEvent(newest);
      await restoreAppendOnlyTriggers("AuditEvent");
    }
    await expectIntact();
  });
});

describe("signed checkpoint lines", () => {
  let original: string;
  beforeAll(() => {
    original = readFileSync(checkpointFile(), "utf8");
  });
  afterEach(async () => {
    writeFileSync(checkpointFile(), original);
    resetCheckpointMark();
    process.env.AUDIT_CHECKPOINT_KEY = "integration-checkpoint-key";
    await expectIntact();
  });
  const rewriteLast = (change: (line: Record<string, unknown>) => Record<string, unknown>) => {
    const all = original.trim().split("\n");
    all[all.length - 1] = JSON.stringify(change(JSON.parse(all.at(-1)!)));
    writeFileSync(checkpointFile(), `${all.join("\n")}\n`);
    return all.length;
  };

  it("a rewritten last line (to hide deleted events) is refused by audit:verify, naming the line", { timeout: 60_000 }, async () => {
    const line = rewriteLast((c) => ({ ...c, count: (c.count as number) - 1, lastId: (c.lastId as number) - 1 }));
    const result = await verifyAuditTrail();
    expect(result).toMatchObject({ ok: false, checkpoints: { ok: false } });
    expect(result.problem).toBe(`Line ${line} of the checkpoint file does not match its signature: it was changed, or written without the checkpoint key.`);
    const script = await auditVerifyScript();
    expect(script.code).toBe(1);
    expect(script.result.problem).toMatch(new RegExp(`^Line ${line} of the checkpoint file does not match its signature`));
  });

  it("a line re-signed with another key is refused", async () => {
    const line = rewriteLast((c) => {
      const body = [c.v, c.at, c.count, c.lastId, c.lastHash, c.access];
      return { ...c, sig: createHmac("sha256", "attacker-guess").update(JSON.stringify(body)).digest("hex") };
    });
    expect((await verifyAuditTrail()).problem).toMatch(new RegExp(`^Line ${line} of the checkpoint file does not match its signature`));
  });

  it("an unsigned line after signed ones is refused", async () => {
    const head = await auditChainHead();
    writeFileSync(checkpointFile(), `${original}${JSON.stringify({ count: head.count, lastId: head.lastId, lastHash: head.lastHash, at: new Date().toISOString() })}\n`);
    const n = original.trim().split("\n").length + 1;
    expect((await verifyAuditTrail()).problem).toBe(`Line ${n} of the checkpoint file is not signed, although line 1 before it is: it was added or rewritten without the checkpoint key.`);
  });

  it("older unsigned lines before the first signed one are reported, not trusted", async () => {
    // One from before signing that claims far more events than there are: untrusted, so it cannot fail the check either.
    writeFileSync(checkpointFile(), `${JSON.stringify({ count: 99_999, lastId: 99_999, lastHash: "f".repeat(64), at: "2026-01-01T00:00:00.000Z" })}\n${original}`);
    const result = await verifyAuditTrail();
    expect(result).toMatchObject({ ok: true, checkpoints: { unsignedLegacy: 1, signed: original.trim().split("\n").length } });
    expect(result.warnings).toContainEqual(expect.stringMatching(/1 unsigned line\(s\) at the start of the checkpoint file .* not trusted/));
  });

  it("signed lines cannot be checked without the key, and the chain's key may not sign them", async () => {
    delete process.env.AUDIT_CHECKPOINT_KEY;
    expect((await verifyAuditTrail()).problem).toBe("Line 1 of the checkpoint file is signed, but AUDIT_CHECKPOINT_KEY is not set: the checkpoints cannot be checked.");
    process.env.AUDIT_CHECKPOINT_KEY = process.env.AUDIT_HMAC_KEY;
    expect(() => appendCheckpoint({ count: 0, lastId: 0, lastHash: "", access: { count: 0, lastId: 0, lastHash: "" } })).toThrow(/must be a key of its own/);
  });
});

describe("the profile access log is a chain of its own", () => {
  const views = () => db.accessLogEntry.findMany({ orderBy: { id: "asc" } });
  type View = Awaited<ReturnType<typeof views>>[number];
  const put = (row: View) => db.accessLogEntry.create({ data: row });

  it("rows from before the chain (empty hash) are accepted only before the first chained row", async () => {
    expect(await db.accessLogEntry.count()).toBe(0);
    const user = await db.consoleUser.findUniqueOrThrow({ where: { email: "auditor@ra.example" } });
    const person = await db.person.findUniqueOrThrow({ where: { smartcardId: demoPeople.canLogIn } });
    for (let k = 0; k < 2; k++) {
      await db.accessLogEntry.create({ data: { actorId: user.id, actorEmail: user.email, personId: person.id, smartcardId: person.smartcardId, personName: person.name, via: "page" } });
    }
    await signInAs("auditor@ra.example");
    for (const smartcardId of [demoPeople.canLogIn, demoPeople.noRoles, demoPeople.canLogInGp, demoPeople.canLogIn]) {
      expect((await api.getPerson(smartcardId)).status).toBe(200);
    }
    const rows = await views();
    expect(rows.map((r) => r.hash === "")).toEqual([true, true, false, false, false, false]);
    expect(rows[2]!.prevHash).toBe("0".repeat(64));
    expect(rows[3]!.prevHash).toBe(rows[2]!.hash);
    const result = await expectIntact();
    expect(result.accessLog).toMatchObject({ ok: true, checked: 4, legacy: 2 });
    expect(result.warnings).toContainEqual("2 profile view(s) were logged before the access log was chained: they are kept but cannot be checked.");
  });

  describe("with its triggers dropped", () => {
    let rows: View[];
    beforeAll(async () => {
      appendCheckpoint(await auditChainHead());
      await dropAppendOnlyTriggers("AccessLogEntry");
      rows = await views();
    });
    afterAll(() => restoreAppendOnlyTriggers("AccessLogEntry"));
    afterEach(async () => {
      expect(await views()).toEqual(rows);
      await expectIntact();
    });

    it("an edited row (who viewed whom) is detected by audit:verify", { timeout: 60_000 }, async () => {
      const target = rows[4]!;
      await db.$executeRaw`UPDATE "AccessLogEntry" SET "actorEmail" = 'someone-else@ra.example' WHERE "id" = ${target.id}`;
      try {
        const result = await verifyAuditTrail();
        expect(result).toMatchObject({ ok: false, chain: { ok: true }, accessLog: { ok: false, firstBadEntryId: String(target.id), problem: expect.stringMatching(/edited/) } });
        expect(result.problem).toBe(`Profile access log, view ${target.id}: The profile view's contents do not match its hash: it was edited.`);
        const script = await auditVerifyScript();
        expect(script.code).toBe(1);
        expect(script.result).toMatchObject({ ok: false, accessLog: { firstBadEntryId: String(target.id) } });
      } finally {
        await db.$executeRaw`UPDATE "AccessLogEntry" SET "actorEmail" = ${target.actorEmail} WHERE "id" = ${target.id}`;
      }
    });

    it("a row deleted from the middle is detected at the next one", async () => {
      const [removed, next] = [rows[3]!, rows[4]!];
      await db.$executeRaw`DELETE FROM "AccessLogEntry" WHERE "id" = ${removed.id}`;
      expect((await verifyAuditTrail()).accessLog).toMatchObject({ ok: false, firstBadEntryId: String(next.id), problem: expect.stringMatching(/removed/) });
      await put(removed);
    });

    it("the newest row deleted is detected against the checkpoint", async () => {
      const newest = rows.at(-1)!;
      await db.$executeRaw`DELETE FROM "AccessLogEntry" WHERE "id" = ${newest.id}`;
      expect((await verifyAuditTrail()).accessLog).toMatchObject({ ok: false, firstBadEntryId: String(newest.id), problem: expect.stringMatching(/deleted/) });
      await put(newest);
    });

    it("a row without a hash after chained rows is detected", async () => {
      const newest = rows.at(-1)!;
      await db.$executeRaw`UPDATE "AccessLogEntry" SET "hash" = '', "prevHash" = '' WHERE "id" = ${newest.id}`;
      expect((await verifyAuditTrail()).accessLog).toMatchObject({ ok: false, firstBadEntryId: String(newest.id), problem: expect.stringMatching(/no hash/) });
      await db.$executeRaw`UPDATE "AccessLogEntry" SET "hash" = ${newest.hash}, "prevHash" = ${newest.prevHash} WHERE "id" = ${newest.id}`;
    });
  });
});

// REPLACE is SQLite's own syntax (PostgreSQL has none, and its ON CONFLICT DO UPDATE fires the UPDATE trigger):
// on PostgreSQL only the ON CONFLICT case applies.
const replaceSyntax = (statement: string) => /^(INSERT OR REPLACE|REPLACE) /.test(statement);

describe("INSERT OR REPLACE cannot swap a row (REPLACE skips DELETE triggers)", () => {
  it.each([
    ["AuditEvent", `INSERT OR REPLACE INTO "AuditEvent" ("id", "occurredAt", "actorEmail", "action", "prevHash", "hash") SELECT "id", "occurredAt", 'forger@ra.example', "action", "prevHash", "hash" FROM "AuditEvent" WHERE "id" = (SELECT MAX("id") FROM "AuditEvent")`, "audit events are append-only"],
    ["AuditEvent", `REPLACE INTO "AuditEvent" ("id", "occurredAt", "actorEmail", "action", "prevHash", "hash") SELECT "id", "occurredAt", 'forger@ra.example', "action", "prevHash", "hash" FROM "AuditEvent" WHERE "id" = 1`, "audit events are append-only"],
    ["AuditEvent", `INSERT INTO "AuditEvent" ("id", "occurredAt", "actorEmail", "action", "prevHash", "hash") SELECT "id", "occurredAt", 'forger@ra.example', "action", "prevHash", "hash" FROM "AuditEvent" WHERE "id" = 1 ON CONFLICT("id") DO UPDATE SET "actorEmail" = 'forger@ra.example'`, "audit events are append-only"],
    ["AccessLogEntry", `INSERT OR REPLACE INTO "AccessLogEntry" ("id", "occurredAt", "actorId", "actorEmail", "personId", "smartcardId", "personName", "via", "prevHash", "hash") SELECT "id", "occurredAt", "actorId", 'forger@ra.example', "personId", "smartcardId", "personName", "via", "prevHash", "hash" FROM "AccessLogEntry" WHERE "id" = (SELECT MAX("id") FROM "AccessLogEntry")`, "access log entries are append-only"],
    ["AccessLogEntry", `REPLACE INTO "AccessLogEntry" ("id", "occurredAt", "actorId", "actorEmail", "personId", "smartcardId", "personName", "via") SELECT "id", "occurredAt", "actorId", 'forger@ra.example', "personId", "smartcardId", "personName", "via" FROM "AccessLogEntry" WHERE "id" = 1`, "access log entries are append-only"],
  ].filter((row) => !(onPostgres && replaceSyntax(String(row[1])))))("%s: %s", async (table, statement, message) => {
    const rows = () => (table === "AuditEvent" ? db.auditEvent.findMany({ orderBy: { id: "asc" } }) : db.accessLogEntry.findMany({ orderBy: { id: "asc" } }));
    const before = await rows();
    expect(await refusal(db.$executeRawUnsafe(statement))).toBe(message);
    expect(await rows()).toEqual(before);
  });
});

describe("the change log replayed against the database", () => {
  const positionOf = async (smartcardId: string, odsCode: string) =>
    db.position.findFirstOrThrow({ where: { person: { smartcardId }, organisation: { odsCode } }, include: { person: true } });
  afterEach(async () => {
    await expectIntact();
  });

  it("a grant inserted straight into the database, for a person with no events, is detected by audit:verify and the API", { timeout: 60_000 }, async () => {
    const position = await positionOf(demoPeople.noRoles, QUEENS_PARK.odsCode);
    expect(await db.auditEvent.count({ where: { smartcardId: demoPeople.noRoles } })).toBe(0);
    const inserted = await db.roleAssignment.create({ data: { positionId: position.id, roleCode: "R8010", grantReason: "Nobody will notice" } });
    try {
      const expected = `${position.person.name} (5555 0000 0011) holds job role R8010 at A81002 (Queens Park Medical Centre) in the database, but no event and no baseline records it: it was added straight into the database.`;
      const result = await verifyAuditTrail();
      expect(result).toMatchObject({ ok: false, firstBadEventId: null, problem: expected, chain: { ok: true }, checkpoints: { ok: true }, state: { ok: false, disagreements: 1 } });

      await signInAs("auditor@ra.example");
      const { status, body } = await auditJson("verify");
      expect(status).toBe(200);
      expect(body).toMatchObject({ ok: false, problem: expected, state: { ok: false, problem: expected } });

      const script = await auditVerifyScript();
      expect(script.code).toBe(1);
      expect(script.result).toMatchObject({ ok: false, problem: expected });
    } finally {
      await db.roleAssignment.delete({ where: { id: inserted.id } });
    }
  });

  it("a workgroup membership inserted straight into the database is detected", async () => {
    const position = await positionOf(demoPeople.noRoles, QUEENS_PARK.odsCode);
    const inserted = await db.workgroupMembership.create({ data: { positionId: position.id, grantReason: "Nobody will notice" } });
    expect((await verifyAuditTrail()).problem).toMatch(/holds the cervicalscreening workgroup at A81002 .* added straight into the database/);
    await db.workgroupMembership.delete({ where: { id: inserted.id } });
  });

  it("a grant ended straight in the database is detected", async () => {
    const position = await positionOf(demoPeople.canLogIn, DENSHAM.odsCode);
    const grant = await db.roleAssignment.findFirstOrThrow({ where: { positionId: position.id, roleCode: "R8001", endedAt: null } });
    await db.roleAssignment.update({ where: { id: grant.id }, data: { endedAt: new Date() } });
    expect((await verifyAuditTrail()).problem).toMatch(/The change log says .* holds job role R8001 at A81001 .*the seed's baseline, event 1.*, but the database has no such active grant/);
    await db.roleAssignment.update({ where: { id: grant.id }, data: { endedAt: null } });
  });

  it("an end date moved straight in the database is detected", async () => {
    const position = await positionOf(demoPeople.canLogInReceptionist, DENSHAM.odsCode);
    const grant = await db.roleAssignment.findFirstOrThrow({ where: { positionId: position.id, endedAt: null } });
    await db.roleAssignment.update({ where: { id: grant.id }, data: { endsAt: new Date("2027-06-01T00:00:00Z") } });
    expect((await verifyAuditTrail()).problem).toMatch(/has an end date of 2027-06-01T00:00:00.000Z in the database, but the change log gives no end date/);
    await db.roleAssignment.update({ where: { id: grant.id }, data: { endsAt: grant.endsAt } });
  });

  it("a profile version changed without an event is detected", async () => {
    const version = await versionOf(demoPeople.canLogInGp);
    await db.person.update({ where: { smartcardId: demoPeople.canLogInGp }, data: { version: version + 1 } });
    expect((await verifyAuditTrail()).problem).toMatch(new RegExp(`\\(5555 0000 0004\\) is at profile version ${version + 1} in the database, but the change log gives version ${version}`));
    await db.person.update({ where: { smartcardId: demoPeople.canLogInGp }, data: { version } });
  });

  it("a person and a grant inserted together are detected", async () => {
    const org = await db.organisation.findUniqueOrThrow({ where: { odsCode: DENSHAM.odsCode } });
    const person = await db.person.create({ data: { smartcardId: "555500009999", name: "Ghost Person", positions: { create: { organisationId: org.id, roles: { create: { roleCode: "R8001", grantReason: "ghost" } } } } } });
    expect((await verifyAuditTrail()).problem).toBe(
      "Ghost Person (5555 0000 9999) holds job role R8001 at A81001 (The Densham Surgery) in the database, but no event and no baseline records it: it was added straight into the database.",
    );
    await db.roleAssignment.deleteMany({ where: { position: { personId: person.id } } });
    await db.position.deleteMany({ where: { personId: person.id } });
    await db.person.delete({ where: { id: person.id } });
  });

  it("a request closed, or inserted, without an event is detected", async () => {
    const request = await createRequest(
      { id: null, email: "requester@nhs.example" },
      { source: "form", name: "Rae Quest", email: "requester@nhs.example", odsCode: DENSHAM.odsCode, smartcardId: null, message: "Cannot log in", category: "other" },
      null,
      { routed: true, orgName: null },
    );
    await expectIntact();
    await db.accessRequest.update({ where: { id: request.id }, data: { status: "resolved" } });
    expect((await verifyAuditTrail()).problem).toBe(`Request ${request.reference} is "resolved" in the database, but the change log says "new" (event ${(await lastEvent()).id}): its status was changed without an event.`);
    await db.accessRequest.update({ where: { id: request.id }, data: { status: "new" } });

    const forged = await db.accessRequest.create({ data: { ...request, id: "00000000-0000-4000-8000-000000000000", reference: "CSMS-FORGED00" } });
    expect((await verifyAuditTrail()).problem).toBe("Request CSMS-FORGED00 is in the database, but no event records it being received: it was added straight into the database.");
    await db.accessRequest.delete({ where: { id: forged.id } });
  });

  it("end dates set in the console and grants ended by the expiry run replay exactly", async () => {
    const smartcardId = demoPeople.canLogInReceptionist;
    const endsAt = new Date(Date.now() + 3 * 24 * 3600_000);
    await changeEndDate(agent, { kind: "role", smartcardId, odsCode: DENSHAM.odsCode, roleCode: "R1730", reason: "Leaves at the end of the week", version: await versionOf(smartcardId), endsAt });
    await expectIntact();
    // Past the end date, before the expiry run: the grant stops counting, the database still has it open.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(endsAt.getTime() + 60_000);
      await expectIntact();
      await expireDueGrants(new Date());
      await expectIntact();
    } finally {
      vi.useRealTimers();
    }
    expect(await db.auditEvent.count({ where: { smartcardId, action: "role.expired" } })).toBe(1);
  });
});

// Last: it leaves the log with an event that does not follow from the data before it.
describe("a grant laundered through a later change", () => {
  it("a grant inserted straight into the database, then swept into a later change's before-state, is caught at that event", async () => {
    const smartcardId = demoPeople.noRoles;
    const position = await db.position.findFirstOrThrow({ where: { person: { smartcardId }, organisation: { odsCode: QUEENS_PARK.odsCode } }, include: { person: true } });
    await db.roleAssignment.create({ data: { positionId: position.id, roleCode: "R8010", grantReason: "Nobody will notice" } });
    await addRole(agent, { smartcardId, odsCode: QUEENS_PARK.odsCode, roleCode: "R8001", reason: "A real change afterwards", version: await versionOf(smartcardId) });
    const change = await db.auditEvent.findFirstOrThrow({ where: { smartcardId, action: "role.added" } });
    expect(JSON.parse(change.before!)).toMatchObject({ roles: ["R8010"] });
    const result = await verifyAuditTrail();
    expect(result).toMatchObject({ ok: false, firstBadEventId: String(change.id), state: { ok: false, firstBadEventId: String(change.id) } });
    expect(result.problem).toBe(
      `Just before event ${change.id} (role.added), ${position.person.name} (5555 0000 0011) held job role R8010 at A81002 (Queens Park Medical Centre), which no event and no baseline records: it was added straight into the database.`,
    );
  });
});

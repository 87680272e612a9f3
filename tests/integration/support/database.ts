// What differs between the two backends in tests that play the part of someone with raw database access:
// trigger syntax, and the words each database uses when it refuses a statement.
import { db } from "@/lib/data/db";

/** TEST_DATABASE=postgres runs the suite on PostgreSQL (setup.ts has set DATABASE_URL by now). */
export const onPostgres = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "");

/** What the database says when a unique index refuses a row (SQLite's words, Prisma's, or PostgreSQL's). */
export const UNIQUE_REFUSED = /UNIQUE constraint failed|Unique constraint failed|duplicate key value violates unique constraint/;

/** Makes every insert into the change log fail, as a database fault between a change and its event would. */
type LogTable = "AuditEvent" | "AccessLogEntry";

export async function injectAuditFailure(table: LogTable = "AuditEvent"): Promise<void> {
  if (onPostgres) {
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION "fail_audit"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected'; END; $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER "fail_audit" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "fail_audit"()`);
  } else {
    await db.$executeRawUnsafe(`CREATE TRIGGER fail_audit BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, 'injected'); END`);
  }
}

export async function removeAuditFailure(table: LogTable = "AuditEvent"): Promise<void> {
  await db.$executeRawUnsafe(onPostgres ? `DROP TRIGGER IF EXISTS "fail_audit" ON "${table}"` : `DROP TRIGGER IF EXISTS "fail_audit"`);
}

/** Makes the database refuse new role assignments at one position, as a fault inside one change would. */
export async function refuseRoleAssignmentsAt(positionId: number): Promise<void> {
  if (onPostgres) {
    await db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION "refuse_at_position"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."positionId" = ${positionId} THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END; $$`,
    );
    await db.$executeRawUnsafe(`CREATE TRIGGER "refuse_at_position" BEFORE INSERT ON "RoleAssignment" FOR EACH ROW EXECUTE FUNCTION "refuse_at_position"()`);
  } else {
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_at_position BEFORE INSERT ON "RoleAssignment" WHEN NEW."positionId" = ${positionId} BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
  }
}

export async function allowRoleAssignments(): Promise<void> {
  await db.$executeRawUnsafe(onPostgres ? `DROP TRIGGER IF EXISTS "refuse_at_position" ON "RoleAssignment"` : `DROP TRIGGER IF EXISTS refuse_at_position`);
}

/**
 * Someone else's change landing in the middle of ours: when role `roleCode` is granted at position `at`, the
 * database itself grants it at position `alsoAt` too and claims that person's version.
 */
export async function alsoGrantElsewhere(at: number, alsoAt: number, alsoPersonId: number, roleCode: string): Promise<void> {
  const insert = `INSERT INTO "RoleAssignment" ("positionId", "roleCode", "startedAt", "grantReason") VALUES (${alsoAt}, '${roleCode}', '2026-01-01T00:00:00.000+00:00', 'elsewhere')`;
  const claim = `UPDATE "Person" SET "version" = "version" + 1 WHERE "id" = ${alsoPersonId}`;
  if (onPostgres) {
    await db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION "also_grant_elsewhere"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."positionId" = ${at} AND NEW."roleCode" = '${roleCode}' THEN ${insert}; ${claim}; END IF; RETURN NEW; END; $$`,
    );
    await db.$executeRawUnsafe(`CREATE TRIGGER "also_grant_elsewhere" AFTER INSERT ON "RoleAssignment" FOR EACH ROW EXECUTE FUNCTION "also_grant_elsewhere"()`);
  } else {
    await db.$executeRawUnsafe(
      `CREATE TRIGGER also_grant_elsewhere AFTER INSERT ON "RoleAssignment" WHEN NEW."positionId" = ${at} AND NEW."roleCode" = '${roleCode}' BEGIN ${insert}; ${claim}; END`,
    );
  }
}

export async function stopGrantingElsewhere(): Promise<void> {
  await db.$executeRawUnsafe(onPostgres ? `DROP TRIGGER IF EXISTS "also_grant_elsewhere" ON "RoleAssignment"` : `DROP TRIGGER IF EXISTS also_grant_elsewhere`);
}

// What differs between the two backends in tests that play the part of someone with raw database access:
// trigger syntax, and the words each database uses when it refuses a statement.
import { db } from "@/lib/data/db";

/** TEST_DATABASE=postgres runs the suite on PostgreSQL (setup.ts has set DATABASE_URL by now). */
export const onPostgres = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "");

/** What the database says when a unique index refuses a row (SQLite's words, Prisma's, or PostgreSQL's). */
export const UNIQUE_REFUSED = /UNIQUE constraint failed|Unique constraint failed|duplicate key value violates unique constraint/;

/** Makes every insert into the change log fail, as a database fault between a change and its event would. */
export async function injectAuditFailure(): Promise<void> {
  if (onPostgres) {
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION "fail_audit"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected'; END; $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER "fail_audit" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "fail_audit"()`);
  } else {
    await db.$executeRawUnsafe(`CREATE TRIGGER fail_audit BEFORE INSERT ON "AuditEvent" BEGIN SELECT RAISE(ABORT, 'injected'); END`);
  }
}

export async function removeAuditFailure(): Promise<void> {
  await db.$executeRawUnsafe(onPostgres ? `DROP TRIGGER IF EXISTS "fail_audit" ON "AuditEvent"` : `DROP TRIGGER IF EXISTS "fail_audit"`);
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

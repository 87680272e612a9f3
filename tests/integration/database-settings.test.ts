// The settings every connection must have (lib/data/connect.ts), read back from the console's own client.
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/data/db";
import { onPostgres } from "./support/database";

const one = async (sql: string) => Object.values(((await db.$queryRawUnsafe(sql)) as Record<string, unknown>[])[0]!)[0];

describe.skipIf(onPostgres)("SQLite connection settings", () => {
  it("WAL, synchronous FULL, a busy timeout and foreign keys on", async () => {
    expect(await one("PRAGMA journal_mode")).toBe("wal");
    expect(Number(await one("PRAGMA synchronous"))).toBe(2); // FULL
    expect(Number(await one("PRAGMA busy_timeout"))).toBeGreaterThanOrEqual(5000);
    expect(Number(await one("PRAGMA foreign_keys"))).toBe(1);
  });
});

describe.skipIf(!onPostgres)("PostgreSQL connection settings", () => {
  it("works in UTC, in the session and as the database's default", async () => {
    expect(await one("SELECT current_setting('TimeZone')")).toBe("UTC");
    // Set by the first migration. CREATE DATABASE ... TEMPLATE does not copy it, so it is read on the migrated template.
    const migrated = new URL(inject("templateDb")).pathname.slice(1);
    const configured = await one(
      `SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = '${migrated}'`,
    );
    expect(configured).toMatch(/timezone=UTC/i);
  });
});

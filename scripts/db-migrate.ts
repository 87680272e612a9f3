// npm run db:migrate — applies the committed migrations to the database DATABASE_URL names.
// SQLite (file:): `prisma migrate deploy`, as before.
// PostgreSQL: this runner, because Prisma 6.19's JS engine cannot deploy there (its pg adapter cannot read the
// `name` type, and it splits scripts at every `;` outside a transaction). Each migration runs whole in one
// transaction and is recorded in `_prisma_migrations` with Prisma's checksum (SHA-256 of the file), so
// `prisma migrate status` agrees. A session advisory lock lets several instances start at once.
import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { databaseUrl, providerOf } from "../lib/data/database-url";

const MIGRATIONS = path.join("prisma", "postgres", "migrations");
// Prisma's own migrate lock id, so this runner and Prisma's tools never migrate side by side.
const MIGRATE_LOCK = 72707369;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type Applied = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export async function migratePostgres(url: string, log: (line: string) => void = console.log): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<Applied>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
    const applied = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r]));
    const names = existsSync(MIGRATIONS)
      ? readdirSync(MIGRATIONS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
      : [];
    const done: string[] = [];
    for (const name of names) {
      const sql = readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const before = applied.get(name);
      if (before?.finished_at) {
        if (before.checksum !== checksum) log(`Warning: migration ${name} was edited after it was applied.`);
        continue;
      }
      if (before) throw new Error(`Migration ${name} started once and never finished: resolve it by hand first.`);
      // One simple-protocol query runs the whole script, $$ function bodies included; any failure rolls all of it back.
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed, nothing of it was applied: ${(error as Error).message}`);
      }
      done.push(name);
      log(`Applied ${name}`);
    }
    log(done.length ? `${done.length} migration(s) applied.` : "No pending migrations to apply.");
    return done;
  } finally {
    await client.end();
  }
}

async function main() {
  const url = databaseUrl();
  if (providerOf(url) === "sqlite") {
    execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
    return;
  }
  await migratePostgres(url);
}

// Run as a script (npm run db:migrate), not when imported by the tests or the benchmarks.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

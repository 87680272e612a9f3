// A throwaway database for the HTTP benchmarks: migrated, `events` change-log rows bulk-loaded with SQL (for the
// audit search; the code under test is not involved in loading them), then the demo seed on top.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migratePostgres } from "../db-migrate";
import { startCluster } from "./pg-cluster";

export type BenchDatabase = { url: string; provider: "sqlite" | "postgres"; stop: () => void };

const ACTIONS = ["role.added", "workgroup.added", "role.removed", "workgroup.removed"];
const ACTORS = ["agent@ra.example", "advanced@ra.example", "manager@ra.example", "agent-sussex@ra.example"];
/** The smartcard ID the bulk-loaded events of person `n` carry (100,000 people in all). */
export const bulkSmartcardId = (n: number) => `7777${String(n % 100_000).padStart(8, "0")}`;

function seed(url: string, env: NodeJS.ProcessEnv) {
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { env: { ...env, DATABASE_URL: url }, stdio: "pipe" });
}

function loadSqlite(file: string, events: number) {
  const sql = new Database(file);
  // Dates as Prisma's SQLite adapter stores them (ISO text with an explicit offset), one second apart from 2025.
  sql.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${events})
    INSERT INTO "AuditEvent" ("id", "occurredAt", "actorId", "actorEmail", "action", "personId", "smartcardId", "personName", "odsCode", "orgName", "roleCode", "reason", "prevHash", "hash")
    SELECT i, strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 1735689600 + i, 'unixepoch'), NULL,
      CASE i % 4 WHEN 0 THEN '${ACTORS[0]}' WHEN 1 THEN '${ACTORS[1]}' WHEN 2 THEN '${ACTORS[2]}' ELSE '${ACTORS[3]}' END,
      CASE i % 4 WHEN 0 THEN '${ACTIONS[0]}' WHEN 1 THEN '${ACTIONS[1]}' WHEN 2 THEN '${ACTIONS[2]}' ELSE '${ACTIONS[3]}' END,
      NULL, '7777' || printf('%08d', i % 100000), 'Person ' || (i % 100000), 'B' || printf('%05d', i % 5000), 'Practice', 'R8001', 'bench', '', ''
    FROM n`);
  sql.close();
}

async function loadPostgres(url: string, events: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`INSERT INTO "AuditEvent" ("id", "occurredAt", "actorId", "actorEmail", "action", "personId", "smartcardId", "personName", "odsCode", "orgName", "roleCode", "reason", "prevHash", "hash")
    SELECT i, timestamp '2025-01-01' + i * interval '1 second', NULL, ($2::text[])[1 + i % 4], ($3::text[])[1 + i % 4],
      NULL, '7777' || lpad((i % 100000)::text, 8, '0'), 'Person ' || (i % 100000), 'B' || lpad((i % 5000)::text, 5, '0'), 'Practice', 'R8001', 'bench', '', ''
    FROM generate_series(1, $1::int) AS i`, [events, ACTORS, ACTIONS]);
  await client.query(`SELECT setval(pg_get_serial_sequence('"AuditEvent"', 'id'), $1::int)`, [events]);
  await client.query(`VACUUM ANALYZE "AuditEvent"`);
  await client.end();
}

/** `durable` PostgreSQL keeps fsync on, as in production; SQLite always runs with the console's own settings. */
export async function prepareBenchDatabase(provider: "sqlite" | "postgres", events: number, env: NodeJS.ProcessEnv): Promise<BenchDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "ra-console-bench-http-"));
    const url = `file:${path.join(dir, "bench.db")}`;
    execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: { ...env, DATABASE_URL: url }, stdio: "pipe" });
    if (events > 0) loadSqlite(url.slice("file:".length), events);
    seed(url, env);
    return { url, provider, stop: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const cluster = await startCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url("postgres") });
    await admin.connect();
    await admin.query('CREATE DATABASE "bench"');
    await admin.end();
    const url = cluster.url("bench");
    await migratePostgres(url, () => undefined);
    if (events > 0) await loadPostgres(url, events);
    seed(url, env);
    return { url, provider, stop: cluster.stop };
  } catch (error) {
    cluster.stop();
    throw error;
  }
}

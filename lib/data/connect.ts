// Opening the database, for the console (lib/data/db.ts) and the seed and scripts alike, so every connection
// gets the same settings. Free of server-only imports for that reason.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";
import { PrismaClient as PostgresClient } from "../../generated/postgres/client";
import { providerOf, type Provider } from "./database-url";

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * Set on every SQLite connection:
 * - WAL: readers never wait for the writer, and a commit is one append to the log.
 * - synchronous=FULL: every commit is fsynced to the WAL before it returns, so an audit event the console has
 *   confirmed survives a power cut (NORMAL in WAL mode can lose the last commits, though never corrupts).
 * - busy_timeout: a second process (another instance, cron's grants:expire) waits for the write lock
 *   instead of failing at once.
 * - foreign_keys: SQLite's default is off; the models rely on them.
 */
export const SQLITE_PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";

class SqliteAdapterFactory extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  }
}

/**
 * A client for the database the URL names. The two generated clients have the same result types (the
 * PostgreSQL one's inputs are a superset), so both are used through the SQLite client's type.
 */
export function createClient(url: string): PrismaClient {
  if (providerOf(url) === "sqlite") return new PrismaClient({ adapter: new SqliteAdapterFactory({ url }) });
  // Timestamps are stored without a zone: every session works in UTC whatever the server's default is.
  const adapter = new PrismaPg({ connectionString: url, options: "-c TimeZone=UTC", max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PostgresClient({ adapter }) as unknown as PrismaClient;
}

/** Names of what a transaction reads and then writes on; two transactions naming the same one never overlap. */
export const LOCK = {
  auditChain: "audit-chain",
  accessLog: "access-log",
  rateLimit: (key: string) => `rate-limit:${key}`,
  signIn: (label: string) => `sign-in:${label}`,
  sessions: (consoleUserId: number) => `sessions:${consoleUserId}`,
};

/**
 * Called first in a write transaction that reads and then writes. PostgreSQL (READ COMMITTED): an advisory
 * lock per name, held to commit, taken in sorted order so two transactions cannot deadlock. SQLite has one
 * writer anyway; a write as the first statement takes its lock now, because a transaction that read first
 * cannot get it once another process has committed (SQLITE_BUSY_SNAPSHOT, which busy_timeout does not cure).
 */
export async function lockFirst(tx: Tx, provider: Provider, names: string[]): Promise<void> {
  if (provider === "sqlite") {
    await tx.$executeRaw`DELETE FROM "RateLimitHit" WHERE 0`;
    return;
  }
  await lockNow(tx, provider, names);
}

/**
 * Takes PostgreSQL advisory locks at this point of a transaction (SQLite's transaction already holds its one write
 * lock). For a lock that only guards the transaction's last step, so it is held for that step and the commit.
 */
export async function lockNow(tx: Tx, provider: Provider, names: string[]): Promise<void> {
  if (provider === "sqlite") return;
  // hashtext() collisions only make two unrelated transactions wait for each other; $executeRaw because the
  // adapter cannot read the void the lock function returns.
  for (const name of [...new Set(names)].sort()) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${name}))`;
}

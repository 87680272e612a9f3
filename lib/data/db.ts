import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { databaseUrl, providerOf } from "./database-url";
import { createClient, lockFirst, lockNow, type Tx } from "./connect";

export type { Tx } from "./connect";
export { LOCK } from "./connect";

// One client per process (dev reloads would otherwise open a new connection each time).
const globalForDb = globalThis as unknown as { consoleDb?: ReturnType<typeof createClient> };

export const db = globalForDb.consoleDb ?? createClient(databaseUrl());

if (process.env.NODE_ENV !== "production") globalForDb.consoleDb = db;

export const provider = providerOf(databaseUrl());

/**
 * A transaction that reads and then writes: the locks named are taken before `work` runs (see lockFirst), so
 * the same code is correct with several instances on PostgreSQL and several processes on one SQLite file.
 */
export function writeTransaction<T>(locks: string[], work: (tx: Tx) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await lockFirst(tx, provider, locks);
      return work(tx);
    },
    // A burst queues for the pool's connections and then for the lock: allow for the queue (Prisma's defaults,
    // 2 s to start and 5 s in all, turn a busy moment into 500s), while a stuck transaction still ends.
    { maxWait: options?.maxWait ?? 10_000, timeout: options?.timeout ?? 15_000 },
  );
}

/** Takes more locks part-way through a writeTransaction (PostgreSQL; SQLite's one write lock is already held). */
export const lockFromHere = (tx: Tx, locks: string[]) => lockNow(tx, provider, locks);

/**
 * A case-insensitive "contains" for text searches: SQLite's LIKE already ignores (ASCII) case; PostgreSQL's does
 * not, and only its client knows `mode` (the cast lets the SQLite client's type carry it).
 */
export function containsIgnoringCase(text: string): Prisma.StringFilter {
  return (provider === "postgres" ? { contains: text, mode: "insensitive" } : { contains: text }) as Prisma.StringFilter;
}

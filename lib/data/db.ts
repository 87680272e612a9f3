import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl } from "./database-url";

// One client per process (dev reloads would otherwise open a new connection each time).
const globalForDb = globalThis as unknown as { consoleDb?: PrismaClient };

export const db: PrismaClient =
  globalForDb.consoleDb ?? new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl() }) });

if (process.env.NODE_ENV !== "production") globalForDb.consoleDb = db;

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

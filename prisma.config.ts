import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl, providerOf } from "./lib/data/database-url";

// The schema's url line must resolve even though the adapter does the connecting.
process.env.DATABASE_URL ??= databaseUrl();
const url = databaseUrl();
const provider = providerOf(url);

// One set of models (prisma/models.prisma), one folder per provider with its datasource and a link to them.
// PostgreSQL migrations are applied by scripts/db-migrate.ts, not `prisma migrate deploy` (see README).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider),
  migrations: { path: provider === "sqlite" ? path.join("prisma", "migrations") : path.join("prisma", "postgres", "migrations") },
  adapter: async () => (provider === "sqlite" ? new PrismaBetterSQLite3({ url }) : new PrismaPg({ connectionString: url })),
});

// npm run db:migration -- NAME   writes the migration for a change to prisma/models.prisma, for both providers:
//   prisma/migrations/<timestamp>_NAME/migration.sql           (SQLite, applied by `prisma migrate deploy`)
//   prisma/postgres/migrations/<timestamp>_NAME/migration.sql  (PostgreSQL, applied by scripts/db-migrate.ts)
// Each is `prisma migrate diff` from the models as they were when that provider's newest migration was committed
// (read from git) to the models as they are now; a provider already up to date gets nothing. PostgreSQL's diff
// needs a server for one version query: MIGRATION_POSTGRES_URL, or a throwaway cluster started here.
// (`prisma migrate dev` cannot be used: its shadow database fails under the JS engine, see README.)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startCluster, type Cluster } from "./lib/pg-cluster";

const PROVIDERS = {
  sqlite: { dir: path.join("prisma", "migrations"), datasource: 'datasource db {\n  provider = "sqlite"\n  url      = env("DATABASE_URL")\n}\n' },
  postgres: { dir: path.join("prisma", "postgres", "migrations"), datasource: 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n' },
} as const;

const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();

/** The models when `dir` last got a migration (prisma/schema.prisma held them before the split into providers). */
function modelsAtLastMigration(dir: string): string {
  if (git("status", "--porcelain", "--", dir)) throw new Error(`${dir} has uncommitted changes: commit (or remove) them first.`);
  const commit = git("log", "-1", "--format=%H", "--", dir);
  for (const file of ["prisma/models.prisma", "prisma/schema.prisma"]) {
    try {
      const text = execFileSync("git", ["show", `${commit}:${file}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      return text.replace(/^(generator|datasource)\s+\w+\s*\{[^}]*\}\s*$/gm, "");
    } catch {
      // Not at that commit under this name: try the older one.
    }
  }
  throw new Error(`No models found at ${commit}`);
}

function diff(provider: keyof typeof PROVIDERS, url: string, scratch: string): string {
  const from = path.join(scratch, `${provider}.prisma`);
  writeFileSync(from, PROVIDERS[provider].datasource + modelsAtLastMigration(PROVIDERS[provider].dir));
  const to = path.join("prisma", provider);
  const out = execFileSync(
    path.join("node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"] },
  );
  return out.split("\n").filter((line) => !line.startsWith("Loaded Prisma config")).join("\n").trim();
}

async function main(name: string | undefined) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("Usage: npm run db:migration -- name_in_snake_case");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const scratch = mkdtempSync(path.join(tmpdir(), "ra-console-migration-"));
  let cluster: Cluster | null = null;
  try {
    for (const provider of ["sqlite", "postgres"] as const) {
      let url = `file:${path.join(scratch, "diff.db")}`;
      if (provider === "postgres") {
        url = process.env.MIGRATION_POSTGRES_URL ?? (cluster = await startCluster({ fast: true })).url("postgres");
      }
      const sql = diff(provider, url, scratch);
      if (!sql || sql === "-- This is an empty migration.") {
        console.log(`${provider}: up to date, no migration written.`);
        continue;
      }
      const dir = path.join(PROVIDERS[provider].dir, `${stamp}_${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
      console.log(`${provider}: wrote ${dir}/migration.sql`);
    }
    console.log(
      "Read both before committing: hand-written rules (append-only triggers, partial unique indexes) are not in the models. " +
        "A SQLite table redefinition (copy, DROP TABLE, rename) silently drops that table's triggers: re-create them.",
    );
  } finally {
    cluster?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main(process.argv[2]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

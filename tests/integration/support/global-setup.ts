import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startCluster } from "../../../scripts/lib/pg-cluster";
import { migratePostgres } from "../../../scripts/db-migrate";

// The seed's baseline event is hashed with the key every test file uses (setup.ts), not the working copy's .env one.
const KEY = "integration-test-key";
const seed = (url: string) => execFileSync("npx", ["tsx", "prisma/seed.ts"], { env: { ...process.env, DATABASE_URL: url, AUDIT_HMAC_KEY: KEY }, stdio: "pipe" });

/**
 * One migrated and seeded template database; every test file then works on its own copy of it. SQLite by
 * default; with TEST_DATABASE=postgres a throwaway PostgreSQL cluster is started here and stopped at the end,
 * and each file gets a database made with CREATE DATABASE ... TEMPLATE (see setup.ts).
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE === "postgres") {
    const cluster = await startCluster({ fast: true });
    try {
      const admin = new pg.Client({ connectionString: cluster.url("postgres") });
      await admin.connect();
      await admin.query('CREATE DATABASE "ra_template"');
      await admin.end();
      await migratePostgres(cluster.url("ra_template"), () => undefined);
      seed(cluster.url("ra_template"));
    } catch (error) {
      cluster.stop();
      throw error;
    }
    project.provide("templateDb", cluster.url("ra_template"));
    return () => cluster.stop();
  }
  const dir = mkdtempSync(path.join(tmpdir(), "ra-console-it-"));
  const template = path.join(dir, "template.db");
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${template}` }, stdio: "pipe" });
  seed(`file:${template}`);
  project.provide("templateDb", template);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    /** A SQLite file path, or a PostgreSQL URL naming the template database. */
    templateDb: string;
  }
}

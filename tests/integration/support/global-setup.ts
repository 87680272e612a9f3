import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

// One migrated and seeded template database; every test file then works on its own copy of it.
export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "ra-console-it-"));
  const template = path.join(dir, "template.db");
  // The seed's baseline event is hashed with the key every test file uses (setup.ts), not the working copy's .env one.
  const env = { ...process.env, DATABASE_URL: `file:${template}`, AUDIT_HMAC_KEY: "integration-test-key" };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { env, stdio: "pipe" });
  project.provide("templateDb", template);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

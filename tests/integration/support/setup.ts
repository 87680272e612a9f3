import { copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject, vi } from "vitest";

// A fresh copy of the seeded template for this test file, before any module opens the database.
const template = inject("templateDb");
if (template.startsWith("postgres")) {
  const name = `test_${randomUUID().replaceAll("-", "")}`;
  const url = new URL(template);
  const templateName = url.pathname.slice(1);
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  // Two files copying the template at the same moment can collide ("being accessed by other users"): retry.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
      break;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
  await admin.end();
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
} else {
  const file = path.join(path.dirname(template), `${randomUUID()}.db`);
  copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.AUDIT_HMAC_KEY = "integration-test-key";
// Checkpoints are per test file too, never the working copy's data/audit-checkpoints.jsonl.
process.env.AUDIT_CHECKPOINT_FILE = path.join(tmpdir(), `ra-console-it-${randomUUID()}-checkpoints.jsonl`);

// Only the cookie boundary is replaced: the session id comes from the test instead of a browser cookie;
// sessions, roles and organisations are still read from the database by the real code.
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => {
    const sessionId = (globalThis as { testSessionId?: string | null }).testSessionId;
    return sessionId ? { sessionId, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

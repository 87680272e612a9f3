// Helpers for the audit integration tests: call the audit route handlers the way Next.js does, and switch the
// append-only triggers off and on again so a test can play the part of someone with raw database access.
import { execFile } from "node:child_process";
import { db } from "@/lib/data/db";
import * as auditRoute from "@/app/api/v1/audit/route";
import * as csvRoute from "@/app/api/v1/audit/export.csv/route";
import * as jsonlRoute from "@/app/api/v1/audit/export.jsonl/route";
import * as verifyRoute from "@/app/api/v1/audit/verify/route";
import { buildRequest, type ApiResult } from "./api";
import { onPostgres } from "./database";

export type AuditQuery = Record<string, string | number | undefined>;

const routes = {
  list: { handler: auditRoute.GET, path: "/api/v1/audit" },
  csv: { handler: csvRoute.GET, path: "/api/v1/audit/export.csv" },
  jsonl: { handler: jsonlRoute.GET, path: "/api/v1/audit/export.jsonl" },
  verify: { handler: verifyRoute.GET, path: "/api/v1/audit/verify" },
} as const;

export type AuditRoute = keyof typeof routes;

export function auditPath(route: AuditRoute, query: AuditQuery = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${routes[route].path}?${qs}` : routes[route].path;
}

/** The raw Response, body unread (exports are streamed). */
export function auditResponse(route: AuditRoute, query: AuditQuery = {}): Promise<Response> {
  return routes[route].handler(buildRequest("GET", auditPath(route, query)), { params: Promise.resolve({}) });
}

/** A JSON answer (list, verify, or any error). */
export async function auditJson(route: AuditRoute, query: AuditQuery = {}): Promise<ApiResult> {
  const response = await auditResponse(route, query);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, contentType: response.headers.get("content-type") };
}

// Exactly as in prisma/migrations/*/migration.sql.
const TRIGGERS = {
  AuditEvent: {
    AuditEvent_no_update: `CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent" BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;`,
    AuditEvent_no_delete: `CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent" BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;`,
  },
  AccessLogEntry: {
    AccessLogEntry_no_update: `CREATE TRIGGER "AccessLogEntry_no_update" BEFORE UPDATE ON "AccessLogEntry" BEGIN SELECT RAISE(ABORT, 'access log entries are append-only'); END;`,
    AccessLogEntry_no_delete: `CREATE TRIGGER "AccessLogEntry_no_delete" BEFORE DELETE ON "AccessLogEntry" BEGIN SELECT RAISE(ABORT, 'access log entries are append-only'); END;`,
  },
} as const;

// On PostgreSQL (prisma/postgres/migrations) the same triggers are switched off and on again rather than re-created.
export async function dropAppendOnlyTriggers(table: keyof typeof TRIGGERS): Promise<void> {
  if (onPostgres) return void (await db.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER USER`));
  for (const name of Object.keys(TRIGGERS[table])) await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${name}"`);
}

export async function restoreAppendOnlyTriggers(table: keyof typeof TRIGGERS): Promise<void> {
  if (onPostgres) return void (await db.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE TRIGGER USER`));
  for (const [name, sql] of Object.entries(TRIGGERS[table])) {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${name}"`);
    await db.$executeRawUnsafe(sql);
  }
}

/** What the database said when it refused a statement (the adapter wraps a trigger's message). */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => {
      throw new Error("expected the database to refuse the statement");
    },
    (e: unknown) => e as { message?: string; meta?: { driverAdapterError?: { cause?: { originalMessage?: string } } } },
  );
  return error.meta?.driverAdapterError?.cause?.originalMessage ?? error.message ?? "";
}

/** Runs an npm script to completion; a non-zero exit is returned, not thrown. */
export function runNpmScript(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npm", ["run", "--silent", script], { env, cwd: process.cwd(), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

import "server-only";
import { authorise } from "@/lib/auth/authorise";
import { listAuditEvents, listAccessLog, streamAuditEvents } from "@/lib/data/audit";
import { verifyAuditTrail } from "@/lib/data/audit-verify";
import { AuditFilterSchema } from "@/lib/validations/audit";
import { parseInput } from "@/lib/validations/parse";

export async function readAuditLog(query: Record<string, unknown>) {
  await authorise({ kind: "audit:read" });
  return listAuditEvents(parseInput(AuditFilterSchema, query));
}

export async function readAccessLog(query: Record<string, unknown>) {
  await authorise({ kind: "audit:read" });
  return listAccessLog(parseInput(AuditFilterSchema, query));
}

export async function exportAuditLog(query: Record<string, unknown>) {
  await authorise({ kind: "audit:read" });
  return streamAuditEvents(parseInput(AuditFilterSchema, query));
}

/** The whole tamper check: both chains, the signed checkpoints, and the change log replayed against the data. */
export async function verifyAuditLog() {
  await authorise({ kind: "audit:read" });
  return verifyAuditTrail();
}

export function searchParamsObject(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

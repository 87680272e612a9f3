// Helpers for integration tests: call the real route handlers the way Next.js does, and snapshot
// everything a person change could write so a test can assert that nothing was written.
import { db } from "@/lib/data/db";
import { expect } from "vitest";
import * as personRoute from "@/app/api/v1/people/[smartcardId]/route";
import * as rolesRoute from "@/app/api/v1/people/[smartcardId]/roles/route";
import * as roleRoute from "@/app/api/v1/people/[smartcardId]/roles/[odsCode]/[roleCode]/route";
import * as workgroupsRoute from "@/app/api/v1/people/[smartcardId]/workgroups/route";
import * as workgroupRoute from "@/app/api/v1/people/[smartcardId]/workgroups/[odsCode]/route";

export const SAME_ORIGIN = { "content-type": "application/json", origin: "http://localhost", host: "localhost" };

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response JSON is inspected field by field in tests
export type ApiResult = { status: number; body: any; contentType: string | null };
/** `rawBody` is sent verbatim (invalid JSON, oversized bodies); otherwise `body` is JSON-encoded. */
export type CallOptions = { headers?: Record<string, string>; rawBody?: string };

export function buildRequest(method: string, path: string, body?: unknown, options: CallOptions = {}): Request {
  const init: RequestInit = { method, headers: { ...SAME_ORIGIN, ...options.headers } };
  if (options.rawBody !== undefined) init.body = options.rawBody;
  else if (body !== undefined) init.body = JSON.stringify(body);
  return new Request(`http://localhost${path}`, init);
}

/** Next.js hands route handlers URL-decoded params; the URL itself carries them encoded. */
async function call<P extends Record<string, string>>(
  handler: Handler<P>,
  method: string,
  segments: string[],
  params: P,
  body?: unknown,
  options?: CallOptions,
): Promise<ApiResult> {
  const path = `/api/v1/people/${segments.map(encodeURIComponent).join("/")}`;
  const response = await handler(buildRequest(method, path, body, options), { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, contentType: response.headers.get("content-type") };
}

export const api = {
  getPerson: (smartcardId: string, options?: CallOptions) =>
    call(personRoute.GET, "GET", [smartcardId], { smartcardId }, undefined, options),
  addRole: (smartcardId: string, body: unknown, options?: CallOptions) =>
    call(rolesRoute.POST, "POST", [smartcardId, "roles"], { smartcardId }, body, options),
  removeRole: (smartcardId: string, odsCode: string, roleCode: string, body: unknown, options?: CallOptions) =>
    call(roleRoute.DELETE, "DELETE", [smartcardId, "roles", odsCode, roleCode], { smartcardId, odsCode, roleCode }, body, options),
  addWorkgroup: (smartcardId: string, body: unknown, options?: CallOptions) =>
    call(workgroupsRoute.POST, "POST", [smartcardId, "workgroups"], { smartcardId }, body, options),
  removeWorkgroup: (smartcardId: string, odsCode: string, body: unknown, options?: CallOptions) =>
    call(workgroupRoute.DELETE, "DELETE", [smartcardId, "workgroups", odsCode], { smartcardId, odsCode }, body, options),
};

export type ChangeKind = "role.add" | "role.remove" | "workgroup.add" | "workgroup.remove";
export type ChangeInput = {
  smartcardId: string;
  odsCode: string;
  roleCode?: string;
  reason: string;
  version: number;
  requestId?: string;
  // Grants the IG guard warns about: the officer's acknowledgement and why the access is needed anyway.
  acknowledgeWarning?: unknown;
  justification?: unknown;
};

/** The API call for a change kind, with the URL carrying what the route's path names. */
export function apiChange(kind: ChangeKind, input: ChangeInput, options?: CallOptions): Promise<ApiResult> {
  const { smartcardId, odsCode, roleCode, ...rest } = input;
  switch (kind) {
    case "role.add":
      return api.addRole(smartcardId, { odsCode, roleCode, ...rest }, options);
    case "role.remove":
      return api.removeRole(smartcardId, odsCode, roleCode ?? "", rest, options);
    case "workgroup.add":
      return api.addWorkgroup(smartcardId, { odsCode, ...rest }, options);
    case "workgroup.remove":
      return api.removeWorkgroup(smartcardId, odsCode, rest, options);
  }
}

/** The contract's error body, exactly: `{ error: { code, message, fields? } }`. */
export function errorBody(code: string, fields?: Record<string, unknown>) {
  const error: Record<string, unknown> = { code, message: expect.stringMatching(/\S/) };
  if (fields) error.fields = fields;
  return { error };
}

export async function versionOf(smartcardId: string): Promise<number> {
  return (await db.person.findUniqueOrThrow({ where: { smartcardId }, select: { version: true } })).version;
}

/** Active grants at one organisation: role codes (sorted) and active workgroup memberships. */
export async function activeGrants(smartcardId: string, odsCode: string) {
  const where = { endedAt: null, position: { person: { smartcardId }, organisation: { odsCode } } };
  const [roles, workgroups] = await Promise.all([
    db.roleAssignment.findMany({ where, select: { roleCode: true }, orderBy: { roleCode: "asc" } }),
    db.workgroupMembership.count({ where: { ...where, workgroup: "cervicalscreening" } }),
  ]);
  return { roles: roles.map((r) => r.roleCode), workgroups };
}

// A refused request is itself audited (security.access_denied); "nothing written" is about changes.
const changeEvents = { NOT: { action: { startsWith: "security." } } };

/** Everything a person change can write: compare two snapshots to prove nothing was written. */
export async function writeSnapshot() {
  const [auditEvents, lastAudit, roles, workgroups, people, pendingChanges, requests] = await Promise.all([
    db.auditEvent.count({ where: changeEvents }),
    db.auditEvent.findFirst({ where: changeEvents, orderBy: { id: "desc" }, select: { id: true, hash: true } }),
    db.roleAssignment.findMany({
      select: { id: true, positionId: true, roleCode: true, endedAt: true, endedById: true, endReason: true },
      orderBy: { id: "asc" },
    }),
    db.workgroupMembership.findMany({
      select: { id: true, positionId: true, workgroup: true, endedAt: true, endedById: true, endReason: true },
      orderBy: { id: "asc" },
    }),
    db.person.findMany({ select: { id: true, version: true }, orderBy: { id: "asc" } }),
    // Asked-for changes (and their decisions) and requests (identity confirmations, attached IDs).
    db.pendingChange.findMany({ select: { id: true, status: true, decidedById: true }, orderBy: { id: "asc" } }),
    db.accessRequest.findMany({ select: { id: true, version: true, identityMethod: true }, orderBy: { id: "asc" } }),
  ]);
  return { auditEvents, lastAudit, roles, workgroups, people, pendingChanges, requests };
}

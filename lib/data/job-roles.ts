import "server-only";
import { db } from "./db";
import { auditedChange, type Actor } from "./audited";
import { alreadyExists, notFound } from "@/lib/errors";

export type JobRoleInput = { code: string; name: string; userGroup: string; functions: string[]; csmsAccess: boolean };

const view = (r: { name: string; userGroup: string; functions: string; csmsAccess: boolean }) => ({
  name: r.name,
  userGroup: r.userGroup,
  functions: JSON.parse(r.functions) as string[],
  csmsAccess: r.csmsAccess,
});

export async function listJobRoles() {
  const rows = await db.jobRole.findMany({ orderBy: [{ csmsAccess: "desc" }, { userGroup: "asc" }, { code: "asc" }] });
  return rows.map((r) => ({ code: r.code, ...view(r) }));
}

/** Reference data is edited like everything else: audited, with before and after. */
export function addJobRole(actor: Actor, input: JobRoleInput) {
  return auditedChange(actor, async (tx) => {
    if (await tx.jobRole.findUnique({ where: { code: input.code } })) throw alreadyExists(`${input.code} is already in the catalogue.`);
    const row = await tx.jobRole.create({ data: { ...input, functions: JSON.stringify(input.functions) } });
    return { result: row, audit: { action: "job_role.added", roleCode: row.code, roleName: row.name, after: view(row) } };
  });
}

export function updateJobRole(actor: Actor, input: JobRoleInput) {
  return auditedChange(actor, async (tx) => {
    const before = await tx.jobRole.findUnique({ where: { code: input.code } });
    if (!before) throw notFound(`${input.code} is not in the catalogue.`);
    const row = await tx.jobRole.update({ where: { code: input.code }, data: { ...input, functions: JSON.stringify(input.functions) } });
    return { result: row, audit: { action: "job_role.updated", roleCode: row.code, roleName: row.name, before: view(before), after: view(row) } };
  });
}

/**
 * One entry of a catalogue import, in its own audited transaction: the entry is read again inside it, so an entry
 * that already matches (a second apply, or an edit made since the dry run) writes nothing and logs nothing.
 * Returns what was done.
 */
export function importJobRole(actor: Actor, input: JobRoleInput, reason: string): Promise<"added" | "updated" | "unchanged"> {
  return auditedChange(actor, async (tx) => {
    const before = await tx.jobRole.findUnique({ where: { code: input.code } });
    const data = { name: input.name, userGroup: input.userGroup, functions: JSON.stringify(input.functions), csmsAccess: input.csmsAccess };
    if (!before) {
      const row = await tx.jobRole.create({ data: { code: input.code, ...data } });
      return { result: "added", audit: { action: "job_role.added", roleCode: row.code, roleName: row.name, after: view(row), reason } };
    }
    if (JSON.stringify(view(before)) === JSON.stringify(view({ ...before, ...data }))) return { result: "unchanged", audit: null };
    const row = await tx.jobRole.update({ where: { code: input.code }, data });
    return { result: "updated", audit: { action: "job_role.updated", roleCode: row.code, roleName: row.name, before: view(before), after: view(row), reason } };
  });
}

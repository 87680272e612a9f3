import "server-only";
import { assertAllowed, authorise } from "@/lib/auth/authorise";
import type { ConsoleRole } from "@/lib/auth/rules";
import { addConsoleUser, findConsoleUser, listConsoleUsers, updateConsoleUser } from "@/lib/data/console-user-admin";
import { endAllSessions, listLiveSessions } from "@/lib/data/console-users";
import { addJobRole, updateJobRole } from "@/lib/data/job-roles";
import { notFound } from "@/lib/errors";
import { ConsoleUserIdSchema, ConsoleUserSchema, ConsoleUserUpdateSchema, JobRoleSchema } from "@/lib/validations/admin";
import { parseInput } from "@/lib/validations/parse";

export async function saveJobRole(mode: "add" | "update", input: unknown) {
  const actor = await authorise({ kind: "reference:change" });
  const role = parseInput(JobRoleSchema, input);
  return mode === "add" ? addJobRole(actor, role) : updateJobRole(actor, role);
}

export async function createConsoleUser(input: unknown) {
  const actor = await authorise({ kind: "users:manage" });
  const user = parseInput(ConsoleUserSchema, input);
  await assertAllowed(actor, { kind: "users:change", target: { id: 0, role: user.role }, newRole: user.role, odsCodes: user.odsCodes });
  return addConsoleUser(actor, { ...user, smartcardId: user.smartcardId ?? null });
}

export async function changeConsoleUser(input: unknown) {
  const actor = await authorise({ kind: "users:manage" });
  const update = parseInput(ConsoleUserUpdateSchema, input);
  const target = await findConsoleUser(update.id);
  if (!target) throw notFound("There is no console user with that id.");
  await assertAllowed(actor, {
    kind: "users:change",
    target: { id: target.id, role: target.role as ConsoleRole },
    newRole: update.role,
    // Only organisations being added need the manager's own scope; ones already held may stay.
    odsCodes: update.odsCodes.filter((code) => !target.organisations.includes(code)),
  });
  // Organisations outside this manager's own scope are not shown to them, so they stay as they were.
  const keptOutside = target.organisations.filter((code) => !actor.odsCodes.includes(code));
  return updateConsoleUser(actor, update.id, {
    ...update,
    odsCodes: [...new Set([...update.odsCodes, ...keptOutside])],
    smartcardId: update.smartcardId === undefined ? target.smartcardId : update.smartcardId,
  });
}

/**
 * "Sign out everywhere": an RA manager ends every session of an account they manage (not their own, not another
 * manager's), at once; audited. Returns how many sessions were live.
 */
export async function signOutEverywhere(input: unknown) {
  const actor = await authorise({ kind: "users:manage" });
  const { id } = parseInput(ConsoleUserIdSchema, input);
  const target = await findConsoleUser(id);
  if (!target) throw notFound("There is no console user with that id.");
  const role = target.role as ConsoleRole;
  await assertAllowed(actor, { kind: "users:change", target: { id: target.id, role }, newRole: role, odsCodes: [] });
  return endAllSessions(actor, target.id);
}

/** The console users a manager sees, with each one's live sessions (started, last seen). */
export async function consoleUsersWithSessions() {
  await authorise({ kind: "users:manage" });
  const users = await listConsoleUsers();
  const sessions = await listLiveSessions(users.map((u) => u.id));
  return users.map((u) => ({ ...u, sessions: sessions.get(u.id) ?? [] }));
}

import "server-only";
import { hash } from "@node-rs/argon2";
import { db, type Tx } from "./db";
import { auditedChange, type Actor } from "./audited";
import { alreadyExists, badInput, notFound } from "@/lib/errors";

export type ConsoleUserInput = { email: string; name: string; role: "ra_agent" | "advanced_ra_agent" | "auditor"; odsCodes: string[]; active: boolean };

const userInclude = { organisations: { select: { organisation: { select: { odsCode: true } } } } } as const;

// The audit snapshot of an account: never the password hash.
const view = (u: { email: string; name: string; role: string; active: boolean; organisations: { organisation: { odsCode: string } }[] }) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  active: u.active,
  organisations: u.organisations.map((o) => o.organisation.odsCode).sort(),
});

export async function listConsoleUsers() {
  const users = await db.consoleUser.findMany({ include: userInclude, orderBy: [{ role: "asc" }, { name: "asc" }] });
  return users.map((u) => ({ id: u.id, ...view(u) }));
}

export async function findConsoleUser(id: number) {
  const user = await db.consoleUser.findUnique({ where: { id }, include: userInclude });
  return user ? { id: user.id, ...view(user) } : null;
}

async function organisationIds(tx: Tx, odsCodes: string[]) {
  const orgs = await tx.organisation.findMany({ where: { odsCode: { in: odsCodes } }, select: { id: true, odsCode: true } });
  const missing = odsCodes.filter((code) => !orgs.some((o) => o.odsCode === code));
  if (missing.length) throw badInput("Check the organisations.", { odsCodes: `Unknown ODS code: ${missing.join(", ")}` });
  return orgs.map((o) => o.id);
}

export function addConsoleUser(actor: Actor, input: ConsoleUserInput & { password?: string }) {
  return auditedChange(actor, async (tx) => {
    if (await tx.consoleUser.findUnique({ where: { email: input.email } })) throw alreadyExists(`${input.email} already has a console account.`);
    const ids = await organisationIds(tx, input.odsCodes);
    const user = await tx.consoleUser.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        active: input.active,
        passwordHash: input.password ? await hash(input.password) : null,
        organisations: { create: ids.map((organisationId) => ({ organisationId })) },
      },
      include: userInclude,
    });
    return { result: user.id, audit: { action: "console_user.added", after: view(user), reason: `Account for ${user.email}` } };
  });
}

/** Role, organisations and active flag take effect on the user's next request: sessions read them fresh. */
export function updateConsoleUser(actor: Actor, id: number, input: Omit<ConsoleUserInput, "email">) {
  return auditedChange(actor, async (tx) => {
    const before = await tx.consoleUser.findUnique({ where: { id }, include: userInclude });
    if (!before) throw notFound("There is no console user with that id.");
    const ids = await organisationIds(tx, input.odsCodes);
    await tx.consoleUserOrganisation.deleteMany({ where: { consoleUserId: id } });
    const after = await tx.consoleUser.update({
      where: { id },
      data: { name: input.name, role: input.role, active: input.active, organisations: { create: ids.map((organisationId) => ({ organisationId })) } },
      include: userInclude,
    });
    if (!input.active) await tx.consoleSession.updateMany({ where: { consoleUserId: id, endedAt: null }, data: { endedAt: new Date() } });
    return { result: id, audit: { action: "console_user.updated", before: view(before), after: view(after), reason: `Account of ${after.email}` } };
  });
}

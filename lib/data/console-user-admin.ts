import "server-only";
import { hash } from "@node-rs/argon2";
import { db, type Tx } from "./db";
import { auditedChange, type Actor } from "./audited";
import { alreadyExists, badInput, notFound } from "@/lib/errors";

export type ConsoleUserInput = {
  email: string;
  name: string;
  role: "ra_agent" | "advanced_ra_agent" | "auditor";
  odsCodes: string[];
  active: boolean;
  /** The user's own Care Identity profile (smartcard ID), or null for none. */
  smartcardId: string | null;
};

const userInclude = {
  organisations: { select: { organisation: { select: { odsCode: true } } } },
  person: { select: { smartcardId: true } },
} as const;

type UserRow = {
  email: string;
  name: string;
  role: string;
  active: boolean;
  organisations: { organisation: { odsCode: string } }[];
  person: { smartcardId: string } | null;
};

// The audit snapshot of an account: never the password hash.
const view = (u: UserRow) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  active: u.active,
  organisations: u.organisations.map((o) => o.organisation.odsCode).sort(),
  smartcardId: u.person?.smartcardId ?? null,
});

export async function listConsoleUsers() {
  const users = await db.consoleUser.findMany({ include: userInclude, orderBy: [{ role: "asc" }, { name: "asc" }] });
  return users.map((u) => ({ id: u.id, ...view(u), careIdentityLinked: u.oidcSubject !== null }));
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

/**
 * The profile a console account is linked to: it must exist, and no other account may hold it (one person,
 * one account). Null for no link.
 */
async function profileId(tx: Tx, smartcardId: string | null, accountId: number | null): Promise<number | null> {
  if (smartcardId === null) return null;
  const person = await tx.person.findUnique({ where: { smartcardId }, select: { id: true, consoleUser: { select: { id: true, name: true } } } });
  if (!person) throw badInput("Check the smartcard ID.", { smartcardId: "No Care Identity profile in this console has that smartcard ID" });
  if (person.consoleUser && person.consoleUser.id !== accountId) {
    throw badInput("Check the smartcard ID.", { smartcardId: `That profile is already linked to the console account of ${person.consoleUser.name}` });
  }
  return person.id;
}

export function addConsoleUser(actor: Actor, input: ConsoleUserInput & { password?: string }) {
  return auditedChange(actor, async (tx) => {
    if (await tx.consoleUser.findUnique({ where: { email: input.email } })) throw alreadyExists(`${input.email} already has a console account.`);
    const ids = await organisationIds(tx, input.odsCodes);
    const personId = await profileId(tx, input.smartcardId, null);
    const user = await tx.consoleUser.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        active: input.active,
        personId,
        passwordHash: input.password ? await hash(input.password) : null,
        organisations: { create: ids.map((organisationId) => ({ organisationId })) },
      },
      include: userInclude,
    });
    return { result: user.id, audit: { action: "console_user.added", after: view(user), reason: `Account for ${user.email}` } };
  });
}

/** Role, organisations, profile and active flag take effect on the user's next request: sessions read them fresh. */
export function updateConsoleUser(actor: Actor, id: number, input: Omit<ConsoleUserInput, "email">) {
  return auditedChange(actor, async (tx) => {
    const before = await tx.consoleUser.findUnique({ where: { id }, include: userInclude });
    if (!before) throw notFound("There is no console user with that id.");
    const ids = await organisationIds(tx, input.odsCodes);
    // A link to one's own profile is what stops self-service changes: it can be corrected, never dropped.
    if (before.personId !== null && input.smartcardId === null) {
      throw badInput("Check the smartcard ID.", { smartcardId: "This account is linked to a Care Identity profile: correct the smartcard ID rather than removing it" });
    }
    const personId = await profileId(tx, input.smartcardId, id);
    await tx.consoleUserOrganisation.deleteMany({ where: { consoleUserId: id } });
    const after = await tx.consoleUser.update({
      where: { id },
      data: { name: input.name, role: input.role, active: input.active, personId, organisations: { create: ids.map((organisationId) => ({ organisationId })) } },
      include: userInclude,
    });
    if (!input.active) await tx.consoleSession.updateMany({ where: { consoleUserId: id, endedAt: null }, data: { endedAt: new Date() } });
    return { result: id, audit: { action: "console_user.updated", before: view(before), after: view(after), reason: `Account of ${after.email}` } };
  });
}

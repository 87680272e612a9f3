// Writes the job role catalogue, the demo people and the demo console accounts. Idempotent: reference data is
// upserted, people and accounts are created only when absent, grants only with a new person, nothing deleted.
import { hash, verify } from "@node-rs/argon2";
import type { Prisma } from "../../generated/prisma/client";
import { csmsJobRoles, otherJobRoles } from "./job-roles";
import { DEMO_GRANT_REASON, type DemoConsoleUser } from "./demo";
import type { GrantSeed, PersonSeed } from "./people";

type Tx = Prisma.TransactionClient;

export async function seedJobRoles(tx: Tx): Promise<number> {
  const roles = [...csmsJobRoles, ...otherJobRoles];
  for (const r of roles) {
    const data = { name: r.name, userGroup: r.userGroup, functions: JSON.stringify(r.functions), csmsAccess: r.csmsAccess };
    await tx.jobRole.upsert({ where: { code: r.code }, create: { code: r.code, ...data }, update: data });
  }
  return roles.length;
}

// Demo grants are historical facts with no console actor behind them.
function grantFields(g: GrantSeed) {
  return {
    startedAt: new Date(`${g.startedAt}T09:00:00Z`),
    grantedById: null,
    grantReason: DEMO_GRANT_REASON,
    endedAt: g.endedAt ? new Date(`${g.endedAt}T17:00:00Z`) : null,
    endReason: g.endReason ?? null,
  };
}

export async function seedPeople(tx: Tx, people: PersonSeed[], orgIds: Map<string, number>): Promise<number> {
  const wanted = people.map((p) => p.smartcardId);
  const present = new Set(
    (await tx.person.findMany({ where: { smartcardId: { in: wanted } }, select: { smartcardId: true } })).map((p) => p.smartcardId),
  );
  let created = 0;
  for (const p of people) {
    // An existing profile may have been changed in the console since: leave it exactly as it is.
    if (present.has(p.smartcardId)) continue;
    await tx.person.create({
      data: {
        smartcardId: p.smartcardId,
        name: p.name,
        email: p.email,
        positions: {
          create: p.positions.map((pos) => ({
            organisationId: orgIds.get(pos.odsCode)!,
            title: pos.title,
            roles: { create: pos.roles.map((r) => ({ roleCode: r.code, ...grantFields(r) })) },
            workgroups: { create: pos.workgroups.map((w) => ({ workgroup: "cervicalscreening", ...grantFields(w) })) },
          })),
        },
      },
    });
    created += 1;
  }
  return created;
}

export type ConsoleUserCounts = { created: number; linksCreated: number; passwordsReset: number };

/**
 * Demo accounts. The password is DEMO_PASSWORD (or the documented default): a stored hash that no longer
 * matches it is replaced, so changing DEMO_PASSWORD and rerunning the seed is how demo passwords change.
 */
export async function seedConsoleUsers(
  tx: Tx,
  users: DemoConsoleUser[],
  orgIds: Map<string, number>,
  password: string,
): Promise<ConsoleUserCounts> {
  const counts: ConsoleUserCounts = { created: 0, linksCreated: 0, passwordsReset: 0 };
  for (const u of users) {
    const personId = u.smartcardId
      ? (await tx.person.findUnique({ where: { smartcardId: u.smartcardId }, select: { id: true } }))?.id ?? null
      : null;
    let user = await tx.consoleUser.findUnique({ where: { email: u.email } });
    if (!user) {
      user = await tx.consoleUser.create({
        data: { email: u.email, name: u.name, role: u.role, passwordHash: await hash(password), personId },
      });
      counts.created += 1;
    } else {
      const matches = user.passwordHash ? await verify(user.passwordHash, password).catch(() => false) : false;
      if (!matches) {
        await tx.consoleUser.update({ where: { id: user.id }, data: { passwordHash: await hash(password) } });
        counts.passwordsReset += 1;
      }
      // Link the own profile if it was missing; never re-point a link someone set on purpose.
      if (user.personId === null && personId !== null) {
        await tx.consoleUser.update({ where: { id: user.id }, data: { personId } });
      }
    }

    // Add the demo scope's missing links only; links added in the console since are kept.
    const linked = new Set(
      (await tx.consoleUserOrganisation.findMany({ where: { consoleUserId: user.id }, select: { organisationId: true } })).map(
        (l) => l.organisationId,
      ),
    );
    const missing = u.odsCodes.map((code) => orgIds.get(code)!).filter((id) => !linked.has(id));
    if (missing.length > 0) {
      await tx.consoleUserOrganisation.createMany({ data: missing.map((organisationId) => ({ consoleUserId: user.id, organisationId })) });
      counts.linksCreated += missing.length;
    }
  }
  return counts;
}

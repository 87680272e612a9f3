// Writes the job role catalogue, the demo people and the demo console accounts. Idempotent: reference data is
// upserted, people and accounts are created only when absent, grants only with a new person, nothing deleted.
import { hash, verify } from "@node-rs/argon2";
import type { Prisma } from "../../generated/prisma/client";
import { BASELINE_ACTION, baselineSummary, buildBaseline, parseBaseline } from "../../lib/audit/baseline";
import { appendAuditEvent } from "../../lib/data/audit-append";
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
    // The account's own profile, so "no change to your own profile" holds for it; never one that another
    // account was linked to in the console since (one person, one account).
    const profile = u.smartcardId
      ? await tx.person.findUnique({ where: { smartcardId: u.smartcardId }, select: { id: true, consoleUser: { select: { email: true } } } })
      : null;
    const personId = profile && (!profile.consoleUser || profile.consoleUser.email === u.email) ? profile.id : null;
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

/**
 * Records the grants the seed wrote as the change log's starting point: one `seed.baseline` event on the keyed
 * chain (same transaction), listing each person not in an earlier baseline with their active grants and version.
 * On a first run that is everyone; on a rerun, only the people it just created (none: no event). A database
 * seeded before baselines existed gets one for everyone on its next seed run. Needs AUDIT_HMAC_KEY.
 */
export async function recordSeedBaseline(tx: Tx): Promise<{ people: number; positions: number; grants: number } | null> {
  const earlier = await tx.auditEvent.findMany({ where: { action: BASELINE_ACTION }, select: { after: true } });
  const covered = new Set(earlier.flatMap((e) => parseBaseline(e.after)?.people.map((p) => p.smartcardId) ?? []));
  const people = (
    await tx.person.findMany({
      select: {
        smartcardId: true,
        name: true,
        version: true,
        positions: {
          select: {
            organisation: { select: { odsCode: true } },
            roles: { where: { endedAt: null }, select: { roleCode: true, endsAt: true } },
            workgroups: { where: { endedAt: null }, select: { workgroup: true, endsAt: true } },
          },
        },
      },
    })
  ).filter((p) => !covered.has(p.smartcardId));
  if (people.length === 0) return null;

  const baseline = buildBaseline(people);
  const summary = baselineSummary(baseline);
  await appendAuditEvent(tx, { id: null, email: "seed", name: "Demo seed" }, {
    action: BASELINE_ACTION,
    after: baseline,
    reason:
      `The grants the seed wrote, recorded as the starting point of the change log: ${summary.people} people, ` +
      `${summary.positions} positions, ${summary.grants} active grants.`,
  });
  return summary;
}

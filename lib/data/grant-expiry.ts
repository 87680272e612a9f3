import "server-only";
import { db, type Tx } from "./db";
import { auditedChange, SYSTEM_ACTOR, type SystemEvent } from "./audited";
import { expirePendingChanges } from "./pending-changes";

export const EXPIRED_REASON = "Expired: the end date was reached";
const WORKGROUP = "cervicalscreening";

type PersonFacts = { id: number; smartcardId: string; name: string };

/**
 * Formally ends every grant at one position whose end date has begun, as the system, bumping the person's
 * version once per grant so the log replays to the database. Returns one event per grant ended; a grant
 * already ended (by a concurrent run) is skipped, so running twice writes nothing the second time.
 */
export async function expireLapsedAt(tx: Tx, positionId: number, person: PersonFacts, now: Date): Promise<SystemEvent[]> {
  const position = await tx.position.findUniqueOrThrow({
    where: { id: positionId },
    include: {
      organisation: { select: { odsCode: true, name: true } },
      roles: { where: { endedAt: null }, include: { jobRole: { select: { name: true } } }, orderBy: { id: "asc" } },
      workgroups: { where: { endedAt: null, workgroup: WORKGROUP }, orderBy: { id: "asc" } },
    },
  });
  const lapsed = (g: { endsAt: Date | null }) => g.endsAt !== null && g.endsAt <= now;
  let roles = position.roles.map((r) => r.roleCode).sort();
  let workgroup = position.workgroups.length > 0;
  const events: SystemEvent[] = [];
  const common = {
    personId: person.id,
    smartcardId: person.smartcardId,
    personName: person.name,
    odsCode: position.organisation.odsCode,
    orgName: position.organisation.name,
    reason: EXPIRED_REASON,
  };
  const bump = () => tx.person.update({ where: { id: person.id }, data: { version: { increment: 1 } } });

  for (const grant of position.roles.filter(lapsed)) {
    const done = await tx.roleAssignment.updateMany({ where: { id: grant.id, endedAt: null }, data: { endedAt: grant.endsAt!, endReason: EXPIRED_REASON } });
    if (done.count !== 1) continue;
    await bump();
    const before = { roles, cervicalScreeningWorkgroup: workgroup };
    roles = roles.filter((code) => code !== grant.roleCode);
    events.push({
      actor: SYSTEM_ACTOR,
      draft: { action: "role.expired", ...common, roleCode: grant.roleCode, roleName: grant.jobRole.name, before, after: { roles, cervicalScreeningWorkgroup: workgroup } },
    });
  }
  for (const grant of position.workgroups.filter(lapsed)) {
    const done = await tx.workgroupMembership.updateMany({ where: { id: grant.id, endedAt: null }, data: { endedAt: grant.endsAt!, endReason: EXPIRED_REASON } });
    if (done.count !== 1) continue;
    await bump();
    const before = { roles, cervicalScreeningWorkgroup: workgroup };
    workgroup = false;
    events.push({ actor: SYSTEM_ACTOR, draft: { action: "workgroup.expired", ...common, before, after: { roles, cervicalScreeningWorkgroup: workgroup } } });
  }
  return events;
}

/**
 * `npm run grants:expire`: ends due grants formally, one audited transaction per position, and expires pending
 * changes nobody decided within a week. Idempotent, so it is safe from cron every few minutes. The verdict
 * never waits for it: a grant stops counting the moment its end date begins.
 */
export async function expireDueGrants(now = new Date()): Promise<{ grants: number; pendingChanges: number }> {
  const due = { endedAt: null, endsAt: { lte: now } };
  const [roles, workgroups] = await Promise.all([
    db.roleAssignment.findMany({ where: due, select: { positionId: true } }),
    db.workgroupMembership.findMany({ where: due, select: { positionId: true } }),
  ]);
  const positions = [...new Set([...roles, ...workgroups].map((g) => g.positionId))];
  let grants = 0;
  for (const positionId of positions) {
    grants += await auditedChange(SYSTEM_ACTOR, async (tx) => {
      const position = await tx.position.findUniqueOrThrow({ where: { id: positionId }, include: { person: { select: { id: true, smartcardId: true, name: true } } } });
      const events = await expireLapsedAt(tx, positionId, position.person, now);
      // The last expiry is the transaction's own event; the others go first, so a position's events stay together.
      const last = events.pop();
      return { result: events.length + (last ? 1 : 0), audit: last?.draft ?? null, earlier: events };
    });
  }
  return { grants, pendingChanges: await expirePendingChanges(SYSTEM_ACTOR, now) };
}

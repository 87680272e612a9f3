import "server-only";
import { db, type Tx } from "./db";
import { chainHash, GENESIS_HASH } from "./audit-chain";
import { checkpointAfterWrite } from "@/lib/audit/auto-checkpoint";

/** Who did it; security events such as a failed sign-in have an email but no console user id or name. */
export type Actor = { id: number | null; email: string; name?: string | null };

export type AuditDraft = {
  action: string;
  personId?: number | null;
  smartcardId?: string | null;
  personName?: string | null;
  odsCode?: string | null;
  orgName?: string | null;
  roleCode?: string | null;
  roleName?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  requestId?: string | null;
  safeguards?: Safeguards | null;
};

/** Why a change was allowed past a safeguard; kept on its audit event (inside the keyed hash). */
export type Safeguards = {
  identity?: { method: string; note: string; confirmedBy: string };
  igWarning?: { warnings: string[]; justification: string };
  // A second person approved it: who proposed, who approved, and why it needed them.
  approval?: { pendingChangeId: string; proposedBy: string; approvedBy: string; why: string[]; note?: string };
};

async function appendAuditEvent(tx: Tx, actor: Actor, draft: AuditDraft): Promise<void> {
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true, occurredAt: true } });
  // Time never runs backwards along the chain (even if the clock does), so a date range is an id range.
  const now = new Date();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = {
    id: (last?.id ?? 0) + 1,
    occurredAt: last && last.occurredAt > now ? last.occurredAt : now,
    actorId: actor.id,
    actorEmail: actor.email,
    actorName: actor.name ?? null,
    action: draft.action,
    personId: draft.personId ?? null,
    smartcardId: draft.smartcardId ?? null,
    personName: draft.personName ?? null,
    odsCode: draft.odsCode ?? null,
    orgName: draft.orgName ?? null,
    roleCode: draft.roleCode ?? null,
    roleName: draft.roleName ?? null,
    before: draft.before === undefined ? null : JSON.stringify(draft.before),
    after: draft.after === undefined ? null : JSON.stringify(draft.after),
    reason: draft.reason ?? null,
    requestId: draft.requestId ?? null,
    safeguards: draft.safeguards ? JSON.stringify(draft.safeguards) : null,
  };
  await tx.auditEvent.create({ data: { ...fields, prevHash, hash: chainHash(prevHash, fields) } });
}

/** Security events (sign-in, sign-out, failures, refusals) join the same chain, in a transaction of their own. */
export async function recordSecurityEvent(actor: Actor, draft: AuditDraft): Promise<void> {
  await db.$transaction((tx) => appendAuditEvent(tx, actor, draft));
  await checkpointAfterWrite();
}

/**
 * The one way to change data: the change and its audit event commit together or not at all.
 * `work` makes the change and describes it; the event is appended in the same transaction.
 */
export async function auditedChange<T>(
  actor: Actor,
  work: (tx: Tx) => Promise<{ result: T; audit: AuditDraft | null; earlier?: SystemEvent[] }>,
): Promise<T> {
  const committed = await db.$transaction(async (tx) => {
    const { result, audit, earlier = [] } = await work(tx);
    // What the system did first in the same transaction (grants whose end date had passed) is logged first.
    for (const event of earlier) await appendAuditEvent(tx, event.actor, event.draft);
    // Null only when the work found nothing to do and wrote nothing (an expiry that already happened).
    if (audit) await appendAuditEvent(tx, actor, audit);
    return result;
  });
  // After the commit, outside the transaction: a signed checkpoint when one is due. Never fails the change.
  await checkpointAfterWrite();
  return committed;
}

/** An event written inside someone's change but done by another actor (the system ending a lapsed grant). */
export type SystemEvent = { actor: Actor; draft: AuditDraft };

/** The actor for what the console does by itself: expiries of grants and of undecided pending changes. */
export const SYSTEM_ACTOR: Actor = { id: null, email: "system", name: "System" };

import "server-only";
import { LOCK, lockFromHere, writeTransaction, type Tx } from "./db";
import { appendAuditEvent, type Actor, type AuditDraft } from "./audit-append";
import { checkpointAfterWrite } from "@/lib/audit/auto-checkpoint";

export type { Actor, AuditDraft, Safeguards } from "./audit-append";

/** Security events (sign-in, sign-out, failures, refusals) join the same chain, in a transaction of their own. */
export async function recordSecurityEvent(actor: Actor, draft: AuditDraft): Promise<void> {
  await writeTransaction([LOCK.auditChain], (tx) => appendAuditEvent(tx, actor, draft));
  await checkpointAfterWrite();
}

/**
 * The one way to change data: the change and its audit event commit together or not at all.
 * `work` makes the change and describes it; the event is appended in the same transaction.
 * `locks` names what `work` reads and then writes (taken before it starts). The chain's own lock is taken once
 * `work` is done, just before the last event is read, and held to the commit: appends from several instances
 * queue up and the chain never forks, while the work of concurrent changes (each claims its person's version,
 * which row-locks the person) still overlaps.
 */
export async function auditedChange<T>(
  actor: Actor,
  work: (tx: Tx) => Promise<{ result: T; audit: AuditDraft | null; earlier?: SystemEvent[] }>,
  // A large batch (an ODS import) needs longer than the usual limits to write its rows and events.
  // `deferCheckpoint`: a bulk run checks for a due checkpoint once, after its last row, not after every row.
  options: { locks?: string[]; timeout?: number; maxWait?: number } & WriteOptions = {},
): Promise<T> {
  const { locks = [], deferCheckpoint, ...limits } = options;
  const committed = await writeTransaction(locks, async (tx) => {
    const { result, audit, earlier = [] } = await work(tx);
    if (audit || earlier.length > 0) await lockFromHere(tx, [LOCK.auditChain]);
    // What the system did first in the same transaction (grants whose end date had passed) is logged first.
    for (const event of earlier) await appendAuditEvent(tx, event.actor, event.draft);
    // Null only when the work found nothing to do and wrote nothing (an expiry that already happened).
    if (audit) await appendAuditEvent(tx, actor, audit);
    return result;
  }, limits);
  // After the commit, outside the transaction: a signed checkpoint when one is due. Never fails the change.
  if (!deferCheckpoint) await checkpointAfterWrite();
  return committed;
}

/** How one audited write runs inside a larger job. */
export type WriteOptions = { deferCheckpoint?: boolean };

/** For a job that deferred its writes' checkpoints: one check once it is done. Never rejects. */
export const checkpointAfterBatch = () => checkpointAfterWrite();

/** An event written inside someone's change but done by another actor (the system ending a lapsed grant). */
export type SystemEvent = { actor: Actor; draft: AuditDraft };

/** The actor for what the console does by itself: expiries of grants and of undecided pending changes. */
export const SYSTEM_ACTOR: Actor = { id: null, email: "system", name: "System" };

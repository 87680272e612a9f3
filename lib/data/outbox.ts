import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Tx } from "./db";
import { auditedChange, type Actor } from "./audited";
import { badInput, notFound, versionConflict } from "@/lib/errors";
import type { ComposedEmail, EmailKind } from "@/lib/domain/request-emails";

// The outbox: each email row is written inside the transaction of the change that causes it, so a change
// and its email commit together or not at all. Delivery (lib/mail/sender.ts) claims a row before sending,
// so two senders never both send it; a claim left behind by a crash is marked failed, never resent blindly.

export const outboxStatuses = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export async function queueEmail(tx: Tx, email: { requestId: string | null; to: string; kind: EmailKind } & ComposedEmail): Promise<string> {
  const id = randomUUID();
  await tx.outboxEmail.create({ data: { id, ...email } });
  return id;
}

/** Rows due for delivery now, oldest first; claiming decides who sends each. */
export async function dueEmails(now: Date, limit: number) {
  return db.outboxEmail.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    take: limit,
    select: { id: true },
  });
}

/** Takes one row for delivery; null when another sender already has it (or it is no longer due). */
export async function claimEmail(id: string, now: Date) {
  const claimed = await db.outboxEmail.updateMany({
    where: { id, status: "pending", nextAttemptAt: { lte: now } },
    data: { status: "sending", claimedAt: now, attempts: { increment: 1 } },
  });
  return claimed.count === 1 ? db.outboxEmail.findUniqueOrThrow({ where: { id } }) : null;
}

export async function markEmailSent(id: string, messageId: string | null, now: Date) {
  await db.outboxEmail.updateMany({ where: { id, status: "sending" }, data: { status: "sent", sentAt: now, messageId, lastError: null } });
}

/** After a failed attempt: back in the queue at `retryAt`, or failed for good when there is none. */
export async function markEmailAttemptFailed(id: string, error: string, retryAt: Date | null) {
  await db.outboxEmail.updateMany({
    where: { id, status: "sending" },
    data: retryAt ? { status: "pending", nextAttemptAt: retryAt, lastError: error } : { status: "failed", lastError: error },
  });
}

/**
 * A claim older than `staleBefore` belongs to a sender that stopped mid-delivery: the message may or may not
 * have gone. It is marked failed for a person to decide, because sending it again could send it twice.
 */
export async function failInterruptedDeliveries(staleBefore: Date): Promise<number> {
  const { count } = await db.outboxEmail.updateMany({
    where: { status: "sending", claimedAt: { lt: staleBefore } },
    data: { status: "failed", lastError: "Delivery was interrupted; it may or may not have been sent. Check with the requester before sending it again." },
  });
  return count;
}

export type OutboxFilter = { status?: OutboxStatus; requestId?: string; limit?: number };

/** Newest first, with the request reference each email is about. */
export async function listOutbox(filter: OutboxFilter) {
  const rows = await db.outboxEmail.findMany({
    where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.requestId ? { requestId: filter.requestId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit ?? 100,
  });
  const ids = [...new Set(rows.map((r) => r.requestId).filter((id): id is string => id !== null))];
  const refs = ids.length ? await db.accessRequest.findMany({ where: { id: { in: ids } }, select: { id: true, reference: true } }) : [];
  const reference = new Map(refs.map((r) => [r.id, r.reference]));
  return rows.map((r) => ({ ...r, reference: r.requestId ? (reference.get(r.requestId) ?? null) : null }));
}

export async function countOutboxByStatus(): Promise<Record<OutboxStatus, number>> {
  const groups = await db.outboxEmail.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const g of groups) if (g.status in counts) counts[g.status as OutboxStatus] = g._count._all;
  return counts;
}

/** An RA manager puts a failed email back in the queue; audited, since it may reach the requester twice. */
export async function retryFailedEmail(actor: Actor, id: string) {
  return auditedChange(actor, async (tx) => {
    const row = await tx.outboxEmail.findUnique({ where: { id } });
    if (!row) throw notFound("There is no email with that id in the outbox.");
    if (row.status !== "failed") throw badInput("Only a failed email can be sent again.", { id: `This email is ${row.status}` });
    const claimed = await tx.outboxEmail.updateMany({ where: { id, status: "failed" }, data: { status: "pending", nextAttemptAt: new Date(), attempts: 0 } });
    if (claimed.count !== 1) throw versionConflict();
    return {
      result: { id },
      audit: { action: "email.retried", requestId: row.requestId, before: { status: "failed", lastError: row.lastError }, after: { status: "pending", to: row.to, subject: row.subject } },
    };
  });
}

import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "./db";
import { auditedChange, type Actor } from "./audited";
import { alreadyExists, notFound } from "@/lib/errors";

export type AskedChange = {
  kind: "workgroup.add" | "workgroup.remove";
  smartcardId: string;
  odsCode: string;
  reason: string;
  requestId?: string;
};

const include = { proposedBy: { select: { id: true, name: true, email: true } }, decidedBy: { select: { name: true } } } as const;

/** An RA agent asks for a change they may not make; the ask is audited like a change. */
export async function createAsk(actor: Actor & { id: number }, ask: AskedChange) {
  return auditedChange(actor, async (tx) => {
    const person = await tx.person.findUnique({ where: { smartcardId: ask.smartcardId } });
    if (!person) throw notFound(`No Care Identity profile with smartcard ID ${ask.smartcardId}.`);
    const open = await tx.pendingChange.count({
      where: { smartcardId: ask.smartcardId, odsCode: ask.odsCode, kind: ask.kind, status: "pending" },
    });
    if (open > 0) throw alreadyExists("This change has already been asked for and is waiting for an advanced RA agent or RA manager.");
    const organisation = await tx.organisation.findUnique({ where: { odsCode: ask.odsCode }, select: { name: true } });
    const row = await tx.pendingChange.create({
      data: { id: randomUUID(), ...ask, requestId: ask.requestId ?? null, proposedById: actor.id },
    });
    return {
      result: row,
      audit: {
        action: "change.asked",
        personId: person.id,
        smartcardId: person.smartcardId,
        personName: person.name,
        odsCode: ask.odsCode,
        orgName: organisation?.name ?? null,
        after: { pendingChangeId: row.id, kind: ask.kind, status: "pending" },
        reason: ask.reason,
        requestId: ask.requestId ?? null,
      },
    };
  });
}

export async function findPendingChange(id: string) {
  return db.pendingChange.findUnique({ where: { id }, include });
}

/** Waiting changes at the given organisations, oldest first: the queue is worked from the longest wait. */
export async function listPendingChanges(odsCodes: string[], smartcardId?: string) {
  return db.pendingChange.findMany({
    where: { status: "pending", odsCode: { in: odsCodes }, ...(smartcardId ? { smartcardId } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include,
    take: 200,
  });
}

export async function declinePendingChange(actor: Actor & { id: number }, id: string, reason: string) {
  return auditedChange(actor, async (tx) => {
    const done = await tx.pendingChange.updateMany({
      where: { id, status: "pending" },
      data: { status: "declined", decidedById: actor.id, decidedAt: new Date(), decisionReason: reason },
    });
    if (done.count !== 1) throw alreadyExists("That asked-for change has already been decided.");
    const row = await tx.pendingChange.findUniqueOrThrow({ where: { id } });
    const person = await tx.person.findUnique({ where: { smartcardId: row.smartcardId }, select: { id: true, name: true } });
    return {
      result: row,
      audit: {
        action: "change.declined",
        personId: person?.id ?? null,
        smartcardId: row.smartcardId,
        personName: person?.name ?? null,
        odsCode: row.odsCode,
        before: { pendingChangeId: row.id, kind: row.kind, status: "pending" },
        after: { pendingChangeId: row.id, kind: row.kind, status: "declined" },
        reason,
        requestId: row.requestId,
      },
    };
  });
}

import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "./db";
import { auditedChange, type Actor, type Safeguards } from "./audited";
import { alreadyExists, ConsoleError, notFound, versionConflict } from "@/lib/errors";

export type PendingKind = "role.add" | "role.remove" | "workgroup.add" | "workgroup.remove";

/** Why a change waits for a second person. */
export type ApprovalReason = "asked" | "ig_warning" | "identity_confirmed_alone" | "console_user";

export const approvalReasonText: Record<ApprovalReason, string> = {
  asked: "an RA agent asked for a workgroup change they may not make",
  ig_warning: "the IG guard warned that this access is not needed",
  identity_confirmed_alone: "the requester did not match the profile and one officer confirmed their identity",
  console_user: "the person is a console user (RA staff or auditor)",
};

export type ProposedChange = {
  kind: PendingKind;
  smartcardId: string;
  odsCode: string;
  roleCode?: string;
  reason: string;
  requestId?: string;
  endsAt?: Date | null;
  justification?: string;
  version: number;
  why: ApprovalReason[];
  safeguards?: Safeguards;
};

// A pending change that nobody decides within a week is stale: the person's situation has likely moved on.
export const PENDING_LIFETIME_MS = 7 * 24 * 3600 * 1000;

const include = { proposedBy: { select: { id: true, name: true, email: true } }, decidedBy: { select: { name: true, email: true } } } as const;

export type PendingSafeguards = Safeguards & { why: ApprovalReason[] };

export function readSafeguards(json: string | null): PendingSafeguards {
  try {
    const value = json ? (JSON.parse(json) as PendingSafeguards) : null;
    return value && Array.isArray(value.why) ? value : { why: [] };
  } catch {
    return { why: [] };
  }
}

/** Stores a change for a second person to decide, against the profile version it was proposed on. Audited. */
export async function createPendingChange(actor: Actor & { id: number }, proposed: ProposedChange) {
  return auditedChange(actor, async (tx) => {
    const person = await tx.person.findUnique({ where: { smartcardId: proposed.smartcardId } });
    if (!person) throw notFound(`No Care Identity profile with smartcard ID ${proposed.smartcardId}.`);
    if (person.version !== proposed.version) throw versionConflict();
    const now = new Date();
    const open = await tx.pendingChange.count({
      where: {
        smartcardId: proposed.smartcardId,
        odsCode: proposed.odsCode,
        kind: proposed.kind,
        roleCode: proposed.roleCode ?? null,
        status: "pending",
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      },
    });
    if (open > 0) throw alreadyExists("The same change is already waiting for a second person.");
    const organisation = await tx.organisation.findUnique({ where: { odsCode: proposed.odsCode }, select: { name: true } });
    const role = proposed.roleCode ? await tx.jobRole.findUnique({ where: { code: proposed.roleCode }, select: { name: true } }) : null;
    const safeguards: PendingSafeguards = { ...proposed.safeguards, why: proposed.why };
    const row = await tx.pendingChange.create({
      data: {
        id: randomUUID(),
        kind: proposed.kind,
        smartcardId: proposed.smartcardId,
        odsCode: proposed.odsCode,
        roleCode: proposed.roleCode ?? null,
        reason: proposed.reason,
        requestId: proposed.requestId ?? null,
        endsAt: proposed.endsAt ?? null,
        justification: proposed.justification ?? null,
        safeguards: JSON.stringify(safeguards),
        personVersion: proposed.version,
        expiresAt: new Date(now.getTime() + PENDING_LIFETIME_MS),
        proposedById: actor.id,
      },
    });
    return {
      result: row,
      audit: {
        action: "change.proposed",
        personId: person.id,
        smartcardId: person.smartcardId,
        personName: person.name,
        odsCode: proposed.odsCode,
        orgName: organisation?.name ?? null,
        roleCode: proposed.roleCode ?? null,
        roleName: role?.name ?? null,
        after: { pendingChangeId: row.id, kind: row.kind, status: "pending", why: proposed.why, endsAt: row.endsAt?.toISOString() ?? null },
        reason: proposed.reason,
        requestId: proposed.requestId ?? null,
        safeguards: proposed.safeguards ?? null,
      },
    };
  });
}

export async function findPendingChange(id: string) {
  return db.pendingChange.findUnique({ where: { id }, include });
}

/** Changes waiting at the given organisations (and not yet expired), oldest first: the longest wait is worked first. */
export async function listPendingChanges(odsCodes: string[] | "all", filter: { smartcardId?: string } = {}) {
  return db.pendingChange.findMany({
    where: {
      status: "pending",
      OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
      ...(odsCodes === "all" ? {} : { odsCode: { in: odsCodes } }),
      ...(filter.smartcardId ? { smartcardId: filter.smartcardId } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include,
    take: 200,
  });
}

async function closePending(actor: Actor, id: string, status: "rejected" | "expired", reason: string) {
  return auditedChange(actor, async (tx) => {
    const done = await tx.pendingChange.updateMany({
      where: { id, status: "pending" },
      data: { status, decidedById: actor.id, decidedAt: new Date(), decisionReason: reason },
    });
    if (done.count !== 1) throw alreadyExists("That change has already been decided.");
    const row = await tx.pendingChange.findUniqueOrThrow({ where: { id }, include: { proposedBy: { select: { email: true } } } });
    const person = await tx.person.findUnique({ where: { smartcardId: row.smartcardId }, select: { id: true, name: true } });
    return {
      result: row,
      audit: {
        action: `change.${status}`,
        personId: person?.id ?? null,
        smartcardId: row.smartcardId,
        personName: person?.name ?? null,
        odsCode: row.odsCode,
        roleCode: row.roleCode,
        before: { pendingChangeId: row.id, kind: row.kind, status: "pending", proposedBy: row.proposedBy.email },
        after: { pendingChangeId: row.id, kind: row.kind, status },
        reason,
        requestId: row.requestId,
      },
    };
  });
}

export const rejectPendingChange = (actor: Actor & { id: number }, id: string, reason: string) => closePending(actor, id, "rejected", reason);

/** Pending changes past their week end formally, one audited transaction each; safe to run again. */
export async function expirePendingChanges(system: Actor, now: Date): Promise<number> {
  const due = await db.pendingChange.findMany({ where: { status: "pending", expiresAt: { lte: now } }, select: { id: true } });
  let expired = 0;
  for (const { id } of due) {
    try {
      await closePending(system, id, "expired", "Not decided within 7 days");
      expired++;
    } catch (error) {
      // Decided by someone between the read and this transaction: nothing to expire.
      if (!(error instanceof ConsoleError && error.code === "already_exists")) throw error;
    }
  }
  return expired;
}

import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { db } from "./db";
import { auditedChange, type Actor } from "./audited";
import { notFound, versionConflict } from "@/lib/errors";
import type { Prisma } from "@/generated/prisma/client";
import { requestStatuses, type RequestStatus } from "@/lib/validations/request";

export const openStatuses: RequestStatus[] = ["new", "in_progress", "waiting"];

export type NewRequest = {
  source: "form" | "email";
  name: string;
  email: string;
  odsCode: string | null;
  smartcardId: string | null;
  message: string;
  category: string;
};

// Crockford-style alphabet: no I, L, O or U, so a reference read out over the phone is not misheard.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const newReference = () => `CSMS-${Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")}`;

export async function createRequest(actor: Actor, request: NewRequest, createdById: number | null) {
  return auditedChange(actor, async (tx) => {
    const row = await tx.accessRequest.create({ data: { id: randomUUID(), reference: newReference(), ...request, createdById } });
    return {
      result: row,
      audit: {
        action: "request.created",
        requestId: row.id,
        smartcardId: row.smartcardId,
        odsCode: row.odsCode,
        after: { status: row.status, category: row.category, source: row.source, reference: row.reference },
      },
    };
  });
}

export async function findRequest(id: string) {
  return db.accessRequest.findUnique({
    where: { id },
    include: {
      assignedTo: { select: { id: true, name: true, email: true } },
      closedBy: { select: { name: true, email: true } },
      identityConfirmedBy: { select: { name: true, email: true } },
    },
  });
}

/** The public status page: the reference and the requester's email must both match. */
export async function findRequestForRequester(reference: string, email: string) {
  const row = await db.accessRequest.findUnique({ where: { reference } });
  return row && row.email.toLowerCase() === email.toLowerCase() ? row : null;
}

export type InboxScope = { all: true } | { all: false; odsCodes: string[] };
export type InboxFilter = { status?: RequestStatus; category?: string; odsCode?: string; assignedToId?: number; cursor?: string; limit?: number };

function scopeWhere(scope: InboxScope): Prisma.AccessRequestWhereInput {
  // RA staff see requests for their organisations and those that name none (someone must pick them up).
  return scope.all ? {} : { OR: [{ odsCode: { in: scope.odsCodes } }, { odsCode: null }] };
}

/** Oldest first: the queue is worked from the longest-waiting request. Keyset on (createdAt, id). */
export async function listRequests(scope: InboxScope, filter: InboxFilter) {
  const limit = filter.limit ?? 50;
  const after = filter.cursor ? decodeCursor(filter.cursor) : null;
  const where: Prisma.AccessRequestWhereInput = {
    AND: [
      scopeWhere(scope),
      filter.status ? { status: filter.status } : { status: { in: openStatuses } },
      filter.category ? { category: filter.category } : {},
      filter.odsCode ? { odsCode: filter.odsCode } : {},
      filter.assignedToId ? { assignedToId: filter.assignedToId } : {},
      after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {},
    ],
  };
  const rows = await db.accessRequest.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
    include: { assignedTo: { select: { name: true } } },
  });
  const requests = rows.slice(0, limit);
  const last = requests.at(-1);
  return { requests, nextCursor: rows.length > limit && last ? `${last.createdAt.getTime()}_${last.id}` : null };
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const match = /^(\d{1,15})_([0-9a-f-]{36})$/.exec(cursor);
  return match ? { createdAt: new Date(Number(match[1])), id: match[2]! } : null;
}

export async function countRequestsByStatus(scope: InboxScope): Promise<Record<RequestStatus, number>> {
  const groups = await db.accessRequest.groupBy({ by: ["status"], where: scopeWhere(scope), _count: { _all: true } });
  const counts = Object.fromEntries(requestStatuses.map((s) => [s, 0])) as Record<RequestStatus, number>;
  for (const g of groups) if (g.status in counts) counts[g.status as RequestStatus] = g._count._all;
  return counts;
}

export type RequestUpdate = {
  id: string;
  version: number;
  status?: RequestStatus;
  assignedToId?: number | null;
  reply?: string;
  rejectionReason?: string;
  smartcardId?: string;
};

/** Status changes and assignment, audited like any other change and guarded by the request's version. */
export async function updateRequest(actor: Actor & { id: number }, update: RequestUpdate) {
  return auditedChange(actor, async (tx) => {
    const before = await tx.accessRequest.findUnique({ where: { id: update.id }, include: { assignedTo: { select: { email: true } } } });
    if (!before) throw notFound("There is no request with that reference.");
    const closing = update.status === "resolved" || update.status === "rejected";
    const claimed = await tx.accessRequest.updateMany({
      where: { id: update.id, version: update.version },
      data: {
        version: { increment: 1 },
        ...(update.status ? { status: update.status } : {}),
        ...(update.assignedToId !== undefined ? { assignedToId: update.assignedToId } : {}),
        ...(update.reply !== undefined ? { reply: update.reply } : {}),
        ...(update.rejectionReason !== undefined ? { rejectionReason: update.rejectionReason } : {}),
        ...(update.smartcardId !== undefined ? { smartcardId: update.smartcardId } : {}),
        ...(closing ? { closedAt: new Date(), closedById: actor.id } : update.status ? { closedAt: null, closedById: null } : {}),
      },
    });
    if (claimed.count !== 1) throw versionConflict();
    const after = await tx.accessRequest.findUniqueOrThrow({ where: { id: update.id }, include: { assignedTo: { select: { email: true } } } });
    const view = (r: typeof before) => ({ status: r.status, assignedTo: r.assignedTo?.email ?? null, smartcardId: r.smartcardId });
    return {
      result: after,
      audit: {
        action: "request.updated",
        requestId: after.id,
        smartcardId: after.smartcardId,
        odsCode: after.odsCode,
        before: view(before),
        after: view(after),
        reason: update.rejectionReason ?? (update.reply ? `Reply: ${update.reply}` : null),
      },
    };
  });
}

export async function listAssignableColleagues(odsCode: string | null) {
  return db.consoleUser.findMany({
    where: {
      active: true,
      role: { in: ["ra_agent", "advanced_ra_agent", "ra_manager"] },
      ...(odsCode ? { organisations: { some: { organisation: { odsCode } } } } : {}),
    },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
}

export async function requestExists(id: string): Promise<boolean> {
  return (await db.accessRequest.count({ where: { id } })) > 0;
}

/** Request references for the ids on a page of events, in one query: people read CSMS-…, not ids. */
export async function requestReferences(ids: (string | null)[]): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return {};
  const rows = await db.accessRequest.findMany({ where: { id: { in: wanted } }, select: { id: true, reference: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.reference]));
}

/** The request id behind a reference as people type it (CSMS-…); other values are taken as ids. */
export async function requestIdFor(referenceOrId: string): Promise<string> {
  if (!/^CSMS-/i.test(referenceOrId)) return referenceOrId;
  const row = await db.accessRequest.findUnique({ where: { reference: referenceOrId.toUpperCase() }, select: { id: true } });
  return row?.id ?? referenceOrId;
}

export type IdentityConfirmation = { id: string; version: number; method: string; note: string };

/** Records how the officer confirmed the requester owns the profile; audited, and kept on the request. */
export async function confirmRequestIdentity(actor: Actor & { id: number }, confirmation: IdentityConfirmation) {
  return auditedChange(actor, async (tx) => {
    const claimed = await tx.accessRequest.updateMany({
      where: { id: confirmation.id, version: confirmation.version },
      data: {
        version: { increment: 1 },
        identityMethod: confirmation.method,
        identityNote: confirmation.note,
        identityConfirmedById: actor.id,
        identityConfirmedAt: new Date(),
      },
    });
    if (claimed.count !== 1) throw versionConflict();
    const row = await tx.accessRequest.findUniqueOrThrow({ where: { id: confirmation.id } });
    return {
      result: row,
      audit: {
        action: "request.identity_confirmed",
        requestId: row.id,
        smartcardId: row.smartcardId,
        odsCode: row.odsCode,
        after: { identityMethod: confirmation.method },
        reason: confirmation.note,
      },
    };
  });
}

/** Names and emails of the profiles a page of requests points at, in one query, for the inbox's identity column. */
export async function profilesForRequests(smartcardIds: (string | null)[]) {
  const wanted = [...new Set(smartcardIds.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map<string, { name: string; email: string | null }>();
  const rows = await db.person.findMany({ where: { smartcardId: { in: wanted } }, select: { smartcardId: true, name: true, email: true } });
  return new Map(rows.map((r) => [r.smartcardId, { name: r.name, email: r.email }]));
}

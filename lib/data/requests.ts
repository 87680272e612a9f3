import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { containsIgnoringCase, db } from "./db";
import { auditedChange, type Actor } from "./audited";
import { queueReceivedEmail, queueStatusEmail } from "./request-mail";
import { notFound, requestChanged } from "@/lib/errors";
import type { Prisma } from "@/generated/prisma/client";
import { requestStatuses, type RequestStatus } from "@/lib/validations/request";
import { resumeClock } from "@/lib/domain/sla";

export const openStatuses: RequestStatus[] = ["new", "in_progress", "waiting"];

export type NewRequest = {
  source: "form" | "email";
  name: string;
  email: string;
  odsCode: string | null;
  // Further organisations the requester works at (not odsCode, no repeats), in the order given.
  otherOdsCodes?: string[];
  smartcardId: string | null;
  message: string;
  category: string;
};

/** A request's further organisations as stored (space-separated ODS codes) back as a list. */
export const otherOdsCodesOf = (row: { otherOdsCodes: string | null }): string[] => (row.otherOdsCodes ? row.otherOdsCodes.split(" ") : []);

// Crockford-style alphabet: no I, L, O or U, so a reference read out over the phone is not misheard.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const newReference = () => `CSMS-${Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")}`;

/** Who will handle a new request, as the requester is told it in the first email. */
export type Routing = { routed: boolean; orgName: string | null };

export async function createRequest(actor: Actor, request: NewRequest, createdById: number | null, routing: Routing) {
  return auditedChange(actor, async (tx) => {
    const { otherOdsCodes, ...fields } = request;
    const others = otherOdsCodes?.length ? otherOdsCodes.join(" ") : null;
    const row = await tx.accessRequest.create({ data: { id: randomUUID(), reference: newReference(), ...fields, otherOdsCodes: others, createdById } });
    await queueReceivedEmail(tx, row, routing);
    return {
      result: row,
      audit: {
        action: "request.created",
        requestId: row.id,
        smartcardId: row.smartcardId,
        odsCode: row.odsCode,
        after: { status: row.status, category: row.category, source: row.source, reference: row.reference, ...(others ? { otherOdsCodes: otherOdsCodes } : {}) },
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
      notes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      parent: { select: { id: true, reference: true } },
      children: { select: { id: true, reference: true, smartcardId: true, status: true }, orderBy: { createdAt: "asc" } },
    },
  });
}

export async function findRequestByReference(reference: string) {
  return db.accessRequest.findUnique({ where: { reference }, select: { reference: true, odsCode: true } });
}

/** The public status page: the reference and the requester's email must both match. */
export async function findRequestForRequester(reference: string, email: string) {
  const row = await db.accessRequest.findUnique({ where: { reference } });
  return row && row.email.toLowerCase() === email.toLowerCase() ? row : null;
}

// RA staff see requests for their organisations and those that name none (someone must pick them up);
// RA managers also see requests for organisations no RA officer in the console acts for (`unrouted`).
export type InboxScope = { all: true } | { all: false; odsCodes: string[]; unroutedToo: boolean };
export type InboxFilter = {
  status?: RequestStatus;
  category?: string;
  odsCode?: string;
  assignedToId?: number;
  // Only requests for organisations nobody covers (the RA managers' "no RA for this organisation" queue).
  unrouted?: boolean;
  search?: InboxSearch;
  cursor?: string;
  limit?: number;
};
/** What the officer typed in the search box, already read: a reference, a smartcard ID, or words of a name or email. */
export type InboxSearch = { reference: string } | { smartcardId: string } | { text: string };

/** ODS codes some active RA officer in the console acts for: requests for any other organisation reach nobody. */
export async function coveredOdsCodes(): Promise<string[]> {
  const rows = await db.consoleUserOrganisation.findMany({
    where: { consoleUser: { active: true, role: { in: ["ra_agent", "advanced_ra_agent", "ra_manager"] } } },
    select: { organisation: { select: { odsCode: true } } },
    distinct: ["organisationId"],
  });
  return rows.map((r) => r.organisation.odsCode);
}

export async function isCovered(odsCode: string): Promise<boolean> {
  return (await coveredOdsCodes()).includes(odsCode);
}

async function scopeWhere(scope: InboxScope, unroutedOnly: boolean): Promise<Prisma.AccessRequestWhereInput> {
  const unrouted = scope.all || scope.unroutedToo ? { AND: [{ odsCode: { not: null } }, { odsCode: { notIn: await coveredOdsCodes() } }] } : null;
  if (unroutedOnly) return unrouted ?? { id: "" };
  if (scope.all) return {};
  return { OR: [{ odsCode: { in: scope.odsCodes } }, { odsCode: null }, ...(unrouted ? [unrouted] : [])] };
}

const searchWords = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
// The database's `contains` is a LIKE without ESCAPE, where % and _ are wildcards: it is given only the pieces
// between them (a wider net), and matchesSearch then keeps the rows that really contain what was typed.
const SEARCH_SCAN = 1000;

function searchWhere(search: InboxSearch | undefined): Prisma.AccessRequestWhereInput {
  if (!search) return {};
  if ("reference" in search) return { reference: search.reference };
  if ("smartcardId" in search) return { smartcardId: search.smartcardId };
  const pieces = searchWords(search.text).flatMap((word) => word.split(/[%_]/)).filter(Boolean);
  return { AND: pieces.map((piece) => ({ OR: [{ name: containsIgnoringCase(piece) }, { email: containsIgnoringCase(piece) }] })) };
}

function matchesSearch(row: { name: string; email: string }, search: InboxSearch | undefined): boolean {
  if (!search || !("text" in search)) return true;
  const name = row.name.toLowerCase();
  const email = row.email.toLowerCase();
  return searchWords(search.text).every((word) => name.includes(word) || email.includes(word));
}

/** Oldest first: the queue is worked from the longest-waiting request. Keyset on (createdAt, id). */
export async function listRequests(scope: InboxScope, filter: InboxFilter) {
  const limit = filter.limit ?? 50;
  const after = filter.cursor ? decodeCursor(filter.cursor) : null;
  const where: Prisma.AccessRequestWhereInput = {
    AND: [
      await scopeWhere(scope, filter.unrouted ?? false),
      // A search finds closed requests too: the requester may quote an old reference.
      filter.status ? { status: filter.status } : filter.search ? {} : { status: { in: openStatuses } },
      filter.category ? { category: filter.category } : {},
      filter.odsCode ? { odsCode: filter.odsCode } : {},
      filter.assignedToId ? { assignedToId: filter.assignedToId } : {},
      searchWhere(filter.search),
      after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {},
    ],
  };
  const textSearch = filter.search !== undefined && "text" in filter.search;
  const found = await db.accessRequest.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    // A text search reads a bounded window and keeps true matches (see searchWhere).
    take: textSearch ? SEARCH_SCAN : limit + 1,
    include: { assignedTo: { select: { name: true } } },
  });
  const rows = found.filter((row) => matchesSearch(row, filter.search)).slice(0, limit + 1);
  const requests = rows.slice(0, limit);
  const last = requests.at(-1);
  return { requests, nextCursor: rows.length > limit && last ? `${last.createdAt.getTime()}_${last.id}` : null };
}

/** The request to work after this one: the longest-waiting open request in scope that is unassigned or the officer's own. */
export async function nextRequestAfter(scope: InboxScope, currentId: string, officerId: number) {
  return db.accessRequest.findFirst({
    where: {
      AND: [await scopeWhere(scope, false), { status: { in: ["new", "in_progress"] } }, { id: { not: currentId } }, { OR: [{ assignedToId: null }, { assignedToId: officerId }] }],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, reference: true },
  });
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const match = /^(\d{1,15})_([0-9a-f-]{36})$/.exec(cursor);
  return match ? { createdAt: new Date(Number(match[1])), id: match[2]! } : null;
}

export async function countRequestsByStatus(scope: InboxScope): Promise<Record<RequestStatus, number>> {
  const groups = await db.accessRequest.groupBy({ by: ["status"], where: await scopeWhere(scope, false), _count: { _all: true } });
  const counts = Object.fromEntries(requestStatuses.map((s) => [s, 0])) as Record<RequestStatus, number>;
  for (const g of groups) if (g.status in counts) counts[g.status as RequestStatus] = g._count._all;
  return counts;
}

/** Open requests for organisations no RA officer covers: the size of the RA managers' routing queue. */
export async function countUnrouted(): Promise<number> {
  return db.accessRequest.count({ where: { AND: [await scopeWhere({ all: true }, true), { status: { in: openStatuses } }] } });
}

export type RequestUpdate = {
  id: string;
  version: number;
  status?: RequestStatus;
  assignedToId?: number | null;
  reply?: string;
  rejectionReason?: string;
  smartcardId?: string;
  odsCode?: string;
  // What the officer needs from the requester, sent with "Waiting for requester".
  message?: string;
};

/**
 * Status changes, assignment and corrections, audited like any other change and guarded by the request's
 * version. A change of status queues exactly one email to the requester in the same transaction, and
 * "waiting for requester" stops the service-level clock until the request leaves it.
 */
export async function updateRequest(actor: Actor & { id: number; name?: string | null }, update: RequestUpdate) {
  return auditedChange(actor, async (tx) => {
    const before = await tx.accessRequest.findUnique({ where: { id: update.id }, include: { assignedTo: { select: { email: true } } } });
    if (!before) throw notFound("There is no request with that reference.");
    const now = new Date();
    const statusChanged = update.status !== undefined && update.status !== before.status;
    const closing = update.status === "resolved" || update.status === "rejected";
    const pause = !statusChanged
      ? {}
      : update.status === "waiting"
        ? { slaPausedAt: now }
        : before.status === "waiting" && before.slaPausedAt
          ? resumeClock(before, now)
          : {};
    const claimed = await tx.accessRequest.updateMany({
      where: { id: update.id, version: update.version },
      data: {
        version: { increment: 1 },
        ...(update.status ? { status: update.status } : {}),
        ...(update.assignedToId !== undefined ? { assignedToId: update.assignedToId } : {}),
        ...(update.reply !== undefined ? { reply: update.reply } : {}),
        ...(update.rejectionReason !== undefined ? { rejectionReason: update.rejectionReason } : {}),
        ...(update.smartcardId !== undefined ? { smartcardId: update.smartcardId } : {}),
        ...(update.odsCode !== undefined ? { odsCode: update.odsCode } : {}),
        // Reopening clears what the closing said, so a later email never quotes an earlier resolution.
        ...(closing
          ? { closedAt: now, closedById: actor.id, ...(update.status === "rejected" && update.reply === undefined ? { reply: null } : {}) }
          : statusChanged && (before.status === "resolved" || before.status === "rejected")
            ? { closedAt: null, closedById: null, ...(update.reply === undefined ? { reply: null } : {}), ...(update.rejectionReason === undefined ? { rejectionReason: null } : {}) }
            : update.status
              ? { closedAt: null, closedById: null }
              : {}),
        ...pause,
      },
    });
    if (claimed.count !== 1) throw requestChanged();
    const after = await tx.accessRequest.findUniqueOrThrow({ where: { id: update.id }, include: { assignedTo: { select: { email: true } } } });
    const message = statusChanged && update.status === "waiting" && update.message ? update.message : null;
    if (message) {
      await tx.requestNote.create({ data: { id: randomUUID(), requestId: after.id, kind: "to_requester", authorId: actor.id, authorName: actor.name ?? actor.email, text: message } });
    }
    if (statusChanged) await queueStatusEmail(tx, after, message);
    const view = (r: typeof before) => ({ status: r.status, assignedTo: r.assignedTo?.email ?? null, smartcardId: r.smartcardId, odsCode: r.odsCode });
    return {
      result: after,
      audit: {
        action: "request.updated",
        requestId: after.id,
        smartcardId: after.smartcardId,
        odsCode: after.odsCode,
        before: view(before),
        after: view(after),
        reason: update.rejectionReason ?? (update.reply && closing ? `Reply: ${update.reply}` : message ? `Asked the requester: ${message}` : null),
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

/** Names and emails of the profiles a page of requests points at, in one query, for the inbox's identity column. */
export async function profilesForRequests(smartcardIds: (string | null)[]) {
  const wanted = [...new Set(smartcardIds.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map<string, { name: string; email: string | null }>();
  const rows = await db.person.findMany({ where: { smartcardId: { in: wanted } }, select: { smartcardId: true, name: true, email: true } });
  return new Map(rows.map((r) => [r.smartcardId, { name: r.name, email: r.email }]));
}

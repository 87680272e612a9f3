import "server-only";
import { db, LOCK, writeTransaction } from "./db";
import { requestIdFor, requestReferences } from "./requests";
import { accessLogHash, GENESIS_HASH } from "./audit-chain";
import { checkpointAfterWrite } from "@/lib/audit/auto-checkpoint";
import type { Prisma } from "@/generated/prisma/client";
import type { AuditFilter } from "@/lib/validations/audit";
import type { ConsoleActor } from "@/lib/auth/rules";

export type AuditEventRow = Awaited<ReturnType<typeof db.auditEvent.findFirstOrThrow>>;
/** An exported event, with its request's reference (CSMS-…) when it has one. */
export type ExportedAuditEvent = AuditEventRow & { requestReference: string | null };

type IdWindow = { gte?: number; lte?: number } | "empty";

/**
 * Events are appended with non-decreasing times, so the events in a date range are one run of ids.
 * Two index look-ups find its ends; the page is then a bounded primary-key scan instead of a search
 * through every newer event.
 */
/** Auditors filter by the reference they see (CSMS-…); events store the request's id. */
async function withRequestId(filter: AuditFilter): Promise<AuditFilter> {
  return filter.requestId ? { ...filter, requestId: await requestIdFor(filter.requestId) } : filter;
}

async function idWindow(filter: AuditFilter): Promise<IdWindow> {
  if (!filter.from && !filter.to) return {};
  const [first, last] = await Promise.all([
    filter.from ? db.auditEvent.findFirst({ where: { occurredAt: { gte: filter.from } }, orderBy: { occurredAt: "asc" }, select: { id: true } }) : null,
    filter.to ? db.auditEvent.findFirst({ where: { occurredAt: { lte: filter.to } }, orderBy: { occurredAt: "desc" }, select: { id: true } }) : null,
  ]);
  if ((filter.from && !first) || (filter.to && !last)) return "empty";
  return { ...(first ? { gte: first.id } : {}), ...(last ? { lte: last.id } : {}) };
}

function auditWhere(filter: AuditFilter, window: IdWindow, before?: number): Prisma.AuditEventWhereInput {
  if (window === "empty") return { id: { lt: 0 } };
  const id = { ...window, ...(before ? { lt: before } : {}) };
  return {
    ...(Object.keys(id).length ? { id } : {}),
    ...(filter.smartcardId ? { smartcardId: filter.smartcardId } : {}),
    ...(filter.actor ? { actorEmail: filter.actor } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.odsCode ? { odsCode: filter.odsCode } : {}),
    ...(filter.requestId ? { requestId: filter.requestId } : {}),
    // The batch is kept inside the event's safeguards (in the keyed hash), not in a column of its own.
    ...(filter.batchId ? { safeguards: { contains: `"batch":{"id":"${filter.batchId}"` } } : {}),
    ...(filter.from || filter.to ? { occurredAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
  };
}

/** Newest first, keyset-paginated on the primary key so a deep page costs what the first one does. */
export async function listAuditEvents(query: AuditFilter): Promise<{ events: AuditEventRow[]; nextCursor: number | null }> {
  const filter = await withRequestId(query);
  const limit = filter.limit ?? 50;
  const rows = await db.auditEvent.findMany({ where: auditWhere(filter, await idWindow(filter), filter.cursor), orderBy: { id: "desc" }, take: limit + 1 });
  const events = rows.slice(0, limit);
  return { events, nextCursor: rows.length > limit ? (events.at(-1)?.id ?? null) : null };
}

/** Every matching event, newest first, fetched a batch at a time so memory stays flat however many there are. */
export async function* streamAuditEvents(query: AuditFilter, batchSize = 1000): AsyncGenerator<ExportedAuditEvent> {
  const filter = await withRequestId(query);
  let before = filter.cursor;
  const window = await idWindow(filter);
  for (;;) {
    const batch = await db.auditEvent.findMany({ where: auditWhere(filter, window, before), orderBy: { id: "desc" }, take: batchSize });
    const references = await requestReferences(batch.map((e) => e.requestId));
    yield* batch.map((e) => ({ ...e, requestReference: e.requestId ? (references[e.requestId] ?? null) : null }));
    if (batch.length < batchSize) return;
    before = batch.at(-1)!.id;
  }
}

export async function findAuditEvent(id: number): Promise<AuditEventRow | null> {
  // Ids are 32-bit: PostgreSQL would refuse a larger one with an error rather than find nothing.
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return null;
  return db.auditEvent.findUnique({ where: { id } });
}

export async function personHistory(smartcardId: string, limit = 20): Promise<AuditEventRow[]> {
  return db.auditEvent.findMany({ where: { smartcardId }, orderBy: { id: "desc" }, take: limit });
}

type ProfileView = { actor: ConsoleActor; person: { id: number; smartcardId: string; name: string }; via: "page" | "api"; occurredAt: Date };
type Waiting = { view: ProfileView; done: (error?: unknown) => void };

let waiting: Waiting[] = [];
let flushing: Promise<void> | null = null;
// One transaction holds at most this many views (keeps a transaction short when a burst arrives).
const MAX_VIEWS_PER_COMMIT = 200;

/**
 * Looking at a profile is recorded in the access log, apart from the change log, on a keyed hash chain of its
 * own (read the last row, append the next ids), so a view edited, removed or rewritten in the database shows.
 *
 * Group commit: the views that arrive while one commit is in flight are written together by the next one, so
 * eight readers at once cost one durable commit rather than eight. Every caller still waits for the commit
 * holding its own row, so no profile is shown whose view is not in the log; if that commit fails, each of its
 * readers gets the error and nothing of it is written.
 */
export function recordProfileView(actor: ConsoleActor, person: { id: number; smartcardId: string; name: string }, via: "page" | "api"): Promise<void> {
  return new Promise((resolve, reject) => {
    waiting.push({ view: { actor, person, via, occurredAt: new Date() }, done: (error) => (error === undefined ? resolve() : reject(error)) });
    flushing ??= flushViews().finally(() => (flushing = null));
  });
}

async function flushViews(): Promise<void> {
  while (waiting.length > 0) {
    const batch = waiting.slice(0, MAX_VIEWS_PER_COMMIT);
    waiting = waiting.slice(batch.length);
    try {
      await appendViews(batch.map((w) => w.view));
    } catch (error) {
      for (const w of batch) w.done(error ?? new Error("The access log was not written."));
      continue;
    }
    await checkpointAfterWrite();
    for (const w of batch) w.done();
  }
}

async function appendViews(views: ProfileView[]): Promise<void> {
  await writeTransaction([LOCK.accessLog], async (tx) => {
    const [last] = await tx.$queryRaw<{ id: number | bigint; hash: string }[]>`SELECT "id", "hash" FROM "AccessLogEntry" ORDER BY "id" DESC LIMIT 1`;
    // Rows from before the chain have no hash: the first chained row starts from the genesis hash.
    let prevHash = last?.hash || GENESIS_HASH;
    let id = Number(last?.id ?? 0);
    const rows = views.map(({ actor, person, via, occurredAt }) => {
      const fields = { id: ++id, occurredAt, actorId: actor.id, actorEmail: actor.email, personId: person.id, smartcardId: person.smartcardId, personName: person.name, via };
      const row = { ...fields, prevHash, hash: accessLogHash(prevHash, fields) };
      prevHash = row.hash;
      return row;
    });
    await tx.accessLogEntry.createMany({ data: rows });
  });
}

export async function listAccessLog(filter: AuditFilter) {
  const limit = filter.limit ?? 50;
  const rows = await db.accessLogEntry.findMany({
    where: {
      ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
      ...(filter.smartcardId ? { smartcardId: filter.smartcardId } : {}),
      ...(filter.actor ? { actorEmail: filter.actor } : {}),
      ...(filter.from || filter.to ? { occurredAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const entries = rows.slice(0, limit);
  return { entries, nextCursor: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
}

/** The newest id: a cheap stand-in for the count (ids only grow), where COUNT(*) would scan millions of rows. */
export async function approximateAuditEventCount(): Promise<number> {
  return (await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
}

/** Changes made in answer to one request, oldest first (what the reply tells the requester). */
export async function personHistoryForRequest(requestId: string): Promise<AuditEventRow[]> {
  return db.auditEvent.findMany({ where: { requestId }, orderBy: { id: "asc" }, take: 200 });
}

import "server-only";
import { db } from "./db";
import { chainHash, GENESIS_HASH } from "./audit-chain";
import type { Checkpoint } from "@/lib/audit/checkpoint";

export type VerifyResult = { ok: boolean; checked: number; firstBadEventId: string | null; problem: string | null };

const BATCH = 5000;

/**
 * Walks the whole chain in id order, recomputing each keyed hash. An edited row, a row removed from the
 * middle or a re-chained forgery without the key all break it; removing the newest rows is caught
 * against the latest checkpoint written outside the database.
 */
export async function verifyAuditChain(checkpoint: Checkpoint | null): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let after = 0;
  let lastId = 0;
  let hashAtCheckpoint: string | null = null;
  for (;;) {
    const batch = await db.auditEvent.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: BATCH });
    for (const event of batch) {
      if (event.prevHash !== prevHash) {
        return { ok: false, checked, firstBadEventId: String(event.id), problem: "The event does not follow on from the one before it: an event was removed or changed." };
      }
      if (chainHash(prevHash, event) !== event.hash) {
        return { ok: false, checked, firstBadEventId: String(event.id), problem: "The event's contents do not match its hash: it was edited." };
      }
      prevHash = event.hash;
      checked++;
      lastId = event.id;
      if (checkpoint && event.id === checkpoint.lastId) hashAtCheckpoint = event.hash;
    }
    if (batch.length < BATCH) break;
    after = batch.at(-1)!.id;
  }
  if (checkpoint) {
    if (checked < checkpoint.count || lastId < checkpoint.lastId || hashAtCheckpoint === null) {
      return {
        ok: false,
        checked,
        firstBadEventId: String(checkpoint.lastId),
        problem: `The log ends before the checkpoint of ${checkpoint.at} (${checkpoint.count} events up to event ${checkpoint.lastId}): events were deleted.`,
      };
    }
    if (hashAtCheckpoint !== checkpoint.lastHash) {
      return { ok: false, checked, firstBadEventId: String(checkpoint.lastId), problem: "The event at the checkpoint differs from the one recorded then." };
    }
  }
  return { ok: true, checked, firstBadEventId: null, problem: null };
}

/** The chain head as it is now, for a checkpoint. */
export async function auditChainHead(): Promise<Omit<Checkpoint, "at">> {
  const [count, last] = await Promise.all([
    db.auditEvent.count(),
    db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } }),
  ]);
  return { count, lastId: last?.id ?? 0, lastHash: last?.hash ?? GENESIS_HASH };
}

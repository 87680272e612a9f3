import "server-only";
import { db } from "./db";

export type RateLimit = { key: string; limit: number; windowMs: number };

/** Rows under keys starting with this are state their owner clears itself (sign-in failures not yet summarised), never swept here. */
export const HELD_KEY_PREFIX = "held:";

/**
 * Counts this attempt against every limit, in one transaction; refused attempts are not counted,
 * so a blocked client is let in again once its window has passed.
 */
export async function takeRateLimit(
  limits: RateLimit[],
  now = new Date(),
): Promise<{ allowed: true; hitIds: number[] } | { allowed: false; key: string; retryAfterSeconds: number }> {
  return db.$transaction(async (tx) => {
    for (const { key, limit, windowMs } of limits) {
      const since = new Date(now.getTime() - windowMs);
      const hits = await tx.rateLimitHit.findMany({ where: { key, at: { gt: since } }, orderBy: { at: "asc" }, take: limit, select: { at: true } });
      if (hits.length >= limit) {
        const oldest = hits[0]!.at.getTime();
        return { allowed: false, key, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now.getTime()) / 1000)) };
      }
    }
    const hits = await tx.rateLimitHit.createManyAndReturn({ data: limits.map(({ key }) => ({ key, at: now })), select: { id: true } });
    // Old hits are worthless; clearing them as we go keeps the table small without a scheduler.
    const longest = Math.max(...limits.map((l) => l.windowMs));
    await tx.rateLimitHit.deleteMany({
      where: { at: { lt: new Date(now.getTime() - longest * 2) }, NOT: { key: { startsWith: HELD_KEY_PREFIX } } },
    });
    return { allowed: true, hitIds: hits.map((hit) => hit.id) };
  });
}

/** Gives back the places an attempt took, when it should not count after all (a sign-in that succeeded). */
export async function giveBackRateLimit(hitIds: number[]): Promise<void> {
  await db.rateLimitHit.deleteMany({ where: { id: { in: hitIds } } });
}

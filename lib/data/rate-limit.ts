import "server-only";
import { db } from "./db";

export type RateLimit = { key: string; limit: number; windowMs: number };

/**
 * Counts this attempt against every limit, in one transaction; refused attempts are not counted,
 * so a blocked client is let in again once its window has passed.
 */
export async function takeRateLimit(
  limits: RateLimit[],
  now = new Date(),
): Promise<{ allowed: true } | { allowed: false; key: string; retryAfterSeconds: number }> {
  return db.$transaction(async (tx) => {
    for (const { key, limit, windowMs } of limits) {
      const since = new Date(now.getTime() - windowMs);
      const hits = await tx.rateLimitHit.findMany({ where: { key, at: { gt: since } }, orderBy: { at: "asc" }, take: limit, select: { at: true } });
      if (hits.length >= limit) {
        const oldest = hits[0]!.at.getTime();
        return { allowed: false, key, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now.getTime()) / 1000)) };
      }
    }
    await tx.rateLimitHit.createMany({ data: limits.map(({ key }) => ({ key, at: now })) });
    // Old hits are worthless; clearing them as we go keeps the table small without a scheduler.
    const longest = Math.max(...limits.map((l) => l.windowMs));
    await tx.rateLimitHit.deleteMany({ where: { at: { lt: new Date(now.getTime() - longest * 2) } } });
    return { allowed: true };
  });
}

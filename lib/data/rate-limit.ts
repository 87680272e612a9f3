import "server-only";
import { createHash } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { db, LOCK, writeTransaction } from "./db";

export type RateLimit = { key: string; limit: number; windowMs: number };

/** Rows under keys starting with this are state their owner clears itself (sign-in failures not yet summarised), never swept here. */
export const HELD_KEY_PREFIX = "held:";

/**
 * The longest window any limit may have. Old hits are swept against this, never against the windows of the
 * call at hand: a short-window limit (the organisation look-up's minute) must not sweep away the hits an
 * hour-long limit (the public form's) still counts.
 */
export const MAX_WINDOW_MS = 60 * 60 * 1000;

/**
 * Counts this attempt against every limit, in one transaction; refused attempts are not counted,
 * so a blocked client is let in again once its window has passed.
 */
export async function takeRateLimit(
  limits: RateLimit[],
  now = new Date(),
): Promise<{ allowed: true; hitIds: number[] } | { allowed: false; key: string; retryAfterSeconds: number }> {
  const tooLong = limits.find((l) => l.windowMs > MAX_WINDOW_MS || l.windowMs <= 0);
  if (tooLong) throw new Error(`Rate limit ${tooLong.key}: the window must be between 1 ms and ${MAX_WINDOW_MS} ms`);
  return writeTransaction(limits.map((l) => LOCK.rateLimit(l.key)), async (tx) => {
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
    await tx.rateLimitHit.deleteMany({
      where: { at: { lt: new Date(now.getTime() - MAX_WINDOW_MS * 2) }, NOT: { key: { startsWith: HELD_KEY_PREFIX } } },
    });
    return { allowed: true, hitIds: hits.map((hit) => hit.id) };
  });
}

/** Gives back the places an attempt took, when it should not count after all (a sign-in that succeeded). */
export async function giveBackRateLimit(hitIds: number[]): Promise<void> {
  await db.rateLimitHit.deleteMany({ where: { id: { in: hitIds } } });
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);

/** The eight 16-bit groups of an IPv6 address, in full. */
function ipv6Groups(address: string): number[] | null {
  let text = address;
  // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -v4[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * What an address is counted under, hashed so the table holds no addresses: an IPv4 address as it is, an
 * IPv6 address by its /64 network (one subscriber is usually given a whole /64, so counting single IPv6
 * addresses would hand every client 2^64 fresh addresses).
 */
export function addressLimitKey(address: string): string {
  if (isIPv4(address)) return digest(address);
  if (isIPv6(address)) {
    const groups = ipv6Groups(address.split("%")[0]!);
    if (groups) return digest(`${groups.slice(0, 4).map((g) => g.toString(16)).join(":")}::/64`);
  }
  return digest(address);
}

// Providers known to ignore dots in the local part; each name maps to the provider's one canonical domain.
const DOTLESS_DOMAINS: Record<string, string> = { "gmail.com": "gmail.com", "googlemail.com": "gmail.com", "nhs.net": "nhs.net" };

/**
 * One email address however it is written, for per-email limits only (what was typed is what is stored):
 * case, Unicode compatibility forms, a `+tag`, a trailing dot on the domain, and dots in the local part for
 * providers that ignore them all count as the same address.
 */
export function normaliseEmailForLimits(email: string): string {
  const text = email.normalize("NFKC").trim().toLowerCase();
  const at = text.lastIndexOf("@");
  if (at <= 0) return text;
  let local = text.slice(0, at);
  let domain = text.slice(at + 1).replace(/\.+$/, "");
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (domain in DOTLESS_DOMAINS) {
    domain = DOTLESS_DOMAINS[domain]!;
    local = local.replaceAll(".", "") || local;
  }
  return `${local}@${domain}`;
}

/** The per-email limit's key part: the normalised address, hashed so the table holds no email addresses. */
export function emailLimitKey(email: string): string {
  return digest(normaliseEmailForLimits(email));
}

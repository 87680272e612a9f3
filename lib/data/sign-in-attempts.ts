import "server-only";
import { SIGN_IN_POLICY, signInDelayMs } from "@/lib/auth/sign-in-policy";
import { auditedChange, type AuditDraft } from "./audited";
import { db, LOCK, writeTransaction } from "./db";
import { HELD_KEY_PREFIX } from "./rate-limit";

// Sign-in failures are counted in RateLimitHit rows, outside the change log, under held keys that the rate
// limiter's sweep leaves alone; this module clears them itself.
//   failure:<email>            one row per password check that failed or is under way; sets the wait.
//   window:<email>             the open summary window, started by the failure written to the change log.
//   unreported:<kind>:<email>  one row per later failure in that window, until the summary event is written.
const FAILURE = `${HELD_KEY_PREFIX}sign-in:failure:`;
const WINDOW = `${HELD_KEY_PREFIX}sign-in:window:`;
const UNREPORTED = `${HELD_KEY_PREFIX}sign-in:unreported:`;

export const FAILURE_KINDS = {
  wrong_password: "wrong email or password",
  paused: "tried while sign-in was paused",
  incomplete: "sign-in form incomplete",
} as const;
export type FailureKind = keyof typeof FAILURE_KINDS;
const KINDS = Object.keys(FAILURE_KINDS) as FailureKind[];

const unreportedKeys = (label: string) => KINDS.map((kind) => `${UNREPORTED}${kind}:${label}`);
const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

// Thrown inside a transaction to roll it back when another request got there first.
class Overtaken extends Error {}

/**
 * Counts and records a password check for an email in one write transaction, so parallel attempts cannot all
 * read the same count: each either takes its place (a failure row, removed again if the password is right) or
 * is told how long to wait. Unknown emails are treated exactly like known ones.
 */
export async function reservePasswordCheck(
  email: string,
  now: Date,
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const key = `${FAILURE}${email}`;
  return writeTransaction([LOCK.rateLimit(key)], async (tx) => {
    await tx.rateLimitHit.deleteMany({ where: { key, at: { lte: ago(now, SIGN_IN_POLICY.failureMemoryMs) } } });
    const failures = await tx.rateLimitHit.count({ where: { key } });
    const last = await tx.rateLimitHit.findFirst({ where: { key }, orderBy: { at: "desc" }, select: { at: true } });
    const readyAt = last ? last.at.getTime() + signInDelayMs(failures) : 0;
    if (readyAt > now.getTime()) return { allowed: false, retryAfterSeconds: Math.ceil((readyAt - now.getTime()) / 1000) };
    await tx.rateLimitHit.create({ data: { key, at: now } });
    return { allowed: true };
  });
}

function summary(label: string, rows: { key: string; at: Date }[]): AuditDraft {
  const counted = (kind: FailureKind) => rows.filter((row) => row.key === `${UNREPORTED}${kind}:${label}`).length;
  const parts = KINDS.filter((kind) => counted(kind) > 0).map((kind) => `${counted(kind)} ${FAILURE_KINDS[kind]}`);
  const times = rows.map((row) => row.at.getTime());
  const first = new Date(Math.min(...times)).toISOString();
  const last = new Date(Math.max(...times)).toISOString();
  const n = rows.length;
  return {
    action: "security.sign_in_failed",
    reason: `${n} more failed sign-in${n === 1 ? "" : "s"} after the one recorded before: ${parts.join(", ")} (from ${first} to ${last})`,
  };
}

/** Closes a summary window: one event for the failures counted in it (none if there were none). */
async function closeWindow(label: string): Promise<void> {
  const windowKey = `${WINDOW}${label}`;
  const pendingKeys = unreportedKeys(label);
  // Two tries are enough: a retry happens only when a parallel request summarised the same rows first.
  for (let attempt = 0; attempt < 2; attempt++) {
    const closed = await writeTransaction([LOCK.signIn(label)], async (tx) => {
      if ((await tx.rateLimitHit.count({ where: { key: { in: pendingKeys } } })) > 0) return false;
      await tx.rateLimitHit.deleteMany({ where: { key: windowKey } });
      return true;
    });
    if (closed) return;
    try {
      await auditedChange({ id: null, email: label }, async (tx) => {
        const rows = await tx.rateLimitHit.findMany({ where: { key: { in: pendingKeys } }, select: { id: true, key: true, at: true } });
        if (rows.length === 0) throw new Overtaken();
        await tx.rateLimitHit.deleteMany({ where: { OR: [{ id: { in: rows.map((row) => row.id) } }, { key: windowKey }] } });
        return { result: undefined, audit: summary(label, rows) };
      }, { locks: [LOCK.signIn(label)] });
      return;
    } catch (error) {
      if (!(error instanceof Overtaken)) throw error;
    }
  }
}

// Closing windows as sign-ins happen needs no scheduler; a few at a time keeps any one attempt quick.
const WINDOWS_CLOSED_PER_ATTEMPT = 10;

/** Writes the summaries of windows that have run their time (this email's first), and forgets old failures. */
async function closeEndedWindows(label: string, now: Date): Promise<void> {
  const endedBefore = ago(now, SIGN_IN_POLICY.summaryWindowMs);
  const own = await db.rateLimitHit.findFirst({ where: { key: `${WINDOW}${label}`, at: { lte: endedBefore } }, select: { key: true } });
  const others = await db.rateLimitHit.findMany({
    where: { key: { startsWith: WINDOW }, at: { lte: endedBefore } },
    orderBy: { at: "asc" },
    take: WINDOWS_CLOSED_PER_ATTEMPT,
    select: { key: true },
  });
  const labels = new Set([...(own ? [own.key] : []), ...others.map((row) => row.key)].map((key) => key.slice(WINDOW.length)));
  for (const ended of labels) await closeWindow(ended);
  await db.rateLimitHit.deleteMany({ where: { key: { startsWith: FAILURE }, at: { lte: ago(now, SIGN_IN_POLICY.failureMemoryMs) } } });
}

/**
 * Records a failed sign-in for what was typed as the email (`label`, already made safe to record). The first
 * in a window is a `security.sign_in_failed` event of its own; later ones are only counted until the window
 * is summarised, so a flood of attempts cannot flood the change log.
 */
export async function recordSignInFailure(label: string, kind: FailureKind, reason: string, now: Date): Promise<void> {
  await closeEndedWindows(label, now);
  const windowKey = `${WINDOW}${label}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    const counted = await writeTransaction([LOCK.signIn(label)], async (tx) => {
      if (!(await tx.rateLimitHit.findFirst({ where: { key: windowKey }, select: { id: true } }))) return false;
      await tx.rateLimitHit.create({ data: { key: `${UNREPORTED}${kind}:${label}`, at: now } });
      return true;
    });
    if (counted) return;
    try {
      await auditedChange({ id: null, email: label }, async (tx) => {
        if (await tx.rateLimitHit.findFirst({ where: { key: windowKey }, select: { id: true } })) throw new Overtaken();
        await tx.rateLimitHit.create({ data: { key: windowKey, at: now } });
        return { result: undefined, audit: { action: "security.sign_in_failed", reason } };
      }, { locks: [LOCK.signIn(label)] });
      return;
    } catch (error) {
      if (!(error instanceof Overtaken)) throw error;
    }
  }
}

/** After the right password: the email's failures are forgotten and its open window is summarised now. */
export async function recordSignInSuccess(email: string, label: string, now: Date): Promise<void> {
  await db.rateLimitHit.deleteMany({ where: { key: `${FAILURE}${email}` } });
  await closeEndedWindows(label, now);
  await closeWindow(label);
}

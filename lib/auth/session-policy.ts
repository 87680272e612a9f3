// Session lifetime: at most 8 hours from sign-in, and ended after SESSION_IDLE_MINUTES (default 30) without a
// request. The server decides with these rules; the browser is only told the resulting expiry to warn before it.
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60 * 1000;
// Touching lastSeenAt on every request would make every read a write; a minute's slack is harmless.
export const SESSION_TOUCH_MS = 60 * 1000;

export const DEFAULT_IDLE_MINUTES = 30;
// The browser warns two minutes ahead, so a shorter limit would warn at once; longer than the absolute limit is meaningless.
const MIN_IDLE_MINUTES = 3;
const MAX_IDLE_MINUTES = SESSION_ABSOLUTE_MS / 60_000;

/** The idle limit from its environment setting; a wrong value stops the server rather than silently weakening sessions. */
export function idleMinutesFrom(raw: string | undefined): number {
  const text = raw?.trim();
  if (!text) return DEFAULT_IDLE_MINUTES;
  const minutes = Number(text);
  if (!/^\d+$/.test(text) || minutes < MIN_IDLE_MINUTES || minutes > MAX_IDLE_MINUTES) {
    throw new Error(`SESSION_IDLE_MINUTES must be a whole number of minutes from ${MIN_IDLE_MINUTES} to ${MAX_IDLE_MINUTES}; it is "${text}".`);
  }
  return minutes;
}

export const SESSION_IDLE_MINUTES = idleMinutesFrom(process.env.SESSION_IDLE_MINUTES);
export const SESSION_IDLE_MS = SESSION_IDLE_MINUTES * 60_000;

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; endedAt: Date | null };

/** When the session ends if nothing else happens: the idle limit or the absolute limit, whichever comes first. */
export function sessionExpiresAt(session: Omit<SessionTimes, "endedAt">): Date {
  return new Date(Math.min(session.lastSeenAt.getTime() + SESSION_IDLE_MS, session.createdAt.getTime() + SESSION_ABSOLUTE_MS));
}

export function sessionIsLive(session: SessionTimes, now: Date): boolean {
  return !session.endedAt && now.getTime() <= sessionExpiresAt(session).getTime();
}

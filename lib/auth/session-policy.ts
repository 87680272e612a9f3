// Session lifetime: at most 8 hours from sign-in, and ended after 30 minutes without activity.
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
// Touching lastSeenAt on every request would make every read a write; a minute's slack is harmless.
export const SESSION_TOUCH_MS = 60 * 1000;

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; endedAt: Date | null };

export function sessionIsLive(session: SessionTimes, now: Date): boolean {
  if (session.endedAt) return false;
  if (now.getTime() - session.createdAt.getTime() > SESSION_ABSOLUTE_MS) return false;
  return now.getTime() - session.lastSeenAt.getTime() <= SESSION_IDLE_MS;
}

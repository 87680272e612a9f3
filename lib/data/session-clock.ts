import "server-only";
import { db } from "./db";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionExpiresAt, sessionIsLive } from "@/lib/auth/session-policy";

/**
 * When a live session of an active console user ends if nothing else happens; null when it is over already.
 * Only reads: asking when the session ends must not itself keep the session alive.
 */
export async function sessionExpiry(sessionId: string, now = new Date()): Promise<Date | null> {
  const session = await db.consoleSession.findUnique({
    where: { id: sessionId },
    select: { createdAt: true, lastSeenAt: true, endedAt: true, consoleUser: { select: { active: true } } },
  });
  if (!session || !session.consoleUser.active || !sessionIsLive(session, now)) return null;
  return sessionExpiresAt(session);
}

/**
 * Restarts the idle clock of a live session ("Stay signed in") and returns its new expiry; null when the session
 * is over. One conditional update, so a session that expires meanwhile is never revived. This is the same
 * bookkeeping write every request makes (actorForSession), not a change to anyone's access: it is not audited.
 */
export async function extendSession(sessionId: string, now = new Date()): Promise<Date | null> {
  const updated = await db.consoleSession.updateMany({
    where: {
      id: sessionId,
      endedAt: null,
      lastSeenAt: { gte: new Date(now.getTime() - SESSION_IDLE_MS) },
      createdAt: { gte: new Date(now.getTime() - SESSION_ABSOLUTE_MS) },
      consoleUser: { active: true },
    },
    data: { lastSeenAt: now },
  });
  return updated.count === 0 ? null : sessionExpiry(sessionId, now);
}

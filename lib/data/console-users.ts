import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "./db";
import { passwordMatches } from "./password-check";
import type { ConsoleActor, ConsoleRole } from "@/lib/auth/rules";
import { sessionIsLive, SESSION_TOUCH_MS } from "@/lib/auth/session-policy";

/** Checks a password; null on any mismatch so callers cannot tell unknown emails from wrong passwords. */
export async function checkPassword(email: string, password: string): Promise<{ id: number; email: string; name: string } | null> {
  const user = await db.consoleUser.findUnique({ where: { email: email.toLowerCase() } });
  const usable = user?.active && user.passwordHash ? user : null;
  // An unknown or inactive account still costs a full password check (against a dummy hash).
  const ok = await passwordMatches(usable?.passwordHash ?? null, password);
  return ok && usable ? { id: usable.id, email: usable.email, name: usable.name } : null;
}

export async function findActiveUserByEmail(email: string) {
  return db.consoleUser.findFirst({ where: { email: email.toLowerCase(), active: true }, select: { id: true, email: true, name: true } });
}

export async function startSession(consoleUserId: number): Promise<string> {
  const session = await db.consoleSession.create({ data: { id: randomUUID(), consoleUserId } });
  return session.id;
}

/** Ends a session; returns its user when it was still open (so sign-out is recorded once). */
export async function endSession(sessionId: string): Promise<{ id: number; email: string; name: string } | null> {
  const ended = await db.consoleSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date() } });
  if (ended.count === 0) return null;
  const session = await db.consoleSession.findUnique({ where: { id: sessionId }, select: { consoleUser: { select: { id: true, email: true, name: true } } } });
  return session?.consoleUser ?? null;
}

/**
 * The console user behind a session, with role and organisations read fresh from the database,
 * so a revoked role or organisation stops working at once. Null when the session is over.
 */
export async function actorForSession(sessionId: string, now = new Date()): Promise<ConsoleActor | null> {
  const session = await db.consoleSession.findUnique({
    where: { id: sessionId },
    include: {
      consoleUser: {
        include: {
          organisations: { select: { organisation: { select: { odsCode: true } } } },
          person: { select: { smartcardId: true } },
        },
      },
    },
  });
  if (!session || !sessionIsLive(session, now) || !session.consoleUser.active) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await db.consoleSession.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  const user = session.consoleUser;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as ConsoleRole,
    odsCodes: user.organisations.map((link) => link.organisation.odsCode),
    ownSmartcardId: user.person?.smartcardId ?? null,
  };
}

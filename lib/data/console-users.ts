import "server-only";
import { randomUUID } from "node:crypto";
import { db, LOCK, writeTransaction, type Tx } from "./db";
import { auditedChange, recordSecurityEvent, type Actor } from "./audited";
import { passwordMatches } from "./password-check";
import { sqlBool, sqlDate, sqlInt, type SqlDate } from "./raw-values";
import type { ConsoleActor, ConsoleRole } from "@/lib/auth/rules";
import { sessionIsLive, SESSION_TOUCH_MS } from "@/lib/auth/session-policy";

/** Live sessions one console user may hold; signing in once more ends the oldest beyond this. */
export const MAX_LIVE_SESSIONS = 10;

type UserRef = { id: number; email: string; name: string };
const userRef = { id: true, email: true, name: true } as const;

/** Checks a password; null on any mismatch so callers cannot tell unknown emails from wrong passwords. */
export async function checkPassword(email: string, password: string): Promise<UserRef | null> {
  const user = await db.consoleUser.findUnique({ where: { email: email.toLowerCase() } });
  const usable = user?.active && user.passwordHash ? user : null;
  // An unknown or inactive account still costs a full password check (against a dummy hash).
  const ok = await passwordMatches(usable?.passwordHash ?? null, password);
  return ok && usable ? { id: usable.id, email: usable.email, name: usable.name } : null;
}

export async function findActiveUserByEmail(email: string): Promise<UserRef | null> {
  return db.consoleUser.findFirst({ where: { email: email.toLowerCase(), active: true }, select: userRef });
}

export async function findActiveUserById(id: number): Promise<UserRef | null> {
  if (!Number.isSafeInteger(id)) return null;
  return db.consoleUser.findFirst({ where: { id, active: true }, select: userRef });
}

/** The active console user an OIDC subject is linked to (set at their first sign-in through the provider). */
export async function findActiveUserByOidcSubject(subject: string): Promise<UserRef | null> {
  if (!subject) return null;
  return db.consoleUser.findFirst({ where: { oidcSubject: subject, active: true }, select: userRef });
}

/**
 * Opens a session. A user keeps at most MAX_LIVE_SESSIONS live ones: beyond that the oldest are ended, and
 * sessions already over (idle or too old) but never ended are closed on the way.
 */
export async function startSession(consoleUserId: number, now = new Date()): Promise<string> {
  return writeTransaction([LOCK.sessions(consoleUserId)], async (tx) => {
    const session = await tx.consoleSession.create({ data: { id: randomUUID(), consoleUserId, createdAt: now, lastSeenAt: now } });
    const open = await tx.consoleSession.findMany({
      where: { consoleUserId, endedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { id: true, createdAt: true, lastSeenAt: true, endedAt: true },
    });
    const live = open.filter((s) => s.id === session.id || sessionIsLive(s, now));
    // The new session always stays, whatever the clock says about the others.
    const keep = new Set([session.id, ...live.filter((s) => s.id !== session.id).slice(0, MAX_LIVE_SESSIONS - 1).map((s) => s.id)]);
    const toEnd = open.filter((s) => !keep.has(s.id)).map((s) => s.id);
    if (toEnd.length > 0) await tx.consoleSession.updateMany({ where: { id: { in: toEnd }, endedAt: null }, data: { endedAt: now } });
    return session.id;
  });
}

/** Ends a session; returns its user when it was still open (so sign-out is recorded once). */
export async function endSession(sessionId: string): Promise<UserRef | null> {
  const ended = await db.consoleSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date() } });
  if (ended.count === 0) return null;
  const session = await db.consoleSession.findUnique({ where: { id: sessionId }, select: { consoleUser: { select: userRef } } });
  return session?.consoleUser ?? null;
}

export type LiveSession = { startedAt: Date; lastSeenAt: Date };

/** Each console user's live sessions, newest first (the session ids, which are credentials, stay here). */
export async function listLiveSessions(consoleUserIds: number[], now = new Date()): Promise<Map<number, LiveSession[]>> {
  const open = await db.consoleSession.findMany({
    where: { consoleUserId: { in: consoleUserIds }, endedAt: null },
    orderBy: { createdAt: "desc" },
    select: { consoleUserId: true, createdAt: true, lastSeenAt: true, endedAt: true },
  });
  const byUser = new Map<number, LiveSession[]>();
  for (const s of open) {
    if (!sessionIsLive(s, now)) continue;
    byUser.set(s.consoleUserId, [...(byUser.get(s.consoleUserId) ?? []), { startedAt: s.createdAt, lastSeenAt: s.lastSeenAt }]);
  }
  return byUser;
}

/** Ends every open session of a console user at once ("sign out everywhere"), audited; returns how many were live. */
export function endAllSessions(actor: Actor, consoleUserId: number, now = new Date()): Promise<number> {
  return auditedChange(actor, async (tx) => {
    const user = await tx.consoleUser.findUniqueOrThrow({ where: { id: consoleUserId }, select: userRef });
    const open = await tx.consoleSession.findMany({ where: { consoleUserId, endedAt: null }, select: { id: true, createdAt: true, lastSeenAt: true, endedAt: true } });
    const live = open.filter((s) => sessionIsLive(s, now)).length;
    await tx.consoleSession.updateMany({ where: { consoleUserId, endedAt: null }, data: { endedAt: now } });
    return {
      result: live,
      audit: {
        action: "console_user.signed_out_everywhere",
        before: { email: user.email, liveSessions: live },
        after: { email: user.email, liveSessions: 0 },
        reason: `Every session of ${user.email} ended (${live} live)`,
      },
    };
  });
}

/**
 * The console user behind a session, with role and organisations read fresh from the database,
 * so a revoked role or organisation stops working at once. Null when the session is over.
 */
type SessionActorRow = {
  createdAt: SqlDate;
  lastSeenAt: SqlDate;
  endedAt: SqlDate | null;
  userId: number | bigint;
  email: string;
  name: string;
  role: string;
  active: boolean | number | bigint;
  smartcardId: string | null;
  odsCode: string | null;
};

/**
 * The console user behind a session, fresh from the database on every request (a revoked role stops at once).
 * Every request of a signed-in user asks this, so it is one plain-SQL statement rather than a nested include,
 * which Prisma 6 plans afresh on each call (see lib/data/profile-rows.ts).
 */
export async function actorForSession(sessionId: string, now = new Date()): Promise<ConsoleActor | null> {
  const rows = await db.$queryRaw<SessionActorRow[]>`
    SELECT s."createdAt", s."lastSeenAt", s."endedAt", u."id" AS "userId", u."email", u."name", u."role", u."active",
      pe."smartcardId", o."odsCode"
    FROM "ConsoleSession" s
    JOIN "ConsoleUser" u ON u."id" = s."consoleUserId"
    LEFT JOIN "Person" pe ON pe."id" = u."personId"
    LEFT JOIN "ConsoleUserOrganisation" cuo ON cuo."consoleUserId" = u."id"
    LEFT JOIN "Organisation" o ON o."id" = cuo."organisationId"
    WHERE s."id" = ${sessionId}
    ORDER BY o."odsCode"`;
  const first = rows[0];
  if (!first) return null;
  const session = { createdAt: sqlDate(first.createdAt)!, lastSeenAt: sqlDate(first.lastSeenAt)!, endedAt: sqlDate(first.endedAt) };
  if (!sessionIsLive(session, now) || !sqlBool(first.active)) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await db.consoleSession.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  return {
    id: sqlInt(first.userId),
    email: first.email,
    name: first.name,
    role: first.role as ConsoleRole,
    odsCodes: rows.flatMap((row) => (row.odsCode === null ? [] : [row.odsCode])),
    // The one field every rule about "your own profile" reads: set whenever the account is linked to a profile.
    ownSmartcardId: first.smartcardId,
  };
}

// ---- Sign-in through an OIDC provider (NHS CIS2 in real deployments) ----

/** What the provider said about who signed in, from its ID token / userinfo claims. */
export type OidcIdentity = {
  provider: string;
  /** The provider's stable subject (`sub`). */
  subject: string;
  email: string | null;
  /** Only `email_verified: true` counts; absent or anything else is unverified. */
  emailVerified: boolean;
  /** The Care Identity UUID (the smartcard ID, 12 digits) when the provider sends it. */
  careIdentityUuid: string | null;
};

export type OidcRefusal = "no_account" | "email_unverified" | "subject_mismatch" | "profile_mismatch";
export type OidcSignIn = { ok: true; user: UserRef } | { ok: false; refusal: OidcRefusal };

const REFUSAL_REASONS: Record<OidcRefusal, string> = {
  no_account: "no active console account for this identity",
  email_unverified: "the provider has not verified this email address, so it cannot be linked to the account",
  subject_mismatch: "the account is already linked to a different identity at the provider",
  profile_mismatch: "the Care Identity profile the provider names is not the one linked to the account",
};

const oidcUserInclude = { person: { select: { id: true, smartcardId: true } } } as const;

class Refused extends Error {
  constructor(readonly refusal: OidcRefusal) {
    super(refusal);
  }
}

/**
 * The profile to link for a Care Identity UUID, if it should be linked now: null when the account is already
 * linked to it, when no UUID was sent, or when this console holds no such profile. Refuses when the account is
 * linked to another profile, or the profile to another account.
 */
async function profileToLink(tx: Tx, user: { id: number; person: { id: number; smartcardId: string } | null }, uuid: string | null): Promise<number | null> {
  if (!uuid) return null;
  if (user.person) {
    if (user.person.smartcardId !== uuid) throw new Refused("profile_mismatch");
    return null;
  }
  const person = await tx.person.findUnique({ where: { smartcardId: uuid }, select: { id: true, consoleUser: { select: { id: true } } } });
  if (!person) return null;
  if (person.consoleUser && person.consoleUser.id !== user.id) throw new Refused("profile_mismatch");
  return person.id;
}

/**
 * Who an OIDC sign-in is, or why not. Once an account is linked, the subject alone finds it (the email may
 * change at the provider). The first sign-in finds the account by email and links the subject, only if the
 * provider has verified that email (or sends the Care Identity UUID of the profile the account is linked to);
 * an account linked to one subject refuses any other. A Care Identity UUID in the claims also links the
 * account's own profile, so "no change to your own profile" holds for them from then on. Every link and every
 * refusal is in the change log.
 */
export async function signInWithOidc(identity: OidcIdentity): Promise<OidcSignIn> {
  const email = identity.email?.trim().toLowerCase() || null;
  try {
    const user = await auditedOidcLink(identity, email);
    return { ok: true, user };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    await recordSecurityEvent(
      { id: null, email: email ?? "(no email given)" },
      { action: "security.sign_in_failed", reason: `Sign-in with ${identity.provider} refused: ${REFUSAL_REASONS[error.refusal]}` },
    );
    return { ok: false, refusal: error.refusal };
  }
}

async function auditedOidcLink(identity: OidcIdentity, email: string | null): Promise<UserRef> {
  const uuid = identity.careIdentityUuid;
  const linked = await db.consoleUser.findUnique({ where: { oidcSubject: identity.subject }, include: oidcUserInclude });
  if (linked) {
    if (!linked.active) throw new Refused("no_account");
    const personId = await profileToLink(db, linked, uuid);
    if (personId === null) return { id: linked.id, email: linked.email, name: linked.name };
  }
  const candidate = linked ?? (email ? await db.consoleUser.findUnique({ where: { email }, include: oidcUserInclude }) : null);
  if (!candidate || !candidate.active) throw new Refused("no_account");
  if (candidate.oidcSubject !== null && candidate.oidcSubject !== identity.subject) throw new Refused("subject_mismatch");
  const firstLink = candidate.oidcSubject === null;
  // The provider vouches for the email, or names the very profile a manager linked this account to.
  const vouched = identity.emailVerified || (uuid !== null && candidate.person?.smartcardId === uuid);
  if (firstLink && !vouched) throw new Refused("email_unverified");

  const self: Actor = { id: candidate.id, email: candidate.email, name: candidate.name };
  return auditedChange(self, async (tx) => {
    const personId = await profileToLink(tx, candidate, uuid);
    // Only if nobody linked another subject meanwhile (two first sign-ins at once): the second is refused.
    const updated = await tx.consoleUser.updateMany({
      where: { id: candidate.id, active: true, oidcSubject: firstLink ? null : identity.subject, ...(personId !== null ? { personId: null } : {}) },
      data: { oidcSubject: identity.subject, ...(personId !== null ? { personId } : {}) },
    });
    if (updated.count === 0) throw new Refused("subject_mismatch");
    const after = await tx.consoleUser.findUniqueOrThrow({ where: { id: candidate.id }, include: oidcUserInclude });
    const linkedNow = [firstLink ? `the ${identity.provider} identity` : null, personId !== null ? `Care Identity profile ${after.person!.smartcardId}` : null].filter(Boolean);
    return {
      result: { id: after.id, email: after.email, name: after.name },
      audit: {
        action: "console_user.identity_linked",
        before: { email: candidate.email, oidcSubject: candidate.oidcSubject, smartcardId: candidate.person?.smartcardId ?? null },
        after: { email: after.email, oidcSubject: after.oidcSubject, smartcardId: after.person?.smartcardId ?? null },
        reason: `Linked ${linkedNow.join(" and ")} at sign-in`,
      },
    };
  }).catch((error: unknown) => {
    // The subject is unique: another account holding it already means this identity is not this account's.
    if ((error as { code?: string }).code === "P2002") throw new Refused("subject_mismatch");
    throw error;
  });
}

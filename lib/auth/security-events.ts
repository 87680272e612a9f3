import "server-only";
import { recordSecurityEvent } from "@/lib/data/audited";
import { recordSignInFailure, recordSignInSuccess, type FailureKind } from "@/lib/data/sign-in-attempts";
import type { ConsoleActor, Permission } from "./rules";

// Security events join the change log's chain. Passwords and tokens never reach them.
const MAX_EMAIL = 254;

export function signedIn(user: { id: number; email: string; name: string }, provider: string) {
  return recordSecurityEvent(user, { action: "security.sign_in", reason: `Signed in with ${provider}` });
}

export function signedOut(user: { id: number; email: string; name: string }) {
  return recordSecurityEvent(user, { action: "security.sign_out" });
}

// Something typed into the email box that is not an email (a password, say) is never recorded.
const looksLikeEmail = (value: string) => /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= MAX_EMAIL;

/** What a failed sign-in is recorded under: the email typed, or a placeholder when it is not an email. */
function signInLabel(attemptedEmail: string): string {
  const typed = attemptedEmail.trim().toLowerCase();
  return typed === "" ? "(no email given)" : looksLikeEmail(typed) ? typed : "(not an email address)";
}

/** A failed sign-in: the first for an email in a while is an event of its own, repeats are summarised. */
export function signInFailed(attemptedEmail: string, kind: FailureKind, reason: string, now = new Date()) {
  return recordSignInFailure(signInLabel(attemptedEmail), kind, reason, now);
}

/** The right password: the email's failures are forgotten and any still counted are summarised first. */
export function signInPasswordAccepted(email: string, now = new Date()) {
  return recordSignInSuccess(email, signInLabel(email), now);
}

export function accessDenied(actor: ConsoleActor, permission: Permission, reason: string) {
  const target = "smartcardId" in permission ? { smartcardId: permission.smartcardId, odsCode: permission.odsCode } : {};
  return recordSecurityEvent(actor, { action: "security.access_denied", reason: `${permission.kind}: ${reason}`, ...target });
}

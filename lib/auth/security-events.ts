import "server-only";
import { recordSecurityEvent } from "@/lib/data/audited";
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

export function signInFailed(attemptedEmail: string, reason: string) {
  const typed = attemptedEmail.trim().toLowerCase();
  const email = typed === "" ? "(no email given)" : looksLikeEmail(typed) ? typed : "(not an email address)";
  return recordSecurityEvent({ id: null, email }, { action: "security.sign_in_failed", reason });
}

export function accessDenied(actor: ConsoleActor, permission: Permission, reason: string) {
  const target = "smartcardId" in permission ? { smartcardId: permission.smartcardId, odsCode: permission.odsCode } : {};
  return recordSecurityEvent(actor, { action: "security.access_denied", reason: `${permission.kind}: ${reason}`, ...target });
}

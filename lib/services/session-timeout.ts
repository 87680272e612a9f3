import "server-only";
import { currentActor, currentSessionId } from "@/lib/auth/session";
import { SESSION_IDLE_MINUTES } from "@/lib/auth/session-policy";
import { sessionExpiry } from "@/lib/data/session-clock";

/**
 * When the signed-in user's session ends if nothing else happens, for the timeout warning, and whose drafts of
 * typed values this tab may put back (the console user's id); null when signed out.
 */
export async function currentSessionTimeout(): Promise<{ expiresAt: number; remainingMs: number; idleMinutes: number; owner: string } | null> {
  // currentActor first: it restarts the idle clock for this request, so the expiry read next includes it.
  const actor = await currentActor();
  if (!actor) return null;
  const sessionId = await currentSessionId();
  const expiresAt = sessionId ? await sessionExpiry(sessionId) : null;
  if (!expiresAt) return null;
  return { expiresAt: expiresAt.getTime(), remainingMs: Math.max(0, expiresAt.getTime() - Date.now()), idleMinutes: SESSION_IDLE_MINUTES, owner: String(actor.id) };
}

import { currentSessionTimeout } from "@/lib/services/session-timeout";
import { TimeoutWarning } from "./timeout-warning";

/**
 * The session-timeout warning for signed-in staff, told by the server how long the session has left. Keyed on
 * the expiry, so a render that moved it (a refresh after a change) starts the countdown afresh.
 */
export async function SessionTimeout() {
  const timeout = await currentSessionTimeout();
  return timeout ? <TimeoutWarning key={timeout.expiresAt} remainingMs={timeout.remainingMs} idleMinutes={timeout.idleMinutes} owner={timeout.owner} /> : null;
}

import { currentSessionTimeout } from "@/lib/services/session-timeout";
import { TimeoutWarning } from "./timeout-warning";

/** The session-timeout warning for signed-in staff, told the session's real expiry by the server. */
export async function SessionTimeout() {
  const timeout = await currentSessionTimeout();
  return timeout ? <TimeoutWarning expiresAt={timeout.expiresAt} idleMinutes={timeout.idleMinutes} /> : null;
}

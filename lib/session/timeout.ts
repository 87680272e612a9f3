// The browser's side of the idle timeout, as pure functions: when to warn, what to show and say, and which of
// several tabs' expiries counts. The server decides when a session ends; these only follow what it said.

/** The warning opens this long before the session ends. */
export const WARNING_LEAD_MS = 2 * 60 * 1000;

export type TimeoutPhase = "quiet" | "warning" | "expired";

export function timeoutPhase(expiresAt: number, now: number): TimeoutPhase {
  const remaining = expiresAt - now;
  if (remaining <= 0) return "expired";
  return remaining <= WARNING_LEAD_MS ? "warning" : "quiet";
}

/** Milliseconds until something should change: the warning opening, or the session ending. */
export function nextCheckIn(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  return Math.max(0, remaining > WARNING_LEAD_MS ? remaining - WARNING_LEAD_MS : remaining);
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** The countdown on screen, to the second: "1 minute 5 seconds". */
export function countdownText(remainingMs: number): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return plural(rest, "second");
  return rest === 0 ? plural(minutes, "minute") : `${plural(minutes, "minute")} ${plural(rest, "second")}`;
}

/**
 * What a screen reader is told, coarser than the screen so it is not interrupted every second: whole minutes
 * above one minute, then steps of 15 seconds. The live region announces only when this text changes.
 */
export function spokenCountdown(remainingMs: number): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  if (seconds > 60) return `You will be signed out in ${plural(Math.ceil(seconds / 60), "minute")}.`;
  if (seconds === 0) return "You are being signed out.";
  return `You will be signed out in ${plural(Math.ceil(seconds / 15) * 15, "second")}.`;
}

/**
 * Of the expiries this tab knows (from the server, or from other tabs through storage), the latest counts: a
 * request from any tab restarts the one server-side idle clock they share. Unreadable values are ignored.
 */
export function latestExpiry(...candidates: (number | string | null | undefined)[]): number | null {
  let latest: number | null = null;
  for (const candidate of candidates) {
    const value = typeof candidate === "string" ? Number(candidate) : candidate;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) continue;
    if (latest === null || value > latest) latest = value;
  }
  return latest;
}

/**
 * The moment on this browser's clock when the session ends, from the server's answer (remainingMs, a duration,
 * so a browser clock that is wrong does not matter) and when it arrived; null when the answer is unreadable.
 */
export function deadlineFrom(answer: unknown, receivedAt: number): number | null {
  const remaining = (answer as { remainingMs?: unknown } | null)?.remainingMs;
  return typeof remaining === "number" && Number.isFinite(remaining) && remaining >= 0 ? receivedAt + remaining : null;
}

// Pages anyone may use without signing in: no session to warn about there.
const PUBLIC_PATHS = ["/login", "/requests/new", "/requests/submitted", "/requests/status"];

export function isStaffPath(pathname: string): boolean {
  return !PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

/** Where an expired session sends the browser: the login page, saying why, and back here after signing in. */
export function signedOutLoginPath(returnTo: string, reason: "idle" | null = "idle"): string {
  const query = new URLSearchParams({ callbackUrl: returnTo });
  if (reason) query.set("reason", reason);
  return `/login?${query.toString()}`;
}

import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { authoriseOwnSession } from "@/lib/auth/authorise";
import { SESSION_IDLE_MINUTES } from "@/lib/auth/session-policy";
import { extendSession, sessionExpiry } from "@/lib/data/session-clock";
import { notSignedIn } from "@/lib/errors";

// remainingMs is what the browser counts down from: its own clock may differ from ours, a duration does not.
const answer = (expiresAt: Date) =>
  NextResponse.json({ expiresAt: expiresAt.toISOString(), remainingMs: Math.max(0, expiresAt.getTime() - Date.now()), idleMinutes: SESSION_IDLE_MINUTES });

// When the caller's session ends; reading it does not keep the session alive.
export const GET = apiRoute(async () => {
  const expiresAt = await sessionExpiry(await authoriseOwnSession());
  if (!expiresAt) throw notSignedIn();
  return answer(expiresAt);
});

// "Stay signed in": restarts the idle clock of a live session (apiRoute refuses cross-site callers).
export const POST = apiRoute(async () => {
  const expiresAt = await extendSession(await authoriseOwnSession());
  if (!expiresAt) throw notSignedIn();
  return answer(expiresAt);
});

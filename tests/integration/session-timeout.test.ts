// The session-timeout warning's endpoint: GET says when the caller's session ends without keeping it alive,
// POST ("Stay signed in") restarts the idle clock; both refuse sessions that are over, POST refuses other sites.
import { afterEach, describe, expect, it } from "vitest";
import * as sessionRoute from "@/app/api/session/route";
import { db } from "@/lib/data/db";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MINUTES, SESSION_IDLE_MS } from "@/lib/auth/session-policy";
import { buildRequest, errorBody, type CallOptions } from "./support/api";
import { signInAs, signOut } from "./support/session";

afterEach(() => signOut());

const MINUTE = 60_000;
const context = { params: Promise.resolve({}) };

async function call(method: "GET" | "POST", options?: CallOptions) {
  const response = await sessionRoute[method](buildRequest(method, "/api/session", undefined, options), context);
  return { status: response.status, body: await response.json(), cacheControl: response.headers.get("cache-control") };
}

const lastSeen = async (sessionId: string) => (await db.consoleSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt.getTime();

describe("GET /api/session", () => {
  it("gives the real expiry, idle limit from the session's last request, and does not touch the session", async () => {
    const sessionId = await signInAs("agent@ra.example");
    const seen = new Date(Date.now() - 10 * MINUTE);
    await db.consoleSession.update({ where: { id: sessionId }, data: { lastSeenAt: seen } });
    const { status, body, cacheControl } = await call("GET");
    expect(status).toBe(200);
    expect(cacheControl).toBe("no-store");
    expect(body).toEqual({ expiresAt: new Date(seen.getTime() + SESSION_IDLE_MS).toISOString(), remainingMs: expect.any(Number), idleMinutes: SESSION_IDLE_MINUTES });
    // A duration for the browser to count down from, whatever its own clock says.
    expect(body.remainingMs).toBeGreaterThan(SESSION_IDLE_MS - 10 * MINUTE - 5_000);
    expect(body.remainingMs).toBeLessThanOrEqual(SESSION_IDLE_MS - 10 * MINUTE);
    expect(await lastSeen(sessionId)).toBe(seen.getTime());
  });

  it("gives the absolute limit when it comes before the idle one", async () => {
    const sessionId = await signInAs("agent@ra.example");
    const createdAt = new Date(Date.now() - SESSION_ABSOLUTE_MS + 5 * MINUTE);
    await db.consoleSession.update({ where: { id: sessionId }, data: { createdAt, lastSeenAt: new Date() } });
    expect((await call("GET")).body.expiresAt).toBe(new Date(createdAt.getTime() + SESSION_ABSOLUTE_MS).toISOString());
  });
});

describe("POST /api/session (stay signed in)", () => {
  it("restarts the idle clock of a live session and says the new expiry", async () => {
    const sessionId = await signInAs("agent@ra.example");
    await db.consoleSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - 28 * MINUTE) } });
    const before = Date.now();
    const { status, body } = await call("POST");
    expect(status).toBe(200);
    expect(await lastSeen(sessionId)).toBeGreaterThanOrEqual(before);
    expect(new Date(body.expiresAt).getTime()).toBe((await lastSeen(sessionId)) + SESSION_IDLE_MS);
    expect(body.remainingMs).toBeGreaterThan(SESSION_IDLE_MS - 5_000);
  });

  it.each<{ who: string; headers: Record<string, string> }>([
    { who: "another site", headers: { origin: "https://evil.example" } },
    { who: "a cross-site fetch", headers: { "sec-fetch-site": "cross-site" } },
  ])("refuses $who with 403 and leaves the clock alone", async ({ headers }) => {
    const sessionId = await signInAs("agent@ra.example");
    const seen = new Date(Date.now() - 28 * MINUTE);
    await db.consoleSession.update({ where: { id: sessionId }, data: { lastSeenAt: seen } });
    const { status, body } = await call("POST", { headers });
    expect(status).toBe(403);
    expect(body).toStrictEqual(errorBody("forbidden"));
    expect(await lastSeen(sessionId)).toBe(seen.getTime());
  });

  it.each([
    { state: "signed out", times: null },
    { state: "ended at sign-out", times: () => ({ endedAt: new Date() }) },
    { state: "idle past the limit", times: () => ({ lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - MINUTE) }) },
    { state: "older than the absolute limit", times: () => ({ createdAt: new Date(Date.now() - SESSION_ABSOLUTE_MS - MINUTE) }) },
    { state: "unknown to the server", times: "unknown" as const },
  ])("$state → 401 for GET and POST, and the session is not revived", async ({ times }) => {
    const sessionId = await signInAs("agent@ra.example");
    if (times === null) signOut();
    else if (times === "unknown") (globalThis as { testSessionId?: string }).testSessionId = "no-such-session";
    else await db.consoleSession.update({ where: { id: sessionId }, data: times() });
    const stored = await db.consoleSession.findUniqueOrThrow({ where: { id: sessionId } });

    for (const method of ["GET", "POST"] as const) {
      const { status, body } = await call(method);
      expect({ method, status }).toEqual({ method, status: 401 });
      expect(body).toStrictEqual(errorBody("not_signed_in"));
    }
    expect(await db.consoleSession.findUniqueOrThrow({ where: { id: sessionId } })).toEqual(stored);
  });

  it("refuses a deactivated console user's session with 401", async () => {
    const sessionId = await signInAs("agent@ra.example");
    const user = await db.consoleSession.findUniqueOrThrow({ where: { id: sessionId }, select: { consoleUserId: true } });
    await db.consoleUser.update({ where: { id: user.consoleUserId }, data: { active: false } });
    try {
      expect((await call("POST")).status).toBe(401);
      expect((await call("GET")).status).toBe(401);
    } finally {
      await db.consoleUser.update({ where: { id: user.consoleUserId }, data: { active: true } });
    }
  });
});

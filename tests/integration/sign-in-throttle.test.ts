import { beforeEach, describe, expect, it, vi } from "vitest";
import { attemptSignIn, type SignInOutcome } from "@/lib/auth/credentials";
import { SIGN_IN_POLICY, signInDelayMs } from "@/lib/auth/sign-in-policy";
import { db } from "@/lib/data/db";
import { DEFAULT_DEMO_PASSWORD } from "@/prisma/seed/demo";

// Counts the passwords actually checked; the check itself is the real one.
const verify = vi.hoisted(() => ({ calls: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      verify.calls++;
      return real.verify(...args);
    },
  };
});

const failureEvents = (email: string) =>
  db.auditEvent.findMany({ where: { action: "security.sign_in_failed", actorEmail: email }, orderBy: { id: "asc" }, select: { reason: true } });
const refusals = (outcomes: SignInOutcome[], refusal: string) => outcomes.filter((o) => !o.ok && o.refusal === refusal).length;
const SECOND = 1000;
const { freeFailures, maxDelayMs, summaryWindowMs } = SIGN_IN_POLICY;

beforeEach(() => {
  verify.calls = 0;
});

describe("the wait after repeated wrong passwords", () => {
  it("grows from nothing to a capped, doubling delay", () => {
    expect([0, freeFailures - 1].map(signInDelayMs)).toEqual([0, 0]);
    expect(signInDelayMs(freeFailures + 1)).toBe(2 * signInDelayMs(freeFailures));
    expect(signInDelayMs(freeFailures + 1000)).toBe(maxDelayMs);
  });

  it("40 guesses in parallel check no more passwords than the free failures allow", async () => {
    const email = "advanced@ra.example";
    const now = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attemptSignIn({ email, password: `parallel-guess-${i}` }, `198.51.100.${i}`, now)),
    );
    expect(verify.calls).toBe(freeFailures);
    expect(refusals(outcomes, "wrong")).toBe(freeFailures);
    expect(refusals(outcomes, "paused")).toBe(40 - freeFailures);
    expect(await failureEvents(email)).toHaveLength(1);
  });

  it("unknown emails are paused just like real ones", async () => {
    const now = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attemptSignIn({ email: "nobody-here@ra.example", password: `guess-${i}` }, `198.51.101.${i}`, now)),
    );
    expect(verify.calls).toBe(freeFailures);
    expect(refusals(outcomes, "paused")).toBe(20 - freeFailures);
  });

  it("the owner gets in once the wait is over, however long a stranger has kept guessing (capped wait)", async () => {
    const email = "manager@ra.example";
    let at = Date.now();
    let last = at;
    // A stranger guesses as fast as the waits allow, 30 wrong passwords, well into the capped delay.
    for (let failures = 0; failures < 30; failures++) {
      at = last + signInDelayMs(failures);
      expect(await attemptSignIn({ email, password: `stranger-${failures}` }, `203.0.113.${failures}`, new Date(at))).toEqual({ ok: false, refusal: "wrong" });
      last = at;
    }
    expect(verify.calls).toBe(30);
    const paused = await attemptSignIn({ email, password: DEFAULT_DEMO_PASSWORD }, "192.0.2.1", new Date(last + 1));
    expect(paused).toMatchObject({ ok: false, refusal: "paused" });
    const wait = paused.ok || paused.refusal === "wrong" ? 0 : paused.retryAfterSeconds * SECOND;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(maxDelayMs);
    expect(verify.calls).toBe(30); // no password is checked while paused
    expect(await attemptSignIn({ email, password: DEFAULT_DEMO_PASSWORD }, "192.0.2.1", new Date(last + 1 + wait))).toMatchObject({ ok: true });
    // The failures are forgotten after a success: the next wrong password is not paused.
    expect(await attemptSignIn({ email, password: "typo" }, "192.0.2.1", new Date(last + 1 + wait + SECOND))).toEqual({ ok: false, refusal: "wrong" });
  });

  it("failures older than the memory no longer count", async () => {
    const email = "auditor@ra.example";
    const start = Date.now();
    for (let i = 0; i < freeFailures + 3; i++) await attemptSignIn({ email, password: `old-${i}` }, `203.0.114.${i}`, new Date(start + i * maxDelayMs));
    const later = start + (freeFailures + 3) * maxDelayMs + SIGN_IN_POLICY.failureMemoryMs;
    expect(await attemptSignIn({ email, password: DEFAULT_DEMO_PASSWORD }, "192.0.2.2", new Date(later))).toMatchObject({ ok: true });
  });
});

describe("the limit per network address", () => {
  it("refuses further attempts from one address, whatever the email, without checking a password", async () => {
    const [burst] = SIGN_IN_POLICY.perAddress;
    const now = new Date();
    for (let i = 0; i < burst.limit; i++) {
      expect(await attemptSignIn({ email: `spray-${i}@ra.example`, password: "Winter2026!" }, "192.0.2.66", now)).toEqual({ ok: false, refusal: "wrong" });
    }
    expect(verify.calls).toBe(burst.limit);
    const refused = await attemptSignIn({ email: "agent@ra.example", password: DEFAULT_DEMO_PASSWORD }, "192.0.2.66", now);
    expect(refused).toEqual({ ok: false, refusal: "rate_limited", retryAfterSeconds: burst.windowMs / SECOND });
    expect(verify.calls).toBe(burst.limit);
    // Another address is not affected, and the address is let in again once its window has passed.
    expect(await attemptSignIn({ email: "agent@ra.example", password: DEFAULT_DEMO_PASSWORD }, "192.0.2.67", now)).toMatchObject({ ok: true });
    const later = new Date(now.getTime() + burst.windowMs + 1);
    expect(await attemptSignIn({ email: "agent@ra.example", password: DEFAULT_DEMO_PASSWORD }, "192.0.2.66", later)).toMatchObject({ ok: true });
  });

  it("does not count sign-ins that succeed, so an office behind one address is never shut out", async () => {
    const [burst] = SIGN_IN_POLICY.perAddress;
    const now = new Date();
    for (let i = 0; i < burst.limit + 5; i++) {
      expect(await attemptSignIn({ email: "agent@ra.example", password: DEFAULT_DEMO_PASSWORD }, "192.0.2.77", now)).toMatchObject({ ok: true });
    }
  });

  it("also limits an address over the hour, however it spaces its attempts", async () => {
    const hourly = SIGN_IN_POLICY.perAddress[1];
    const start = Date.now();
    const spacing = hourly.windowMs / hourly.limit;
    const outcomes: SignInOutcome[] = [];
    // Spaced out so the short limit never trips; the hourly one does.
    for (let i = 0; i <= hourly.limit; i++) {
      outcomes.push(await attemptSignIn({ email: "", password: "" }, "192.0.2.99", new Date(start + i * spacing * 0.99)));
    }
    expect(outcomes.at(-1)).toMatchObject({ ok: false, refusal: "rate_limited" });
    expect(refusals(outcomes, "rate_limited")).toBe(1);
  });
});

describe("failed sign-ins in the change log", () => {
  it("60 failures in a burst are one event, and one summary at the next success (2 events, not 120)", async () => {
    const email = "agent@ra.example";
    const now = new Date();
    for (let i = 0; i < 60; i++) await attemptSignIn({ email, password: `flood-${i}` }, `203.0.115.${i}`, now);
    expect(await failureEvents(email)).toEqual([{ reason: "Wrong email or password" }]);
    const after = now.getTime() + signInDelayMs(freeFailures);
    expect(await attemptSignIn({ email, password: DEFAULT_DEMO_PASSWORD }, "192.0.2.3", new Date(after))).toMatchObject({ ok: true });
    const events = await failureEvents(email);
    expect(events).toHaveLength(2);
    expect(events[1]!.reason).toMatch(
      new RegExp(
        `^59 more failed sign-ins after the one recorded before: ${freeFailures - 1} wrong email or password, ` +
          `${60 - freeFailures} tried while sign-in was paused \\(from .+ to .+\\)$`,
      ),
    );
    // Nothing is left to summarise.
    expect(await db.rateLimitHit.count({ where: { key: { contains: `:${email}` } } })).toBe(0);
  });

  it("a window that has closed is summarised by the next attempt, from any email", async () => {
    const email = "new-starter@ra.example";
    const start = Date.now() + 2 * SIGN_IN_POLICY.failureMemoryMs;
    for (let i = 0; i < 3; i++) await attemptSignIn({ email, password: `x-${i}` }, `203.0.116.${i}`, new Date(start + i * SECOND));
    expect(await failureEvents(email)).toHaveLength(1);
    await attemptSignIn({ email: "someone-else@ra.example", password: "x" }, "203.0.116.200", new Date(start + summaryWindowMs + SECOND));
    const events = await failureEvents(email);
    expect(events).toHaveLength(2);
    expect(events[1]!.reason).toMatch(/^2 more failed sign-ins after the one recorded before: 2 wrong email or password/);
  });

  it(`60 failures paced past every wait write at most 2 events per ${summaryWindowMs / 60_000}-minute window`, async () => {
    const email = "agent-sussex@ra.example";
    let at = Date.now() + 4 * SIGN_IN_POLICY.failureMemoryMs;
    const start = at;
    for (let failures = 0; failures < 60; failures++) {
      at += signInDelayMs(failures);
      expect(await attemptSignIn({ email, password: `paced-${failures}` }, `203.0.117.${failures}`, new Date(at))).toEqual({ ok: false, refusal: "wrong" });
    }
    await attemptSignIn({ email, password: DEFAULT_DEMO_PASSWORD }, "192.0.2.4", new Date(at + maxDelayMs));
    const windows = Math.ceil((at + maxDelayMs - start) / summaryWindowMs) + 1;
    const events = await failureEvents(email);
    expect(events.length).toBeLessThanOrEqual(2 * windows);
    expect(events.length).toBeLessThan(40);
    // Every failure is accounted for: firsts of windows plus the counts in the summaries.
    const summarised = events.map((e) => Number(/^(\d+) more failed/.exec(e.reason ?? "")?.[1] ?? 1)).reduce((a, b) => a + b, 0);
    expect(summarised).toBe(60);
  });
});

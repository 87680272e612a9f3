import { describe, expect, it } from "vitest";
import { attemptSignIn, authorizeCredentials } from "@/lib/auth/credentials";
import { SIGN_IN_POLICY, signInDelayMs } from "@/lib/auth/sign-in-policy";
import { db } from "@/lib/data/db";
import { DEFAULT_DEMO_PASSWORD } from "@/prisma/seed/demo";

const failures = (email: string) => db.auditEvent.count({ where: { action: "security.sign_in_failed", actorEmail: email } });

describe("email and password sign-in", () => {
  it("lets a demo account in with the right password", async () => {
    expect(await authorizeCredentials({ email: "Manager@RA.example", password: DEFAULT_DEMO_PASSWORD })).toMatchObject({ email: "manager@ra.example" });
  });

  it("refuses a wrong password and records the failure without the password", async () => {
    const secret = "Not-The-Password-9182";
    expect(await authorizeCredentials({ email: "auditor@ra.example", password: secret })).toBeNull();
    const events = await db.auditEvent.findMany({ where: { action: "security.sign_in_failed", actorEmail: "auditor@ra.example" } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it("refuses an unknown email the same way", async () => {
    expect(await authorizeCredentials({ email: "nobody@ra.example", password: "whatever-123" })).toBeNull();
    expect(await failures("nobody@ra.example")).toBe(1);
  });

  it(`pauses an email after ${SIGN_IN_POLICY.freeFailures} failures, even for the right password, and lets it in after the wait`, async () => {
    const email = "agent-sussex@ra.example";
    const start = Date.now();
    for (let i = 0; i < SIGN_IN_POLICY.freeFailures; i++) {
      expect(await attemptSignIn({ email, password: `guess-${i}` }, "192.0.2.10", new Date(start))).toEqual({ ok: false, refusal: "wrong" });
    }
    const wait = signInDelayMs(SIGN_IN_POLICY.freeFailures);
    expect(await attemptSignIn({ email, password: DEFAULT_DEMO_PASSWORD }, "192.0.2.10", new Date(start + wait - 1000))).toEqual({
      ok: false,
      refusal: "paused",
      retryAfterSeconds: 1,
    });
    expect(await attemptSignIn({ email, password: DEFAULT_DEMO_PASSWORD }, "192.0.2.10", new Date(start + wait))).toMatchObject({ ok: true, user: { email } });
    // One event for the first failure and one summary of the rest, not one per attempt.
    expect(await failures(email)).toBe(2);
    // Another account is not affected.
    expect(await authorizeCredentials({ email: "agent@ra.example", password: DEFAULT_DEMO_PASSWORD })).not.toBeNull();
  });
});

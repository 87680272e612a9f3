import { describe, expect, it } from "vitest";
import { authorizeCredentials, FAILED_SIGN_IN_LIMIT } from "@/lib/auth/credentials";
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

  it(`pauses an email after ${FAILED_SIGN_IN_LIMIT} failures, even for the right password`, async () => {
    const email = "agent-sussex@ra.example";
    for (let i = 0; i < FAILED_SIGN_IN_LIMIT; i++) await authorizeCredentials({ email, password: `guess-${i}` });
    expect(await authorizeCredentials({ email, password: DEFAULT_DEMO_PASSWORD })).toBeNull();
    expect(await failures(email)).toBe(FAILED_SIGN_IN_LIMIT + 1);
    // Another account is not affected.
    expect(await authorizeCredentials({ email: "agent@ra.example", password: DEFAULT_DEMO_PASSWORD })).not.toBeNull();
  });
});

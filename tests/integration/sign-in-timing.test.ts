import { beforeEach, describe, expect, it, vi } from "vitest";
import { attemptSignIn } from "@/lib/auth/credentials";
import { db } from "@/lib/data/db";
import { dummyPasswordHash } from "@/lib/data/password-check";
import { DEFAULT_DEMO_PASSWORD } from "@/prisma/seed/demo";

// Records which hash each password check ran against; the check itself is the real one.
const checked = vi.hoisted(() => ({ hashes: [] as string[] }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      checked.hashes.push(String(args[0]));
      return real.verify(...args);
    },
  };
});

const storedHash = async (email: string) => (await db.consoleUser.findUniqueOrThrow({ where: { email } })).passwordHash!;
// "$argon2id$v=19$m=19456,t=2,p=1$salt$hash": everything but salt and hash decides how long a check takes.
const parameters = (hash: string) => hash.split("$").slice(1, 4).join("$");

beforeEach(() => {
  checked.hashes = [];
});

describe("sign-in takes the same work whether or not the email has an account", () => {
  it("the dummy hash is made once, with the same parameters as real ones", async () => {
    const dummy = await dummyPasswordHash();
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(parameters(dummy)).toBe(parameters(await storedHash("agent@ra.example")));
    expect(parameters(dummy)).toMatch(/^argon2id\$v=19\$m=\d+,t=\d+,p=\d+$/);
  });

  it("a wrong password for a real account is checked against its hash", async () => {
    expect(await attemptSignIn({ email: "agent@ra.example", password: "wrong-password-1" }, "192.0.2.20")).toEqual({ ok: false, refusal: "wrong" });
    expect(checked.hashes).toEqual([await storedHash("agent@ra.example")]);
  });

  it("an unknown email is checked against the dummy hash", async () => {
    expect(await attemptSignIn({ email: "nobody-at-all@ra.example", password: "wrong-password-1" }, "192.0.2.21")).toEqual({ ok: false, refusal: "wrong" });
    expect(checked.hashes).toEqual([await dummyPasswordHash()]);
  });

  it("an inactive account is checked against the dummy hash, and refused even with its right password", async () => {
    await db.consoleUser.update({ where: { email: "advanced@ra.example" }, data: { active: false } });
    expect(await attemptSignIn({ email: "advanced@ra.example", password: DEFAULT_DEMO_PASSWORD }, "192.0.2.22")).toEqual({ ok: false, refusal: "wrong" });
    expect(checked.hashes).toEqual([await dummyPasswordHash()]);
  });

  it("an account that signs in only through Care Identity (no password) is checked against the dummy hash", async () => {
    await db.consoleUser.update({ where: { email: "auditor@ra.example" }, data: { passwordHash: null } });
    expect(await attemptSignIn({ email: "auditor@ra.example", password: DEFAULT_DEMO_PASSWORD }, "192.0.2.23")).toEqual({ ok: false, refusal: "wrong" });
    expect(checked.hashes).toEqual([await dummyPasswordHash()]);
  });

  it("known and unknown emails write the same kind of failure event", async () => {
    const reasons = async (email: string) =>
      (await db.auditEvent.findMany({ where: { actorEmail: email, action: "security.sign_in_failed" }, select: { actorId: true, reason: true } }));
    expect(await reasons("agent@ra.example")).toEqual(await reasons("nobody-at-all@ra.example"));
  });
});

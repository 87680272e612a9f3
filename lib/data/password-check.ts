import "server-only";
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// Stored hashes are made with the library's defaults (Argon2id, 19 MiB, 2 passes: console-user-admin and the
// seed call `hash(password)`), so the dummy uses them too and checking it costs what checking a real one does.
let dummyHash: Promise<string> | undefined;

/** A hash of a random secret nobody knows, made once on first use. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(32).toString("base64url"));
  return dummyHash;
}

/**
 * Checks a password against a stored hash. With no hash (unknown or inactive account, or one that signs in
 * only through Care Identity) it checks against the dummy instead and fails, so both take the same time and
 * the time taken does not tell anyone which emails have accounts.
 */
export async function passwordMatches(storedHash: string | null, password: string): Promise<boolean> {
  const matched = await verify(storedHash ?? (await dummyPasswordHash()), password).catch(() => false);
  return storedHash !== null && matched;
}

import "server-only";
import { checkPassword } from "@/lib/data/console-users";
import { addressLimitKey, giveBackRateLimit, takeRateLimit } from "@/lib/data/rate-limit";
import { reservePasswordCheck } from "@/lib/data/sign-in-attempts";
import { LoginSchema } from "@/lib/validations/login";
import { signInFailed, signInPasswordAccepted } from "./security-events";
import { SIGN_IN_POLICY } from "./sign-in-policy";

type SignedInUser = { id: string; email: string; name: string };

export type SignInOutcome =
  | { ok: true; user: SignedInUser }
  | { ok: false; refusal: "wrong" }
  | { ok: false; refusal: "paused" | "rate_limited"; retryAfterSeconds: number };

/**
 * Email-and-password sign-in for the embedded default. In order: the network address's limit (every attempt
 * takes a place, given back when it succeeds), the form, the email's wait after repeated failures (taken
 * atomically, so parallel guesses cannot slip past it), then the password. Unknown and known emails go
 * through exactly the same steps. Failures are recorded with the email typed, never the password.
 */
export async function attemptSignIn(input: unknown, clientAddress: string, now = new Date()): Promise<SignInOutcome> {
  const address = addressLimitKey(clientAddress);
  const taken = await takeRateLimit(
    SIGN_IN_POLICY.perAddress.map(({ limit, windowMs }) => ({ key: `sign-in:address:${windowMs}:${address}`, limit, windowMs })),
    now,
  );
  if (!taken.allowed) return { ok: false, refusal: "rate_limited", retryAfterSeconds: taken.retryAfterSeconds };

  const parsed = LoginSchema.safeParse(input);
  if (!parsed.success) {
    const email = (input as { email?: unknown } | undefined)?.email;
    await signInFailed(typeof email === "string" ? email : "", "incomplete", "Sign-in form incomplete", now);
    return { ok: false, refusal: "wrong" };
  }
  const email = parsed.data.email.toLowerCase();
  const reserved = await reservePasswordCheck(email, now);
  if (!reserved.allowed) {
    await signInFailed(email, "paused", "Tried again while sign-in was paused after repeated failures", now);
    return { ok: false, refusal: "paused", retryAfterSeconds: reserved.retryAfterSeconds };
  }
  const user = await checkPassword(email, parsed.data.password);
  if (!user) {
    await signInFailed(email, "wrong_password", "Wrong email or password", now);
    return { ok: false, refusal: "wrong" };
  }
  // Only failures count against the address, so an office of officers behind one address can always sign in.
  await giveBackRateLimit(taken.hitIds);
  await signInPasswordAccepted(email, now);
  return { ok: true, user: { id: String(user.id), email: user.email, name: user.name } };
}

/** The signed-in user, or null for any refusal. */
export async function authorizeCredentials(input: unknown, clientAddress = "unknown"): Promise<SignedInUser | null> {
  const outcome = await attemptSignIn(input, clientAddress);
  return outcome.ok ? outcome.user : null;
}

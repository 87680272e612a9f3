import "server-only";
import { checkPassword, countFailedSignIns } from "@/lib/data/console-users";
import { LoginSchema } from "@/lib/validations/login";
import { signInFailed } from "./security-events";

// After this many failures in the window, even the right password is refused until the window passes.
export const FAILED_SIGN_IN_LIMIT = 10;
export const FAILED_SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** Email-and-password sign-in for the embedded default. A failure is audited with the email, never the password. */
export async function authorizeCredentials(input: unknown): Promise<{ id: string; email: string; name: string } | null> {
  const parsed = LoginSchema.safeParse(input);
  if (!parsed.success) {
    const email = (input as { email?: unknown } | undefined)?.email;
    await signInFailed(typeof email === "string" ? email : "", "Sign-in form incomplete");
    return null;
  }
  const { email, password } = parsed.data;
  if ((await countFailedSignIns(email, new Date(Date.now() - FAILED_SIGN_IN_WINDOW_MS))) >= FAILED_SIGN_IN_LIMIT) {
    await signInFailed(email, "Too many failed sign-ins: locked for 15 minutes");
    return null;
  }
  const user = await checkPassword(email, password);
  if (!user) {
    await signInFailed(email, "Wrong email or password");
    return null;
  }
  return { id: String(user.id), email: user.email, name: user.name };
}

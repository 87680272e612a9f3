import "server-only";
import { checkPassword } from "@/lib/data/console-users";
import { LoginSchema } from "@/lib/validations/login";
import { signInFailed } from "./security-events";

/** Email-and-password sign-in for the embedded default. A failure is audited with the email, never the password. */
export async function authorizeCredentials(input: unknown): Promise<{ id: string; email: string; name: string } | null> {
  const parsed = LoginSchema.safeParse(input);
  if (!parsed.success) {
    const email = (input as { email?: unknown } | undefined)?.email;
    await signInFailed(typeof email === "string" ? email : "");
    return null;
  }
  const user = await checkPassword(parsed.data.email, parsed.data.password);
  if (!user) {
    await signInFailed(parsed.data.email);
    return null;
  }
  return { id: String(user.id), email: user.email, name: user.name };
}

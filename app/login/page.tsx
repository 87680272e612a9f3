import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/forms/login-form";
import { OidcSignIn } from "@/components/forms/oidc-sign-in";
import { credentialsSignIn, oidcSignInName } from "@/lib/auth/options";
import { SESSION_IDLE_MINUTES } from "@/lib/auth/session-policy";
import { safeReturnPath } from "@/lib/safe-return-path";
import { signInWaitMessage } from "@/lib/validations/login";

export const metadata: Metadata = { title: "Sign in" };

// What went wrong with a Care Identity (OIDC) sign-in, in words that say what to do next.
const signInProblems: Record<string, string> = {
  AccessDenied: "Your Care Identity has no account in this console. Ask your RA manager to add you.",
  CareIdentityEmailUnverified:
    "Your Care Identity's email address is not verified, so it cannot be linked to a console account. Ask your RA manager to add your smartcard ID to your console account, then try again.",
  CareIdentityMismatch: "This console account is linked to a different Care Identity. Ask your RA manager for help.",
  CareIdentityProfileMismatch: "Your Care Identity does not match the profile linked to your console account. Ask your RA manager to check your smartcard ID.",
};

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string; reason?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  const { callbackUrl, error, reason } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  return (
    <div className="card max-w-xl">
      <h1 className="mb-4 text-3xl font-bold">Sign in</h1>
      <p className="mb-6">Registration Authority staff and auditors sign in to manage and review CSMS access.</p>
      {reason === "idle" && (
        <p role="status" className="mb-6 border-l-8 border-nhs-blue bg-nhs-pale-grey p-4 font-bold">
          You were signed out after {SESSION_IDLE_MINUTES} minutes without activity. Sign in again to carry on where you were.
        </p>
      )}
      {error && error !== "CredentialsSignin" && (
        <p role="alert" className="mb-6 border-4 border-nhs-red p-4 font-bold">
          {signInProblems[error] ?? signInWaitMessage(error) ?? "Sign-in did not complete. Try again, or ask your RA manager for help."}
        </p>
      )}
      {oidcSignInName && <OidcSignIn name={oidcSignInName} returnTo={returnTo} />}
      {credentialsSignIn && <LoginForm returnTo={returnTo} />}
      <p className="mt-6">
        Staff who cannot get into CSMS do not need to sign in: <Link href="/requests/new">ask your registration authority for help</Link>.
      </p>
    </div>
  );
}

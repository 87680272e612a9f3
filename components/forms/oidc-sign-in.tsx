"use client";

import { signIn } from "next-auth/react";

/** Sign-in through the configured OIDC provider (NHS CIS2 in real deployments). */
export function OidcSignIn({ name, returnTo }: { name: string; returnTo: string }) {
  return (
    <div className="mb-6 border-b border-nhs-border pb-6">
      <button type="button" className="button" onClick={() => signIn("oidc", { callbackUrl: returnTo })}>
        Sign in with {name}
      </button>
    </div>
  );
}

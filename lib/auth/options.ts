import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { endSession, findActiveUserById, findActiveUserByOidcSubject, signInWithOidc, startSession, type OidcIdentity, type OidcRefusal } from "@/lib/data/console-users";
import { clientIp } from "@/lib/action-result";
import { parseSmartcardId } from "@/lib/domain/smartcard";
import { safeReturnPath } from "@/lib/safe-return-path";
import { signInWaitCode } from "@/lib/validations/login";
import { attemptSignIn } from "./credentials";
import { signedIn, signedOut } from "./security-events";
import { SESSION_ABSOLUTE_MS } from "./session-policy";

type OidcProfile = { sub: string; email?: string; name?: string; email_verified?: unknown } & Record<string, unknown>;

// Real deployments sign in through an OIDC provider (NHS CIS2 is OIDC); configured only from the environment.
function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = process.env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return {
    id: "oidc",
    name: process.env.OIDC_NAME ?? "Care Identity",
    type: "oauth",
    wellKnown: `${OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    authorization: { params: { scope: process.env.OIDC_SCOPE ?? "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? null }),
  };
}

/**
 * The claims that matter for matching a console account: the stable subject, the email and whether the
 * provider verified it, and the Care Identity UUID (smartcard ID) from the claim OIDC_UUID_CLAIM names
 * (default `uid`; CIS2 deployments whose `sub` is the UUID can set `sub`).
 */
export function oidcIdentity(claims: Record<string, unknown> | undefined, provider: string): OidcIdentity | null {
  const subject = claims?.sub;
  if (typeof subject !== "string" || subject.trim() === "") return null;
  const uuidClaim = claims?.[process.env.OIDC_UUID_CLAIM?.trim() || "uid"];
  const uuid = typeof uuidClaim === "string" || typeof uuidClaim === "number" ? parseSmartcardId(String(uuidClaim)) : null;
  return {
    provider,
    subject,
    email: typeof claims?.email === "string" ? claims.email : null,
    emailVerified: claims?.email_verified === true,
    careIdentityUuid: uuid?.ok ? uuid.value : null,
  };
}

// What the login page is told when an OIDC identity is refused (no account at all is next-auth's AccessDenied).
export const OIDC_REFUSAL_CODES: Record<Exclude<OidcRefusal, "no_account">, string> = {
  email_unverified: "CareIdentityEmailUnverified",
  subject_mismatch: "CareIdentityMismatch",
  profile_mismatch: "CareIdentityProfileMismatch",
};

// next-auth hands authorize the request's headers as a plain object.
function headersOf(raw: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) if (typeof one === "string") headers.append(name, one);
  }
  return headers;
}

const credentials = CredentialsProvider({
  name: "Email and password",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(input, req) {
    const outcome = await attemptSignIn(input, clientIp(headersOf(req.headers)));
    if (outcome.ok) return outcome.user;
    // A thrown message reaches the form as next-auth's error code: it says how long to wait.
    if (outcome.refusal !== "wrong") throw new Error(signInWaitCode(outcome.refusal, outcome.retryAfterSeconds));
    return null;
  },
});

const oidc = oidcProvider();

/** The name on the "Sign in with …" button, when an OIDC provider is configured. */
export const oidcSignInName: string | null = oidc ? oidc.name : null;
export const credentialsSignIn = process.env.CREDENTIALS_SIGN_IN !== "off";

export const authOptions: NextAuthOptions = {
  providers: [
    ...(credentialsSignIn ? [credentials] : []),
    ...(oidc ? [oidc] : []),
  ],
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_MS / 1000 },
  pages: { signIn: "/login", error: "/login" },
  callbacks: {
    // Every return address next-auth sends the browser to (callbackUrl from the query, the form or the cookie)
    // becomes a path on this site; anything else goes home.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeReturnPath(url, baseUrl)}`;
    },
    // An OIDC identity is let in only if it is, or may now be linked to, an active console user.
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      const identity = oidcIdentity(profile as Record<string, unknown> | undefined, oidcSignInName ?? "OIDC");
      if (!identity) return false;
      const outcome = await signInWithOidc(identity);
      if (outcome.ok) return true;
      if (outcome.refusal === "no_account") return false;
      // A thrown message reaches the login page as its error code.
      throw new Error(OIDC_REFUSAL_CODES[outcome.refusal]);
    },
    // The token carries only a server-side session id: role and organisations are read fresh per request.
    async jwt({ token, user, account }) {
      if (user && account) {
        // An OIDC identity by its linked subject (never the email again), a password sign-in by its account id.
        const consoleUser =
          account.provider === "oidc" ? await findActiveUserByOidcSubject(account.providerAccountId) : await findActiveUserById(Number(user.id));
        if (!consoleUser) return { sub: token.sub };
        const sid = await startSession(consoleUser.id);
        await signedIn(consoleUser, account.provider);
        return { sub: token.sub, sid };
      }
      return { sub: token.sub, sid: token.sid };
    },
    async session({ session, token }) {
      return { expires: session.expires, sessionId: typeof token.sid === "string" ? token.sid : undefined };
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid !== "string") return;
      const user = await endSession(token.sid);
      if (user) await signedOut(user);
    },
  },
};

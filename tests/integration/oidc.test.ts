// Sign-in through an OIDC provider (NHS CIS2): next-auth's own callbacks, called with the claims a provider
// sends. Accounts are matched on the stable subject once linked; the first link needs a verified email (or the
// Care Identity UUID of the profile the account is linked to); the UUID also links the account's own profile,
// after which the "no change to your own profile" rule holds for them.
import { describe, expect, it } from "vitest";
import type { Account, Profile, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { db } from "@/lib/data/db";
import { authOptions, oidcIdentity } from "@/lib/auth/options";
import { actorForSession } from "@/lib/data/console-users";
import { changePerson } from "@/lib/services/person-changes";
import { demoPeople } from "@/prisma/seed/demo";

type Claims = { sub: string; email?: string; email_verified?: unknown; uid?: unknown; name?: string };

/** What next-auth does after the provider's callback: signIn, then (if let in) jwt, which opens the session. */
async function oidcSignIn(claims: Claims): Promise<{ outcome: true | false | string; sessionId: string | null }> {
  const account: Account = { provider: "oidc", type: "oauth", providerAccountId: claims.sub };
  const user: User = { id: claims.sub, email: claims.email?.toLowerCase() ?? null, name: claims.name ?? null };
  const profile = claims as unknown as Profile;
  let outcome: true | false | string;
  try {
    const allowed = await authOptions.callbacks!.signIn!({ user, account, profile });
    outcome = allowed === true ? true : allowed === false ? false : String(allowed);
  } catch (error) {
    outcome = (error as Error).message;
  }
  if (outcome !== true) return { outcome, sessionId: null };
  const token = (await authOptions.callbacks!.jwt!({ token: { sub: claims.sub } as JWT, user, account, profile, trigger: "signIn" })) as JWT;
  return { outcome, sessionId: typeof token.sid === "string" ? token.sid : null };
}

let counter = 0;
/** A fresh console account, so each test starts from an unlinked one. */
async function account(options: { smartcardId?: string; active?: boolean } = {}) {
  counter += 1;
  const personId = options.smartcardId ? (await db.person.findUniqueOrThrow({ where: { smartcardId: options.smartcardId } })).id : null;
  return db.consoleUser.create({
    data: { email: `oidc.${counter}@ra.example`, name: `OIDC Test ${counter}`, role: "ra_agent", active: options.active ?? true, personId },
  });
}

const linkEvents = (email: string) => db.auditEvent.findMany({ where: { action: "console_user.identity_linked", actorEmail: email } });
const refusals = (email: string) => db.auditEvent.findMany({ where: { action: "security.sign_in_failed", actorEmail: email } });

describe("the claims that count", () => {
  it("only email_verified === true is a verified email; the UUID claim is read as a smartcard ID", () => {
    expect(oidcIdentity({ sub: "s", email: "a@b.example", email_verified: "true" }, "CIS2")).toMatchObject({ emailVerified: false });
    expect(oidcIdentity({ sub: "s", email: "a@b.example", email_verified: 1 }, "CIS2")).toMatchObject({ emailVerified: false });
    expect(oidcIdentity({ sub: "s", email: "a@b.example", email_verified: true }, "CIS2")).toMatchObject({ emailVerified: true });
    expect(oidcIdentity({ sub: "s", uid: "5555 0000 0001" }, "CIS2")).toMatchObject({ careIdentityUuid: "555500000001" });
    expect(oidcIdentity({ sub: "s", uid: 555500000001 }, "CIS2")).toMatchObject({ careIdentityUuid: "555500000001" });
    expect(oidcIdentity({ sub: "s", uid: "not-an-id" }, "CIS2")).toMatchObject({ careIdentityUuid: null });
    expect(oidcIdentity({ sub: "" }, "CIS2")).toBeNull();
    expect(oidcIdentity({ email: "a@b.example" }, "CIS2")).toBeNull();
  });
});

describe("matching on the subject", () => {
  it("the first sign-in with a verified email links the subject (audited) and opens a session for that account", async () => {
    const user = await account();
    const { outcome, sessionId } = await oidcSignIn({ sub: "cis2-first", email: user.email.toUpperCase(), email_verified: true });
    expect(outcome).toBe(true);
    expect(await db.consoleUser.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ oidcSubject: "cis2-first" });
    expect(await actorForSession(sessionId!)).toMatchObject({ id: user.id, email: user.email });
    const [event] = await linkEvents(user.email);
    expect(event).toMatchObject({ actorId: user.id, reason: expect.stringMatching(/Linked the .* identity at sign-in/) });
    expect(JSON.parse(event!.after!)).toMatchObject({ oidcSubject: "cis2-first" });
  });

  it.each([
    ["absent", undefined],
    ["false", false],
    ["the string \"true\"", "true"],
  ])("email_verified %s: the first link is refused, nothing linked, the refusal recorded", async (_name, emailVerified) => {
    const user = await account();
    const { outcome, sessionId } = await oidcSignIn({ sub: `cis2-unverified-${user.id}`, email: user.email, email_verified: emailVerified });
    expect(outcome).toBe("CareIdentityEmailUnverified");
    expect(sessionId).toBeNull();
    expect(await db.consoleUser.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ oidcSubject: null });
    expect(await db.consoleSession.count({ where: { consoleUserId: user.id } })).toBe(0);
    expect(await linkEvents(user.email)).toHaveLength(0);
    expect(await refusals(user.email)).toEqual([expect.objectContaining({ reason: expect.stringMatching(/not verified/) })]);
  });

  it("once linked, a different subject with the same (verified) email is refused", async () => {
    const user = await account();
    expect((await oidcSignIn({ sub: "cis2-owner", email: user.email, email_verified: true })).outcome).toBe(true);
    const sessions = await db.consoleSession.count({ where: { consoleUserId: user.id } });
    const { outcome } = await oidcSignIn({ sub: "cis2-impostor", email: user.email, email_verified: true });
    expect(outcome).toBe("CareIdentityMismatch");
    expect(await db.consoleUser.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ oidcSubject: "cis2-owner" });
    expect(await db.consoleSession.count({ where: { consoleUserId: user.id } })).toBe(sessions);
    expect(await refusals(user.email)).toEqual([expect.objectContaining({ reason: expect.stringMatching(/different identity/) })]);
  });

  it("once linked, the subject alone finds the account, whatever email (verified or not) the provider now sends", async () => {
    const user = await account();
    await oidcSignIn({ sub: "cis2-renamed", email: user.email, email_verified: true });
    const { outcome, sessionId } = await oidcSignIn({ sub: "cis2-renamed", email: "new.name@nhs.example" });
    expect(outcome).toBe(true);
    expect(await actorForSession(sessionId!)).toMatchObject({ id: user.id });
    // The other way round: another account's email does not lead the subject there.
    const other = await account();
    const again = await oidcSignIn({ sub: "cis2-renamed", email: other.email, email_verified: true });
    expect(await actorForSession(again.sessionId!)).toMatchObject({ id: user.id });
    expect(await db.consoleUser.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ oidcSubject: null });
  });

  it("an unknown email, or a linked account that was made inactive, is AccessDenied", async () => {
    expect((await oidcSignIn({ sub: "cis2-stranger", email: "stranger@nhs.example", email_verified: true })).outcome).toBe(false);
    const user = await account();
    await oidcSignIn({ sub: "cis2-leaver", email: user.email, email_verified: true });
    await db.consoleUser.update({ where: { id: user.id }, data: { active: false } });
    expect((await oidcSignIn({ sub: "cis2-leaver", email: user.email, email_verified: true })).outcome).toBe(false);
  });

  it("a password sign-in opens the session of the account whose id it was given", async () => {
    const user = await db.consoleUser.findUniqueOrThrow({ where: { email: "auditor@ra.example" } });
    const account: Account = { provider: "credentials", type: "credentials", providerAccountId: String(user.id) };
    const token = (await authOptions.callbacks!.jwt!({ token: { sub: String(user.id) } as JWT, user: { id: String(user.id), email: user.email, name: user.name }, account, trigger: "signIn" })) as JWT;
    expect(await actorForSession(token.sid as string)).toMatchObject({ id: user.id, role: "auditor" });
  });
});

describe("the Care Identity UUID links the account's own profile", () => {
  it("an unlinked account is linked to the profile the UUID names; from then on they cannot change it", async () => {
    const user = await account();
    await db.consoleUserOrganisation.create({
      data: { consoleUserId: user.id, organisationId: (await db.organisation.findUniqueOrThrow({ where: { odsCode: "A81002" } })).id },
    });
    const { outcome, sessionId } = await oidcSignIn({ sub: "cis2-uuid-1", email: user.email, email_verified: true, uid: demoPeople.noWorkgroupClerical });
    expect(outcome).toBe(true);
    const actor = await actorForSession(sessionId!);
    expect(actor).toMatchObject({ id: user.id, ownSmartcardId: demoPeople.noWorkgroupClerical });
    const [event] = await linkEvents(user.email);
    expect(JSON.parse(event!.after!)).toMatchObject({ smartcardId: demoPeople.noWorkgroupClerical, oidcSubject: "cis2-uuid-1" });

    (globalThis as { testSessionId?: string | null }).testSessionId = sessionId;
    const person = await db.person.findUniqueOrThrow({ where: { smartcardId: demoPeople.noWorkgroupClerical } });
    await expect(
      changePerson("role.add", { smartcardId: demoPeople.noWorkgroupClerical, odsCode: "A81002", roleCode: "R8001", reason: "self-service", version: person.version }),
    ).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/your own Care Identity profile/) });
    (globalThis as { testSessionId?: string | null }).testSessionId = null;
  });

  it("an account already linked (subject) picks up its profile at a later sign-in", async () => {
    const user = await account();
    await oidcSignIn({ sub: "cis2-later", email: user.email, email_verified: true });
    expect(await db.consoleUser.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ personId: null });
    const { sessionId } = await oidcSignIn({ sub: "cis2-later", uid: demoPeople.trustNoWorkgroup });
    expect(await actorForSession(sessionId!)).toMatchObject({ ownSmartcardId: demoPeople.trustNoWorkgroup });
  });

  it("a UUID matching the profile a manager linked vouches for the first link, even without a verified email", async () => {
    const user = await account({ smartcardId: demoPeople.roleAndWorkgroupApart });
    const { outcome } = await oidcSignIn({ sub: "cis2-vouched", email: user.email, uid: demoPeople.roleAndWorkgroupApart });
    expect(outcome).toBe(true);
    expect(await db.consoleUser.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ oidcSubject: "cis2-vouched" });
  });

  it("a UUID other than the linked profile's, or of a profile linked to someone else, is refused; nothing changes", async () => {
    const linked = await account({ smartcardId: demoPeople.roleAndWorkgroupApartTrust });
    expect((await oidcSignIn({ sub: "cis2-other-uuid", email: linked.email, email_verified: true, uid: demoPeople.canLogIn })).outcome).toBe(
      "CareIdentityProfileMismatch",
    );
    expect(await db.consoleUser.findUniqueOrThrow({ where: { id: linked.id } })).toMatchObject({ oidcSubject: null });

    const unlinked = await account();
    // Alex Agent's profile belongs to agent@ra.example.
    expect((await oidcSignIn({ sub: "cis2-taken-uuid", email: unlinked.email, email_verified: true, uid: demoPeople.alexAgent })).outcome).toBe(
      "CareIdentityProfileMismatch",
    );
    expect(await db.consoleUser.findUniqueOrThrow({ where: { id: unlinked.id } })).toMatchObject({ oidcSubject: null, personId: null });
    expect(await refusals(unlinked.email)).toHaveLength(1);
  });

  it("a UUID this console holds no profile for links nothing and does not stand in the way", async () => {
    const user = await account();
    const { outcome, sessionId } = await oidcSignIn({ sub: "cis2-no-profile", email: user.email, email_verified: true, uid: "999999999999" });
    expect(outcome).toBe(true);
    expect(await actorForSession(sessionId!)).toMatchObject({ ownSmartcardId: null });
  });
});

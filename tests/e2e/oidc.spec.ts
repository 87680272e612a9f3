// Sign-in through an OIDC provider (NHS CIS2 in real deployments), against a stand-in issuer
// (tests/e2e/oidc-issuer.mjs, on oauth2-mock-server). The console lets in only identities it knows.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectNoAxeViolations } from "./support";

const issuer = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 1}`;

async function nextIdentity(request: APIRequestContext, email: string) {
  const response = await request.post(`${issuer}/__test/identity`, { data: email, headers: { "content-type": "text/plain" } });
  expect(response.ok()).toBe(true);
}

test("a console user signs in with Care Identity and gets their own role", async ({ page, request }) => {
  await nextIdentity(request, "auditor@ra.example");
  await page.goto("/login?callbackUrl=%2Faudit");
  await expectNoAxeViolations(page, "/login with Care Identity sign-in");
  await page.getByRole("button", { name: "Sign in with Care Identity" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByText("Avery Auditor (Auditor)")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Change log" })).toBeVisible();
  // The sign-in is in the change log, naming the provider.
  await expect(page.getByRole("cell", { name: "Signed in" }).first()).toBeVisible();
});

test("an identity the console does not know is refused", async ({ page, request }) => {
  await nextIdentity(request, "stranger@nhs.example");
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Care Identity" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("Your Care Identity has no account in this console")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

/** The claims the stand-in provider sends next (anything left out: subject `cis2-<email>`, email verified). */
async function nextClaims(request: APIRequestContext, claims: { email: string; sub?: string; email_verified?: boolean | null; uid?: string }) {
  const response = await request.post(`${issuer}/__test/identity`, { data: claims });
  expect(response.ok()).toBe(true);
}

test("an email the provider has not verified does not link a Care Identity to an account", async ({ page, request }) => {
  await nextClaims(request, { email: "advanced@ra.example", sub: "cis2-unverified-advanced", email_verified: null });
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Care Identity" }).click();
  await expect(page).toHaveURL(/\/login\?error=CareIdentityEmailUnverified/);
  await expect(page.getByRole("alert").filter({ hasText: /Sign-in|Care Identity/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

test("once an account is linked, another Care Identity with the same email is refused", async ({ page, request }) => {
  await nextClaims(request, { email: "agent-sussex@ra.example", sub: "cis2-sam-sussex" });
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Care Identity" }).click();
  await expect(page.getByText("Sam Sussex (RA agent)")).toBeVisible();
  await page.context().clearCookies();

  await nextClaims(request, { email: "agent-sussex@ra.example", sub: "cis2-someone-else" });
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Care Identity" }).click();
  await expect(page).toHaveURL(/\/login\?error=CareIdentityMismatch/);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

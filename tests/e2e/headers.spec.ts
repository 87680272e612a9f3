// Under the nonce policy (no 'unsafe-inline' for scripts) pages still hydrate and Server Action forms
// still work, with no policy violation and no console error; an injected inline script is blocked.
// Nobody is changed here: the status lookup and the profile are only read.
import { readFileSync } from "node:fs";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, signIn, verdictHeadline } from "./support";

declare global {
  interface Window {
    cspViolations: string[];
    injected?: number;
  }
}

/** Records what the page's policy blocks, and every console error, from before the first script runs. */
async function watch(page: Page): Promise<{ violations: () => Promise<string[]>; consoleErrors: string[] }> {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || /Content.Security.Policy|Permissions.Policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  return { violations: () => page.evaluate(() => window.cspViolations), consoleErrors };
}

const nonceOf = (policy: string | undefined) => /'nonce-([^']+)'/.exec(policy ?? "")?.[1];

/** The nonce in a response's policy, after checking that every script tag in its HTML carries it. */
async function scriptsCarryTheNonce(response: APIResponse): Promise<string> {
  const policy = response.headers()["content-security-policy"];
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  const nonce = nonceOf(policy)!;
  const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, response.url()).toBeGreaterThan(3);
  for (const tag of scripts) expect(tag, response.url()).toContain(`nonce="${nonce}"`);
  return nonce;
}

test("every page's scripts carry that response's nonce, new every time", async ({ page, request }) => {
  const first = await scriptsCarryTheNonce(await request.get("/requests/status"));
  expect(await scriptsCarryTheNonce(await request.get("/requests/status"))).not.toBe(first);
  for (const path of ["/login", "/requests/new", "/no-such-page"]) await scriptsCarryTheNonce(await request.get(path));

  // Every other page in the build, signed in (a page a manager may not see still renders its own page).
  const routes = Object.values(JSON.parse(readFileSync(".next/app-path-routes-manifest.json", "utf8")) as Record<string, string>);
  const pages = routes.filter((r) => !r.startsWith("/api/") && !r.startsWith("/_") && !r.includes("."));
  expect(pages.length).toBeGreaterThan(10);
  await signIn(page, ACCOUNTS.manager);
  for (const route of pages) {
    const path = route.replace("[smartcardId]", demoPeople.canLogIn).replace(/\[[^\]]+\]/g, "unknown");
    await scriptsCarryTheNonce(await page.request.get(path));
  }
});

test("pages hydrate under the policy: sign-in and a Server Action form work, with no violation", async ({ page }) => {
  const { violations, consoleErrors } = await watch(page);

  // A public Server Action form (it only reads): the answer comes back from the action and is shown.
  await page.goto("/requests/status");
  await page.getByLabel("Request reference").fill("CSMS-7K4M2P9Q");
  await page.getByLabel("Work email address").fill("nobody@nhs.example");
  await page.getByRole("button", { name: "Check status" }).click();
  await expect(page.getByText("No request matches that reference and email address")).toBeVisible();

  // Client-side validation (react-hook-form) only runs once hydrated.
  await page.getByLabel("Work email address").fill("not an email");
  await page.getByRole("button", { name: "Check status" }).click();
  await expect(page.getByLabel("Work email address")).toHaveAttribute("aria-invalid", "true");

  // Sign-in is a client-side form too; then a signed-in page with client navigation.
  await signIn(page, ACCOUNTS.agent, undefined, { viaLoginPage: true });
  await page.goto(`/people/${demoPeople.canLogIn}`);
  await expect(verdictHeadline(page)).toHaveText(/^Can log in to CSMS/);

  expect(await violations()).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test("markup injected into a page cannot run script", async ({ page }) => {
  const { violations } = await watch(page);
  await page.goto("/requests/status");
  // What an unescaped value would smuggle in: an inline event handler (no nonce can cover an attribute).
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="/no-such-image.png" onerror="window.injected = 1" alt="">`));
  await expect.poll(violations).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/)]));
  expect(await page.evaluate(() => window.injected)).toBeUndefined();
});

test("headers: no powerful features, an isolated window, HSTS only over https, API answers never cached", async ({ page, request }) => {
  const overHttp = (await request.get("/login")).headers();
  expect(overHttp["permissions-policy"]).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\).*payment=\(\).*usb=\(\)/);
  expect(overHttp["cross-origin-opener-policy"]).toBe("same-origin");
  expect(overHttp["x-frame-options"]).toBe("DENY");
  expect(overHttp["strict-transport-security"]).toBeUndefined();

  const behindTls = (await request.get("/login", { headers: { "x-forwarded-proto": "https" } })).headers();
  expect(behindTls["strict-transport-security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);

  // Built files get the static headers too (from next.config.mjs).
  const html = await (await request.get("/login")).text();
  const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
  const assetHeaders = (await request.get(asset)).headers();
  expect(assetHeaders["x-content-type-options"]).toBe("nosniff");
  expect(assetHeaders["permissions-policy"]).toContain("camera=()");

  await signIn(page, ACCOUNTS.agent);
  const profile = await page.request.get(`/api/v1/people/${demoPeople.canLogIn}`);
  expect(profile.status()).toBe(200);
  expect(profile.headers()["cache-control"]).toBe("no-store");
  const refused = await page.request.get("/api/v1/people/not-an-id");
  expect(refused.status()).toBe(400);
  expect(refused.headers()["cache-control"]).toBe("no-store");
});

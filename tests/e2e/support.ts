// Shared helpers for the browser tests. Every test gets a fresh browser context (no session), and all
// tests share one seeded database per run: each test must only change people no other test uses.
// Sign-in is limited per network address (lib/auth/sign-in-policy.ts) and every test signs in from the same
// one, so signIn goes through the login page once per account and run, then reuses that session's cookies.
import { expect, type Cookie, type Locator, type Page } from "@playwright/test";
import { DEFAULT_DEMO_PASSWORD, type DemoScenario } from "../../prisma/seed/demo";
import { demoPersonSeeds } from "../../prisma/seed/people";
import { checkReflowOnce, expectAxeClean } from "./reflow";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;

export const ACCOUNTS = {
  agent: "agent@ra.example",
  advanced: "advanced@ra.example",
  manager: "manager@ra.example",
  auditor: "auditor@ra.example",
  sussexAgent: "agent-sussex@ra.example",
} as const;

/**
 * A demo person's smartcard ID, name and email as the seed puts them on the profile: a request that should
 * match the profile (identity check) uses these, one that should not uses anything else.
 */
export function demoPerson(scenario: DemoScenario): { smartcardId: string; name: string; email: string } {
  const seed = demoPersonSeeds.find((p) => p.scenario === scenario);
  if (!seed) throw new Error(`No demo person for scenario ${scenario}`);
  return { smartcardId: seed.smartcardId, name: seed.name, email: seed.email };
}

// Sessions signed in through the login page in this run (per worker), by email address.
const sessions = new Map<string, Cookie[]>();

/**
 * Signs in and waits until the signed-in header is there. The first time for an account (or with
 * `viaLoginPage`) this goes through the login page; after that the session from then is reused, as long as
 * it is still open (signOut ends it). Either way the page ends up signed in, away from /login.
 */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD, { viaLoginPage = false } = {}): Promise<void> {
  const saved = viaLoginPage ? undefined : sessions.get(email);
  if (saved) {
    await page.context().addCookies(saved);
    await page.goto("/");
    if (!/\/login/.test(page.url()) && (await page.getByRole("button", { name: "Sign out" }).count()) > 0) return;
    sessions.delete(email);
    await page.context().clearCookies();
  }
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
  sessions.set(email, await page.context().cookies());
}

/** Signs out with the header button and waits for the login page. */
export async function signOut(page: Page): Promise<void> {
  // The session ends on the server: forget it, so the next signIn for that account uses the login page.
  const mine = new Set((await page.context().cookies()).map((c) => `${c.name}=${c.value}`));
  for (const [email, cookies] of sessions) {
    if (cookies.some((c) => /session-token/.test(c.name) && mine.has(`${c.name}=${c.value}`))) sessions.delete(email);
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
}

/** The error summary, first in <main> whichever form it is about (Next.js also has a role="alert": its route announcer). */
export const errorSummary = (scope: Page | Locator): Locator => scope.getByRole("alert", { name: "There is a problem" });

export const verdictHeadline = (page: Page): Locator => page.getByTestId("verdict-headline");

/** The verdict section ("What CSMS will show at login"), where the one-click fix lives. */
export const verdictPanel = (page: Page): Locator => page.getByRole("region", { name: "What CSMS will show at login" });

/** Smartcard ID printed in groups of four, as people type it. */
export const spaced = (id: string): string => id.replace(/^(\d{4})(\d{4})(\d{4})$/, "$1 $2 $3");

/**
 * Keyboard-only navigation: presses Tab (from wherever focus is) until `target` has focus.
 * Fails if the target cannot be reached within `maxPresses`, i.e. it is not in the tab order.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target, `reached with Tab within ${maxPresses} presses`).toBeFocused({ timeout: 1 });
}

/**
 * Runs axe (WCAG 2.2 A and AA) on the page as it is now and fails with a readable list of violations; the
 * first time a run meets this page state it is also checked at 320 px (reflow.ts).
 */
export async function expectNoAxeViolations(page: Page, label?: string): Promise<void> {
  await expectAxeClean(page, label ?? page.url());
  await checkReflowOnce(page, label);
}

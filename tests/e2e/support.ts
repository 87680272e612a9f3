// Shared helpers for the browser tests. Every test gets a fresh browser context (no session), and all
// tests share one seeded database per run: each test must only change people no other test uses.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import { DEFAULT_DEMO_PASSWORD } from "../../prisma/seed/demo";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;

export const ACCOUNTS = {
  agent: "agent@ra.example",
  manager: "manager@ra.example",
  auditor: "auditor@ra.example",
  sussexAgent: "agent-sussex@ra.example",
} as const;

/** Signs in through the login page and waits until the signed-in header is there. */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Signs out with the header button and waits for the login page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
}

/** The error summary at the top of a form (Next.js also has a role="alert": its route announcer). */
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

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe (WCAG 2.1 A and AA) on the page as it is now and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, label?: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const readable = results.violations.map((v) => {
    const nodes = v.nodes
      .map((n) => `    at ${n.target.join(" ")}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
      .join("\n");
    return `${v.id} [${v.impact ?? "?"}] ${v.help} (${v.helpUrl})\n${nodes}`;
  });
  expect(readable, `axe violations on ${label ?? page.url()}:\n\n${readable.join("\n\n")}`).toEqual([]);
}

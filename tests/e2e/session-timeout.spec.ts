// The session-timeout warning (WCAG 2.2.1, 2.2.5), by keyboard: it opens two minutes before the server ends an
// idle session, keeps focus inside, and "Stay signed in" really extends the session; when time runs out the
// browser lands on the login page saying why, and signing in returns to the page with what was typed.
// Time: the browser's clock is moved with page.clock, the server's by moving the session's lastSeenAt back in
// the e2e database, so the server stays the one that decides (other specs' sessions are not touched).
// Nothing is changed here: demoPeople.mixedStatusNoWorkgroup is only read, its forms never submitted successfully.
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, DEMO_PASSWORD, errorSummary, expectNoAxeViolations, signIn, tabTo } from "./support";

const MINUTE = 60_000;
const email = ACCOUNTS.agent;
const profile = `/people/${demoPeople.mixedStatusNoWorkgroup}`;
const REASON = "Starts in the Densham clinic on Monday";

/** Moves the server's idle clock: the newest open session of `email` was last seen `idleMs` ago (or is ended). */
function setLastSeen(idleMs: number): void {
  const db = new Database("data/e2e.db", { fileMustExist: true, timeout: 5_000 });
  try {
    const at = new Date(Date.now() - idleMs).toISOString().replace("Z", "+00:00");
    const { changes } = db
      .prepare(
        `UPDATE ConsoleSession SET lastSeenAt = ? WHERE id = (SELECT s.id FROM ConsoleSession s JOIN ConsoleUser u ON u.id = s.consoleUserId
           WHERE u.email = ? AND s.endedAt IS NULL ORDER BY s.createdAt DESC LIMIT 1)`,
      )
      .run(at, email);
    expect(changes, "the signed-in session was found").toBe(1);
  } finally {
    db.close();
  }
}

const warning = (page: Page) => page.getByRole("dialog", { name: "You'll be signed out soon" });
const reasonBox = (page: Page) => page.getByRole("region", { name: "Add a job role" }).getByRole("textbox", { name: "Reason for this change" });

/** Signed in afresh (this session only), on the profile, with the page's own requests over. */
async function openProfile(page: Page): Promise<void> {
  await page.clock.install();
  await signIn(page, email, DEMO_PASSWORD, { viaLoginPage: true });
  await page.goto(profile);
  await expect(reasonBox(page)).toBeVisible();
  await page.waitForLoadState("networkidle");
}

/** The server's session has 90 seconds left; the browser's clock jumps to its warning time. */
async function bringUpWarning(page: Page): Promise<void> {
  setLastSeen(28.5 * MINUTE);
  await page.clock.fastForward("28:05");
  await expect(warning(page)).toBeVisible();
}

async function signInAgain(page: Page): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).press("Enter");
  await expect(page).toHaveURL(profile);
}

test("the warning by keyboard: focus inside, Tab kept inside, Enter on Stay signed in extends the session", async ({ page }) => {
  await openProfile(page);
  await tabTo(page, reasonBox(page));
  await bringUpWarning(page);

  const dialog = warning(page);
  const stay = dialog.getByRole("button", { name: "Stay signed in" });
  const signOut = dialog.getByRole("button", { name: "Sign out" });
  await expect(stay).toBeFocused();
  await expect(dialog).toContainText(/You will be signed out in 1 minute \d+ seconds?/);
  // Screen readers hear the minutes, not every second.
  await expect(dialog.locator("[aria-live]")).toHaveText("You will be signed out in 2 minutes.");
  await expectNoAxeViolations(page, "session-timeout warning open");

  for (const [key, focused] of [["Tab", signOut], ["Tab", stay], ["Shift+Tab", signOut], ["Shift+Tab", stay]] as const) {
    await page.keyboard.press(key);
    await expect(focused).toBeFocused();
  }

  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(reasonBox(page)).toBeFocused();
  // The server restarted the idle clock: a full 30 minutes again.
  const session = await page.request.get("/api/session");
  expect(session.status()).toBe(200);
  expect((await session.json()).remainingMs).toBeGreaterThan(29 * MINUTE);
  // And the warning stays closed until it is due again.
  await page.clock.runFor(5_000);
  await expect(dialog).toBeHidden();
});

test("Escape on the warning also stays signed in", async ({ page }) => {
  await openProfile(page);
  await bringUpWarning(page);
  await page.keyboard.press("Escape");
  await expect(warning(page)).toBeHidden();
  expect((await (await page.request.get("/api/session")).json()).remainingMs).toBeGreaterThan(29 * MINUTE);
});

test("when time runs out: the login page says why, and signing in returns to the page with the typed reason", async ({ page }) => {
  await openProfile(page);
  await reasonBox(page).fill(REASON);
  await bringUpWarning(page);

  setLastSeen(31 * MINUTE);
  await page.clock.fastForward("02:00");
  await expect(page).toHaveURL(/\/login\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("callbackUrl")).toBe(profile);
  expect(url.searchParams.get("reason")).toBe("idle");
  await expect(page.getByText("You were signed out after 30 minutes without activity.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expectNoAxeViolations(page, "/login after a timeout");

  await signInAgain(page);
  await expect(reasonBox(page)).toHaveValue(REASON);
  await expect(page.getByText("What you typed before you were signed out has been put back.")).toBeVisible();
  // Put back once: a later visit starts empty.
  await page.reload();
  await expect(reasonBox(page)).toHaveValue("");
});

/** Fills the "Add a job role" form so the browser's own checks pass and it reaches the server. */
async function fillAddRole(page: Page) {
  const form = page.getByRole("region", { name: "Add a job role" });
  const organisation = form.getByLabel("Organisation");
  const role = form.getByLabel("Job role");
  await organisation.selectOption({ index: 1 });
  await role.selectOption({ index: 1 });
  await reasonBox(page).fill(REASON);
  return { form, organisation, role, chosen: { organisation: await organisation.inputValue(), role: await role.inputValue() } };
}

test("a change sent after the session ended links to sign in, and what was typed survives it", async ({ page }) => {
  await openProfile(page);
  const { form, organisation, role, chosen } = await fillAddRole(page);

  setLastSeen(31 * MINUTE);
  await form.getByRole("button", { name: "Add job role" }).press("Enter");
  const summary = errorSummary(page);
  await expect(summary).toContainText("You have been signed out, so nothing was changed.");
  await expect(summary).toBeFocused();
  await expectNoAxeViolations(page, "profile with a signed-out answer");
  const link = summary.getByRole("link", { name: "Sign in again" });
  await page.keyboard.press("Tab");
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/login\?/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(profile);
  await signInAgain(page);
  await expect(reasonBox(page)).toHaveValue(REASON);
  await expect(organisation).toHaveValue(chosen.organisation);
  await expect(role).toHaveValue(chosen.role);
});

test("someone else signing in in the same tab does not get the draft", async ({ page }) => {
  await openProfile(page);
  const { form } = await fillAddRole(page);
  setLastSeen(31 * MINUTE);
  await form.getByRole("button", { name: "Add job role" }).click();
  await errorSummary(page).getByRole("link", { name: "Sign in again" }).click();

  await expect(page).toHaveURL(/\/login\?/);
  await page.getByLabel("Email address").fill(ACCOUNTS.advanced);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(profile);
  await expect(reasonBox(page)).toBeVisible();
  // The page looked for a draft (and dropped the one that is not theirs) without putting it back.
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem(`ra-console:draft:${location.pathname}`))).toBeNull();
  await expect(reasonBox(page)).toHaveValue("");
  await expect(page.getByText("What you typed before you were signed out has been put back.")).toHaveCount(0);
});

test("staying signed in in one tab closes the warning in the other", async ({ page }) => {
  await openProfile(page);
  const other = await page.context().newPage();
  await other.goto(profile);
  await expect(reasonBox(other)).toBeVisible();
  await other.waitForLoadState("networkidle");
  // One clock for the whole browser: both tabs reach the warning together.
  await bringUpWarning(page);
  await expect(warning(other)).toBeVisible();

  await page.bringToFront();
  await warning(page).getByRole("button", { name: "Stay signed in" }).press("Enter");
  await expect(warning(page)).toBeHidden();
  await expect(warning(other)).toBeHidden();
});

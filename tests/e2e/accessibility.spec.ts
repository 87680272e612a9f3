// axe (WCAG 2.1 A and AA) on every page of the console, including its error and open-form states.
// Nothing is changed here: demoPeople.mixedStatusNoWorkgroup, canLogIn and alexAgent are only read.
// (The request page, the identity panel, the IG warning and /approvals are checked in safe-grants.spec.ts.)
import { expect, test } from "@playwright/test";
import { DENSHAM, demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, errorSummary, expectNoAxeViolations, signIn, verdictHeadline, verdictPanel } from "./support";

// Role R1480 at A81001 without its workgroup, the workgroup at A81002 without a role: "no workgroup".
const person = demoPeople.mixedStatusNoWorkgroup;

test("login page, empty and with errors", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectNoAxeViolations(page, "/login");

  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(errorSummary(page)).toBeVisible();
  await expectNoAxeViolations(page, "/login with missing fields");

  await page.getByLabel("Email address").fill(ACCOUNTS.agent);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(errorSummary(page)).toContainText("The email address or password is not right");
  await expectNoAxeViolations(page, "/login with wrong password");
});

test.describe("as an RA agent", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, ACCOUNTS.agent);
  });

  test("lookup page: empty, with an error, and with no profile found", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Look up a person" })).toBeVisible();
    await expectNoAxeViolations(page, "/ (empty)");

    const field = page.getByLabel("Smartcard ID");
    await field.fill("5555 0000 000");
    await field.press("Enter");
    await expect(errorSummary(page)).toBeFocused();
    await expectNoAxeViolations(page, "/ with a client-side error");

    await page.goto("/?smartcardId=5555x0000");
    await expect(errorSummary(page)).toContainText("A smartcard ID contains only digits");
    await expectNoAxeViolations(page, "/ with a server-side error");

    await page.goto("/?smartcardId=555500009999");
    await expect(page.getByRole("heading", { name: "No Care Identity profile with that smartcard ID" })).toBeVisible();
    await expectNoAxeViolations(page, "/ with no profile found");
  });

  test("profile with change forms, an open disclosure and a form error", async ({ page }) => {
    // Two positions and no way in: the plan waits for the organisation where they need CSMS.
    await page.goto(`/people/${person}`);
    await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");
    await expect(page.getByTestId("fix-plan")).toHaveText("Choose the organisation where this person needs CSMS to see what to change.");
    await expectNoAxeViolations(page, "profile (agent), no organisation chosen");

    await page.getByLabel("Where does this person need CSMS?").selectOption(DENSHAM.odsCode);
    await page.getByRole("button", { name: "Show what to change" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]for=${DENSHAM.odsCode}`));
    // An RA agent may ask for the workgroup, not add it.
    await expect(verdictPanel(page).getByRole("button", { name: `Ask for this: add workgroup at ${DENSHAM.odsCode}` })).toBeVisible();
    await expect(verdictPanel(page).getByRole("button", { name: /^Apply fix/ })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Add a job role" })).toBeVisible();
    await expectNoAxeViolations(page, "profile (agent)");

    const positions = page.getByRole("region", { name: "Positions" });
    await positions.getByText("Ask: add workgroup").first().click();
    await expect(positions.getByRole("textbox", { name: "Why is this needed?" })).toBeVisible();
    const firstRole = positions.getByText(/^Remove R\d{4}$/).first();
    await firstRole.click();
    await expect(positions.getByRole("button", { name: /^Remove R\d{4} at / }).first()).toBeVisible();
    await expectNoAxeViolations(page, "profile (agent) with disclosures open");

    // An error summary inside a change form (client-side: nothing is sent, nothing changes).
    const addRole = page.getByRole("region", { name: "Add a job role" });
    await addRole.getByRole("button", { name: "Add job role" }).click();
    await expect(errorSummary(page)).toContainText("Enter a reason for this change");
    await expectNoAxeViolations(page, "profile (agent) with a form error");
  });

  test("the agent's own profile, with its warning", async ({ page }) => {
    await page.goto(`/people/${demoPeople.alexAgent}`);
    await expect(page.getByText("This is your own Care Identity profile")).toBeVisible();
    await expectNoAxeViolations(page, "own profile (agent)");
  });

  test("403 page (change log for an RA agent)", async ({ page }) => {
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1, name: "You do not have permission to see this page" })).toBeVisible();
    await expectNoAxeViolations(page, "403 page");
  });

  test("404 page (malformed smartcard ID in the address)", async ({ page }) => {
    const response = await page.goto("/people/123");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expectNoAxeViolations(page, "404 page");
  });
});

test("profile as the auditor (read only)", async ({ page }) => {
  await signIn(page, ACCOUNTS.auditor);
  await page.goto(`/people/${demoPeople.canLogIn}`);
  await expect(verdictHeadline(page)).toHaveText(new RegExp(`^Can log in to CSMS as R8001 .+ at ${DENSHAM.odsCode}`));
  await expectNoAxeViolations(page, "profile (auditor)");

  await page.goto(`/people/${person}?for=${DENSHAM.odsCode}`);
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");
  await expect(page.getByTestId("fix-plan")).toHaveText(`To let this person into CSMS at ${DENSHAM.odsCode} (${DENSHAM.name}):`);
  await expectNoAxeViolations(page, "profile with fixes to make (auditor)");
});

test("profile as an advanced RA agent, with the workgroup fix and its disclosure open", async ({ page }) => {
  await signIn(page, ACCOUNTS.advanced);
  await page.goto(`/people/${person}?for=${DENSHAM.odsCode}`);
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");
  await expect(verdictPanel(page).getByRole("button", { name: `Apply fix: add workgroup at ${DENSHAM.odsCode}` })).toBeVisible();
  await expect(verdictPanel(page).getByRole("button", { name: /^Ask for this/ })).toHaveCount(0);
  const positions = page.getByRole("region", { name: "Positions" });
  await positions.getByText("Add workgroup", { exact: true }).click();
  await expect(positions.getByRole("button", { name: `Add workgroup at ${DENSHAM.odsCode}` })).toBeVisible();
  await expectNoAxeViolations(page, "profile (advanced agent) with the workgroup disclosure open");
});

test("change log as the RA manager: list, filter error, one event, access log", async ({ page }) => {
  await signIn(page, ACCOUNTS.manager);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Change log" })).toBeVisible();
  // Sign-ins are security events, so the table has rows by now.
  await expect(page.getByRole("table")).toBeVisible();
  await expectNoAxeViolations(page, "/audit (manager)");

  await page.goto("/audit?from=not-a-date");
  await expect(errorSummary(page)).toContainText("Enter a real date like");
  await expectNoAxeViolations(page, "/audit with a filter error");

  await page.goto("/audit");
  await page.getByRole("link", { name: /^Event \d+ at / }).first().click();
  await expect(page).toHaveURL(/\/audit\/\d+$/);
  await expect(page.getByRole("link", { name: "Back to the change log" })).toBeVisible();
  await expectNoAxeViolations(page, "/audit/{eventId}");

  await page.goto("/audit/access");
  await expect(page.getByRole("heading", { level: 1, name: "Profile access log" })).toBeVisible();
  await expectNoAxeViolations(page, "/audit/access");
});

test("change log as the auditor", async ({ page }) => {
  await signIn(page, ACCOUNTS.auditor);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Change log" })).toBeVisible();
  await expectNoAxeViolations(page, "/audit (auditor)");
});

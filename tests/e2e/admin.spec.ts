// RA managers keep the job role catalogue and the console accounts; both pages are checked with axe.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, errorSummary, expectNoAxeViolations, signIn } from "./support";

test("the manager adds an RA agent who can then sign in", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.manager);
  await page.goto("/console-users");
  await expectNoAxeViolations(page, "/console-users");
  const add = page.getByRole("region", { name: "Add a console user" });
  await add.getByLabel("Email address").fill("new.agent@ra.example");
  await add.getByLabel("Name").fill("Nia New");
  await add.getByLabel("A81002 Queens Park Medical Centre").check();
  await add.getByLabel(/Temporary password/).fill("a-long-temporary-password");
  await add.getByRole("button", { name: "Add console user" }).click();
  await expect(add.getByText("Console user added.")).toBeVisible();
  await expect(page.getByRole("cell", { name: /Nia New/ })).toBeVisible();

  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, "new.agent@ra.example", "a-long-temporary-password");
  await expect(other.getByText("Nia New (RA agent)")).toBeVisible();
  await context.close();
});

test("the manager's form refuses bad input with a focused error summary", async ({ page }) => {
  await signIn(page, ACCOUNTS.manager);
  await page.goto("/console-users");
  const add = page.getByRole("region", { name: "Add a console user" });
  await add.getByLabel("Email address").fill("not-an-email");
  await add.getByRole("button", { name: "Add console user" }).click();
  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Enter an email address like name@nhs.net");
  await expect(summary).toContainText("Enter the person's name");
  await expectNoAxeViolations(page, "/console-users with errors");
});

test("the catalogue is readable by an agent and editable only by a manager", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await page.goto("/job-roles");
  await expect(page.getByRole("cell", { name: "R8001" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add job role" })).toHaveCount(0);
  await expectNoAxeViolations(page, "/job-roles as an agent");
  await page.goto("/console-users");
  await expect(page.getByRole("heading", { name: "You do not have permission to see this page" })).toBeVisible();
});

test("the manager adds a job role to the catalogue", async ({ page }) => {
  await signIn(page, ACCOUNTS.manager);
  await page.goto("/job-roles");
  const add = page.getByRole("region", { name: "Add a job role" });
  await add.getByLabel("Job role code").fill("R8004");
  await add.getByLabel("Name").fill("Healthcare student access role");
  await add.getByLabel("CSMS user group").fill("Students");
  await add.getByLabel("CSMS accepts this role at login").uncheck();
  await add.getByRole("button", { name: "Add job role" }).click();
  await expect(add.getByText("Job role added.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "R8004" })).toBeVisible();
  await page.getByLabel("Edit R8001").click();
  await expectNoAxeViolations(page, "/job-roles as a manager with an edit form open");
});

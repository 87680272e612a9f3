// Forms used with the keyboard only (Tab, typing, Enter): errors are summarised, focused and linked to
// their fields; a change without a reason changes nothing; roles are added and removed.
// People changed here (and nowhere else): demoPeople.noRoles (role added), demoPeople.canLogInTwoRoles
// (role removed). demoPeople.noWorkgroupEnded is only read (its change is refused for an empty reason).
// RA agents make the role changes; the refused workgroup change is tried by an advanced RA agent, since
// only they (and RA managers) are offered workgroup forms.
import { expect, test, type Page } from "@playwright/test";
import { QUEENS_PARK, demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, errorSummary, signIn, tabTo, verdictHeadline, verdictPanel } from "./support";

async function lookUpWithKeyboard(page: Page, typed: string): Promise<void> {
  await page.goto("/");
  await tabTo(page, page.getByLabel("Smartcard ID"));
  await page.keyboard.type(typed);
  await page.keyboard.press("Enter");
}

async function personVersion(page: Page, id: string): Promise<number> {
  const response = await page.request.get(`/api/v1/people/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()).version;
}

test("a malformed smartcard ID gives a focused error summary that links to the field", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await lookUpWithKeyboard(page, "5555 0000 000");

  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  const link = summary.getByRole("link", { name: "A smartcard ID has 12 digits — this has 11" });
  await expect(link).toHaveAttribute("href", "#smartcardId");
  const field = page.getByLabel("Smartcard ID");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/Error: A smartcard ID has 12 digits — this has 11/);
  // The server answered the GET form: the address keeps what was typed.
  await expect(page).toHaveURL(/\/\?smartcardId=5555\+0000\+000$/);

  // From the summary, the next Tab reaches the link and Enter takes the user to the field.
  await page.keyboard.press("Tab");
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(field).toBeFocused();

  // Correcting it from there works (the missing last digit makes demoPeople.canLogInNursingAssociate, only read).
  await page.keyboard.press("End");
  await page.keyboard.type("9");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/people/${demoPeople.canLogInNursingAssociate}$`));
  await expect(verdictHeadline(page)).toHaveText(/^Can log in to CSMS/);
});

test("a well-formed but unknown smartcard ID says there is no profile", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await lookUpWithKeyboard(page, "5555-0000-9999");
  await expect(page).toHaveURL(/\/\?smartcardId=555500009999$/);
  const result = page.getByRole("status").filter({ hasText: "No Care Identity profile with that smartcard ID" });
  await expect(result).toBeVisible();
  await expect(result).toContainText("5555 0000 9999");
  await expect(errorSummary(page)).toHaveCount(0);
});

test("a change with an empty reason is refused and changes nothing", async ({ page, baseURL }) => {
  await signIn(page, ACCOUNTS.advanced);
  const person = demoPeople.noWorkgroupEnded;
  await lookUpWithKeyboard(page, person);
  await expect(page).toHaveURL(new RegExp(`/people/${person}$`));
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");
  const version = await personVersion(page, person);

  const panel = verdictPanel(page);
  const reason = panel.getByRole("textbox", { name: "Reason for this change" });
  await tabTo(page, reason);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type("   ");
  await expect(reason).toHaveValue("   ");
  const apply = panel.getByRole("button", { name: `Apply fix: add workgroup at ${QUEENS_PARK.odsCode}` });
  await page.keyboard.press("Tab");
  await expect(apply).toBeFocused();
  await page.keyboard.press("Enter");

  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  const link = summary.getByRole("link", { name: "Enter a reason for this change" });
  await expect(link).toHaveAttribute("href", `#fix-${QUEENS_PARK.odsCode}-reason`);
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toHaveAccessibleDescription(/Error: Enter a reason for this change/);
  await page.keyboard.press("Tab");
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(reason).toBeFocused();

  // Nothing changed, on the page or behind it.
  await expect(page.getByRole("status").filter({ hasText: "workgroup added" })).toHaveCount(0);
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");
  expect(await personVersion(page, person)).toBe(version);

  // The server says the same to a script that skips the form.
  const refused = await page.request.post(`/api/v1/people/${person}/workgroups`, {
    data: { odsCode: QUEENS_PARK.odsCode, reason: "  ", version },
    headers: { origin: baseURL! },
  });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ error: { code: "bad_input", fields: { reason: "Enter a reason for this change" } } });
  expect(await personVersion(page, person)).toBe(version);
});

test("adding a job role with the 'Add a job role' form updates the verdict", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  const person = demoPeople.noRoles;
  await lookUpWithKeyboard(page, person);
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no valid role");

  // The verdict's fix link leads to the form; the next Tab lands in it.
  const fixLink = verdictPanel(page).getByRole("link", { name: `Choose a CSMS job role to add at ${QUEENS_PARK.odsCode}` });
  await tabTo(page, fixLink);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#add-role$/);

  const form = page.getByRole("region", { name: "Add a job role" });
  const organisation = form.getByRole("combobox", { name: "Organisation" });
  const jobRole = form.getByRole("combobox", { name: "Job role" });
  await tabTo(page, organisation);
  await page.keyboard.type(QUEENS_PARK.odsCode);
  await expect(organisation).toHaveValue(QUEENS_PARK.odsCode);
  await page.keyboard.press("Tab");
  await expect(jobRole).toBeFocused();
  await page.keyboard.type("R8001");
  await expect(jobRole).toHaveValue("R8001");
  // The optional end date comes next (day, month and year boxes): left empty, the role is open-ended.
  const endDate = form.getByRole("group", { name: "End date (optional)" });
  for (const box of ["Day", "Month", "Year"]) {
    await page.keyboard.press("Tab");
    await expect(endDate.getByRole("textbox", { name: box })).toBeFocused();
    await expect(endDate.getByRole("textbox", { name: box })).toHaveValue("");
  }
  await page.keyboard.press("Tab");
  await expect(form.getByRole("textbox", { name: "Reason for this change" })).toBeFocused();
  await page.keyboard.type("New starter: practice nurse (e2e keyboard test)");
  await page.keyboard.press("Tab");
  await expect(form.getByRole("button", { name: "Add job role" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("status").filter({ hasText: "Job role added." })).toBeVisible();
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");
  const positions = page.getByRole("region", { name: "Positions" });
  const row = positions.getByRole("row", { name: new RegExp(QUEENS_PARK.odsCode) });
  await expect(row).toContainText("R8001");
  await expect(row).not.toContainText("ends on");
});

test("removing a job role needs the disclosure, a reason and a confirming button", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  const person = demoPeople.canLogInTwoRoles;
  await lookUpWithKeyboard(page, person);
  await expect(verdictHeadline(page)).toHaveText(
    `Can log in to CSMS and choose from 2 roles at ${QUEENS_PARK.odsCode} (${QUEENS_PARK.name})`,
  );

  const positions = page.getByRole("region", { name: "Positions" });
  const confirm = positions.getByRole("button", { name: `Remove R0620 at ${QUEENS_PARK.odsCode}` });
  await expect(confirm).toBeHidden();
  const disclosure = positions.getByText("Remove R0620", { exact: true });
  await tabTo(page, disclosure);
  await page.keyboard.press("Enter");
  await expect(confirm).toBeVisible();

  // Closed disclosures keep their forms out of the way: only this one reason box is showing.
  const reason = positions.getByRole("textbox", { name: "Reason for this change" });
  await expect(reason).toHaveCount(1);
  await page.keyboard.press("Tab");
  await expect(reason).toBeFocused();
  await page.keyboard.type("No longer a clinical practitioner (e2e keyboard test)");
  await page.keyboard.press("Tab");
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("status").filter({ hasText: "Job role removed." })).toBeVisible();
  await expect(verdictHeadline(page)).toHaveText(
    new RegExp(`^Can log in to CSMS as R8001 .+ at ${QUEENS_PARK.odsCode} \\(${QUEENS_PARK.name}\\)$`),
  );
  await expect(positions.getByText("Remove R0620", { exact: true })).toHaveCount(0);
  await expect(positions.getByText("Remove R8001", { exact: true })).toHaveCount(1);
});

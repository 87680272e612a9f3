// The main journey: an advanced RA agent finds someone CSMS turns away with "no workgroup", applies the
// one-click fix from the verdict, and an RA manager then finds the change, with its reason, in the change log.
// (An RA agent sees the same plan but may only ask for the workgroup: that path is in safe-grants.spec.ts.)
// Person changed here (and nowhere else): demoPeople.noWorkgroup.
import { expect, test } from "@playwright/test";
import { DENSHAM, demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, expectNoAxeViolations, signIn, signOut, spaced, verdictHeadline, verdictPanel } from "./support";

const person = demoPeople.noWorkgroup;

test("advanced agent fixes 'no workgroup' from the verdict and the manager sees it in the change log", async ({ page }) => {
  const reason = `e2e fix ${Date.now()}: ticket INC-${Math.floor(Math.random() * 1e6)}`;

  // An RA agent is shown the plan, but workgroups are not theirs to change: they can only ask.
  await signIn(page, ACCOUNTS.agent);
  await page.goto(`/people/${person}`);
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");
  await expect(page.getByTestId("fix-plan")).toHaveText(`To let this person into CSMS at ${DENSHAM.odsCode} (${DENSHAM.name}):`);
  await expect(verdictPanel(page).getByRole("button", { name: /Apply fix/ })).toHaveCount(0);
  await expect(verdictPanel(page).getByRole("button", { name: `Ask for this: add workgroup at ${DENSHAM.odsCode}` })).toBeVisible();
  await signOut(page);

  await signIn(page, ACCOUNTS.advanced);
  await page.goto("/");
  const lookup = page.getByLabel("Smartcard ID");
  await lookup.fill(spaced(person));
  await lookup.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/people/${person}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");

  const panel = verdictPanel(page);
  const reasonBox = panel.getByRole("textbox", { name: "Reason for this change" });
  await expect(reasonBox).not.toHaveValue("");
  await reasonBox.fill(reason);
  await panel.getByRole("button", { name: `Apply fix: add workgroup at ${DENSHAM.odsCode}` }).click();

  await expect(page.getByRole("status").filter({ hasText: "cervicalscreening workgroup added." })).toBeVisible();
  await expect(verdictHeadline(page)).toHaveText(
    new RegExp(`^Can log in to CSMS as R8001 .+ at ${DENSHAM.odsCode} \\(${DENSHAM.name}\\)$`),
  );
  await expect(panel.getByRole("button", { name: /Apply fix/ })).toHaveCount(0);

  // The API agrees with the page.
  const api = await page.request.get(`/api/v1/people/${person}`);
  expect(api.status()).toBe(200);
  const json = await api.json();
  expect(json.verdict).toMatchObject({ canLogIn: true, error: null });
  expect(json.positions).toContainEqual(expect.objectContaining({ odsCode: DENSHAM.odsCode, cervicalScreeningWorkgroup: true }));

  await signOut(page);

  await signIn(page, ACCOUNTS.manager);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Change log" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("heading", { level: 1, name: "Change log" })).toBeVisible();

  const row = page.getByRole("row").filter({ hasText: reason });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`Added the cervicalscreening workgroup at ${DENSHAM.odsCode}`);
  await expect(row).toContainText(ACCOUNTS.advanced);
  await expect(row).toContainText(spaced(person));
  await expect(row.getByRole("cell", { name: reason, exact: true })).toBeVisible();
  // The seed records no changes, so this is where the change log is checked with rows in it.
  await expectNoAxeViolations(page, "/audit with events");
});

// An RA manager loads CSMS user groups' codes from a CSV: the dry run first, then the import; axe on each step.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, expectNoAxeViolations, signIn } from "./support";

const csv = (lines: string[]) => ({ name: "csms-roles.csv", mimeType: "text/csv", buffer: Buffer.from(["code,name,user group,CSMS access", ...lines].join("\r\n")) });

test("a file with a bad line is shown line by line and cannot be imported", async ({ page }) => {
  await signIn(page, ACCOUNTS.manager);
  await page.goto("/job-roles");
  const importer = page.getByRole("region", { name: "Import job roles from a CSV file" });
  await importer.getByLabel("CSV file").setInputFiles(csv(["R9101,Sample taker,Sample takers,maybe"]));
  await importer.getByRole("button", { name: /Check file/ }).click();
  await expect(importer.getByText('Line 2: CSMS access must be yes or no, not "maybe".')).toBeVisible();
  await expect(importer.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await expectNoAxeViolations(page, "/job-roles import with problems");
});

test("the manager checks a file, imports it, and the sample takers' group has codes", async ({ page }) => {
  await signIn(page, ACCOUNTS.manager);
  await page.goto("/job-roles");
  const missing = page.getByRole("region", { name: "CSMS user groups with no codes loaded" });
  await expect(missing).toContainText("Sample takers: no codes loaded — CSMS will refuse these staff");

  const importer = page.getByRole("region", { name: "Import job roles from a CSV file" });
  await importer.getByLabel("CSV file").setInputFiles(csv(["R9101,Sample taker,Sample takers,yes", "R8001,Nurse access role,GP practice,yes"]));
  await importer.getByRole("button", { name: /Check file/ }).click();
  const table = importer.getByRole("table", { name: "Codes in the file" });
  await expect(table.getByRole("row", { name: /R9101 New/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /R8001 Unchanged/ })).toBeVisible();
  await expectNoAxeViolations(page, "/job-roles import dry run");

  await importer.getByRole("button", { name: "Import 1 new or changed code" }).click();
  await expect(importer.getByRole("status")).toHaveText("Imported: 1 added, 0 changed, 1 unchanged. Each is in the change log.");
  await expect(page.getByRole("region", { name: "Sample takers" }).getByRole("cell", { name: "R9101" })).toBeVisible();
  await expect(missing).not.toContainText("Sample takers");
});

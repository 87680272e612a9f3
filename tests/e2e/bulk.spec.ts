// Bulk changes from a CSV file: upload, the dry run with a bad row's problem, apply with progress, the batch in
// the change log; axe on each step. People changed here (and nowhere else): demoPeople.workgroupOnly and
// demoPeople.workgroupOnlyTwoOrgs (R8010 added at A81002 and A81001).
import { expect, test } from "@playwright/test";
import { formatSmartcardId } from "../../lib/domain/smartcard";
import { demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, expectNoAxeViolations, signIn } from "./support";

const csv = (lines: string[]) => ({
  name: "pcn-onboarding.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(["smartcard_id,ods_code,action,role,reason,end_date", ...lines].join("\r\n") + "\r\n"),
});

test("an RA manager checks a file, applies it with progress shown, and finds the batch in the change log", async ({ page }) => {
  await signIn(page, ACCOUNTS.manager);
  await page.goto("/bulk");
  await expect(page.getByRole("heading", { level: 1, name: "Bulk changes" })).toBeVisible();
  await expectNoAxeViolations(page, "/bulk");

  await page.getByLabel("CSV file").setInputFiles(
    csv([
      `${demoPeople.workgroupOnly},A81002,add,R8010,PCN onboarding,`,
      `${demoPeople.workgroupOnly},A81002,add,R7777,PCN onboarding,`,
      `${demoPeople.workgroupOnlyTwoOrgs},A81001,add,R8010,PCN onboarding,`,
    ]),
  );
  await page.getByRole("button", { name: "Check the file" }).click();
  const dryRun = page.getByRole("table", { name: "What each row would do" });
  await expect(dryRun.getByRole("row")).toHaveCount(4);
  await expect(dryRun.getByRole("row", { name: /R7777 is not in the job role catalogue\./ })).toContainText("Problem");
  await expect(dryRun.getByRole("row", { name: /Will change/ })).toHaveCount(2);
  await expect(page.getByRole("link", { name: /Download the file with each row's status and problems/ })).toBeVisible();
  await expectNoAxeViolations(page, "/bulk dry run");

  await page.getByRole("button", { name: "Apply 2 changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "of 3 rows" })).toHaveText("Finished: 3 of 3 rows");
  const done = page.getByRole("table", { name: "What each row did" });
  await expect(done.getByRole("row", { name: /Applied/ })).toHaveCount(2);
  await expect(done.getByRole("row", { name: /R7777 is not in the job role catalogue\./ })).toBeVisible();
  await expectNoAxeViolations(page, "/bulk applied");

  await page.getByRole("link", { name: "See this batch in the change log" }).click();
  await expect(page).toHaveURL(/\/audit\?batchId=[0-9a-f-]{36}$/);
  const batchId = new URL(page.url()).searchParams.get("batchId")!;
  await expect(page.getByLabel("Bulk batch reference")).toHaveValue(batchId);
  const events = page.getByRole("table", { name: "Changes, newest first" }).getByRole("row", { name: /Added job role R8010/ });
  await expect(events).toHaveCount(2);
  await expect(events.filter({ hasText: "PCN onboarding" })).toHaveCount(2);
  await expect(events.filter({ hasText: formatSmartcardId(demoPeople.workgroupOnly) })).toContainText("at A81002");
  await expect(events.filter({ hasText: formatSmartcardId(demoPeople.workgroupOnlyTwoOrgs) })).toContainText("at A81001");
  await expectNoAxeViolations(page, "/audit for the batch");
});

test("an RA agent opening /bulk gets the 403 page", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  const response = await page.goto("/bulk");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You do not have permission to see this page" })).toBeVisible();
  await expect(page.getByLabel("CSV file")).toHaveCount(0);
  await expectNoAxeViolations(page, "/bulk forbidden");
});

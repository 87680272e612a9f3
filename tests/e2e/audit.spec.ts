// The change log from the auditor's side: a change made through a request is found by smartcard ID and
// date, opened, explained in plain words, linked back to its request, and downloaded as CSV; the tamper
// check holds; an RA agent is kept out of the log (page and API).
// Person changed here (and nowhere else): demoPeople.trustNoWorkgroup (R8003 at RYR, no workgroup).
import { readFile } from "node:fs/promises";
import { expect, test, type Browser } from "@playwright/test";
import { TRUST, demoPeople } from "../../prisma/seed/demo";
import { ukDay } from "../../lib/domain/grant-dates";
import { ACCOUNTS, demoPerson, expectNoAxeViolations, signIn, spaced, verdictHeadline } from "./support";

const person = demoPeople.trustNoWorkgroup;
const owner = demoPerson("trustNoWorkgroup");
/** Today in the UK, as the change log's date boxes take it. */
const ukToday = () => {
  const [year, month, day] = ukDay(new Date()).split("-").map(Number) as [number, number, number];
  return { day: String(day), month: String(month), year: String(year) };
};
// The server compares the chain with the last line of AUDIT_CHECKPOINT_FILE (default data/audit-checkpoints.jsonl):
// a checkpoint written for another database (e.g. `npm run audit:checkpoint` on the dev one) breaks it here.
const TAMPER_HINT = `tamper check of the e2e database (checkpoint file: ${process.env.AUDIT_CHECKPOINT_FILE ?? "data/audit-checkpoints.jsonl"})`;

/**
 * The requester (the profile's owner, so name and email match it) sends a request through the public API
 * (no session), and an advanced RA agent fixes it from the request page.
 */
async function requestAndFix(browser: Browser, reason: string): Promise<{ id: string; reference: string }> {
  const requester = await browser.newContext();
  const created = await requester.request.post("/api/v1/requests", {
    data: {
      name: owner.name,
      email: owner.email,
      smartcardId: spaced(person),
      odsCode: TRUST.odsCode,
      message: "I cannot log in to CSMS: it says no workgroup.",
    },
  });
  expect(created.status()).toBe(201);
  const { id, reference, status } = await created.json();
  expect(status).toBe("new");
  expect(reference).toMatch(/^CSMS-[0-9A-Z]{8}$/);
  await requester.close();

  const agent = await browser.newContext();
  const page = await agent.newPage();
  await signIn(page, ACCOUNTS.advanced);
  await page.goto(`/requests/${id}`);
  await expect(page.getByTestId("identity-panel").getByRole("heading")).toHaveText("Identity: Requester matches the profile");
  await expect(page.getByTestId("diagnosis-summary")).toHaveText(`no workgroup at ${TRUST.odsCode}`);
  const suggested = page.getByRole("region", { name: "Suggested actions" });
  await suggested.getByRole("textbox", { name: "Reason for this change" }).fill(reason);
  await suggested.getByRole("button", { name: `Apply: add workgroup at ${TRUST.odsCode}` }).click();
  await expect(verdictHeadline(page)).toHaveText(new RegExp(`^Can log in to CSMS as R8003 .+ at ${TRUST.odsCode} `));
  await agent.close();
  return { id, reference };
}

test("auditor finds a change made through a request, opens it, follows it to the request and downloads it", async ({ browser, page }) => {
  const from = ukToday();
  const reason = `e2e audit ${Date.now()} for a trust request`;
  const request = await requestAndFix(browser, reason);
  const to = ukToday();

  await signIn(page, ACCOUNTS.auditor);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Change log" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Tamper check" }), TAMPER_HINT).toContainText(/Intact: [\d,]+ events checked/);

  await page.getByLabel("Smartcard ID").fill(spaced(person));
  for (const [legend, typed] of [["Date from", from], ["Date to", to]] as const) {
    const group = page.getByRole("group", { name: legend });
    await group.getByRole("textbox", { name: "Day" }).fill(typed.day);
    await group.getByRole("textbox", { name: "Month" }).fill(typed.month);
    await group.getByRole("textbox", { name: "Year" }).fill(typed.year);
  }
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]smartcardId=${spaced(person).replace(/ /g, "(\\+|%20)")}`));
  await expect(page).toHaveURL(new RegExp(`[?&]fromDay=${from.day}&fromMonth=${from.month}&fromYear=${from.year}&toDay=${to.day}&toMonth=${to.month}&toYear=${to.year}`));
  await expect(page.getByLabel("Smartcard ID")).toHaveValue(spaced(person));

  // Only this person's events: every row names them, and the fix is there with its reason.
  const table = page.getByRole("table", { name: "Changes, newest first" });
  const rows = table.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row).toContainText(`(${spaced(person)})`);
  const fix = rows.filter({ hasText: reason });
  await expect(fix).toHaveCount(1);
  await expect(fix).toContainText(`Added the cervicalscreening workgroup at ${TRUST.odsCode}`);
  await expect(fix).toContainText(ACCOUNTS.advanced);
  await expect(fix.getByRole("link", { name: request.reference })).toHaveAttribute("href", `/requests/${request.id}`);
  await expect(page.getByRole("region", { name: "Tamper check" }), TAMPER_HINT).toContainText("Intact");
  await expectNoAxeViolations(page, "/audit with filters applied");

  // The CSV link carries the same filters, and the file has a header row and this event.
  const csvLink = page.getByRole("link", { name: "CSV", exact: true });
  await expect(csvLink).toHaveAttribute("href", /^\/api\/v1\/audit\/export\.csv\?.*smartcardId=/);
  const [download] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^csms-change-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe("id,occurredAt,actorEmail,action,description,smartcardId,personName,odsCode,orgName,roleCode,roleName,before,after,reason,requestReference,hash,actorName,safeguards");
  expect(lines.length).toBe((await rows.count()) + 1);
  // The smartcard ID as ="…" (quoted for CSV), which a spreadsheet opens as text with all 12 digits.
  for (const line of lines.slice(1)) expect(line).toContain(`,"=""${person}""",`);
  const csvFix = lines.filter((l) => l.includes(reason));
  expect(csvFix).toHaveLength(1);
  expect(csvFix[0]).toContain(",workgroup.added,");
  expect(csvFix[0]).toContain(`,${request.reference},`);
  expect(csvFix[0]).not.toContain(request.id);

  // One event: the facts, and before/after in plain words.
  await fix.getByRole("link", { name: /^Event \d+ at / }).click();
  await expect(page).toHaveURL(/\/audit\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: `Added the cervicalscreening workgroup at ${TRUST.odsCode}` })).toBeVisible();
  await expect(page.getByText(reason, { exact: true })).toBeVisible();
  const diff = page.getByRole("region", { name: "Before and after" });
  await expect(diff.getByRole("listitem")).toContainText(["cervicalscreening workgroup: not a member → member"]);
  await expect(page.getByRole("link", { name: new RegExp(`\\(${spaced(person)}\\)$`) })).toHaveAttribute("href", `/people/${person}`);
  await expectNoAxeViolations(page, "/audit/{id}");

  // ...and to the request it was made for, which the auditor may read but not change.
  await page.getByRole("link", { name: request.reference, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${request.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Request ${request.reference}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "History of this request" })).toContainText(reason);
  await expect(page.getByRole("button", { name: /^Apply: / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Resolve with this reply" })).toHaveCount(0);

  // The profile access log.
  await page.goto("/audit/access");
  await expect(page.getByRole("heading", { level: 1, name: "Profile access log" })).toBeVisible();
  await expectNoAxeViolations(page, "/audit/access");

  // The API's tamper check agrees with the page.
  const verify = await page.request.get("/api/v1/audit/verify");
  expect(verify.status()).toBe(200);
  expect(await verify.json()).toMatchObject({ ok: true, firstBadEventId: null });
});

test("an RA agent can open neither the change log nor its API", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  const response = await page.goto("/audit");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You do not have permission to see this page" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Tamper check" })).toHaveCount(0);

  const api = await page.request.get("/api/v1/audit");
  expect(api.status()).toBe(403);
  expect(await api.json()).toMatchObject({ error: { code: "forbidden" } });
  for (const path of ["/api/v1/audit/export.csv", "/api/v1/audit/verify"]) {
    expect((await page.request.get(path)).status(), path).toBe(403);
  }
  expect((await page.goto("/audit/access"))?.status()).toBe(403);
});

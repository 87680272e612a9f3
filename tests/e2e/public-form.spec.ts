// The public help form against the NHS "Access CSMS" guidance: its own header (no console navigation), the
// guidance's routes before the form, several organisations, suggestions told apart by town and postcode, and
// the untouched "(Enter your smartcard ID number)" placeholder refused. Nobody's access is changed here.
import { expect, test, type Page } from "@playwright/test";
import { FIND_YOUR_RA_URL } from "../../lib/domain/request-emails";
import { DENSHAM, QUEENS_PARK, demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, errorSummary, expectNoAxeViolations, signIn, spaced } from "./support";

const run = Date.now().toString(36);

async function expectPublicHeader(page: Page) {
  const banner = page.getByRole("banner");
  await expect(banner).toContainText("Get help with CSMS access");
  await expect(banner).not.toContainText("RA console");
  await expect(banner.getByRole("navigation")).toHaveCount(0);
  await expect(banner.getByRole("link")).toHaveCount(1);
  await expect(banner.getByRole("button", { name: "Sign out" })).toHaveCount(0);
}

test("the public pages carry the service's own header, even for a signed-in officer; console pages keep theirs", async ({ page }) => {
  for (const path of ["/requests/new", "/requests/status"]) {
    await page.goto(path);
    await expectPublicHeader(page);
  }
  await signIn(page, ACCOUNTS.agent);
  await page.goto("/requests/new");
  await expectPublicHeader(page);
  await page.goto("/");
  await expect(page.getByRole("banner")).toContainText("RA console for CSMS access");
  await expect(page.getByRole("banner").getByRole("link", { name: "Requests" })).toBeVisible();
});

test("before the form: what it is not for, with the guidance's routes and links", async ({ page }) => {
  await page.goto("/requests/new");
  const before = page.getByRole("region", { name: "Before you start" });
  await expect(before.getByRole("link", { name: "https://cervicalscreening.nhs.uk" })).toHaveAttribute("href", "https://cervicalscreening.nhs.uk");
  await expect(before.getByRole("link", { name: "Find your local Registration Authority" })).toHaveAttribute("href", FIND_YOUR_RA_URL);
  await expect(before.getByTestId("route-self_service_unlock")).toContainText("unlock your smartcard using a self-service tool");
  await expect(before.getByTestId("route-apply_for_care_id")).toContainText("how to apply for a Care ID");
  await expect(before.getByTestId("route-local_it_or_service_desk")).toContainText("Contact your local IT team or the National Service Desk via the NHS England Customer Portal.");
  // It comes before the form's first field.
  const order = await page.evaluate(() => {
    const section = document.querySelector('[data-testid="before-you-start"]')!;
    return Boolean(section.compareDocumentPosition(document.getElementById("name")!) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(order).toBe(true);
  await expectNoAxeViolations(page, "/requests/new with Before you start");
});

test("organisation suggestions tell two practices with one name apart by town and postcode", async ({ page }) => {
  await page.goto("/requests/new");
  await page.getByLabel("Organisation", { exact: true }).fill("Queens Park Health");
  const option = (code: string) => page.locator(`#organisation-suggestions option[value="${code}"]`);
  await expect(option("E81021")).toHaveAttribute("label", "Queens Park Health Centre, Bedford, MK40 4HR");
  await expect(option("E87755")).toHaveAttribute("label", "Queens Park Health Centre, Kensal Green, W10 4LY");
});

test("the untouched placeholder is refused, then several organisations reach the RA", async ({ page, browser }) => {
  const email = `multi.${run}@nhs.example`;
  await page.goto("/requests/new");
  await page.getByLabel("Your name").fill("Morgan Many");
  await page.getByLabel("Work email address").fill(email);
  await page.getByLabel("Organisation", { exact: true }).fill(DENSHAM.odsCode);

  // The suggested text still says "(Enter your smartcard ID number)" and no ID was given: refused in the browser.
  await page.getByRole("button", { name: "Send request" }).click();
  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveCount(1);
  await summary.getByRole("link", { name: /^Your message still says \(Enter your smartcard ID number\): replace it with your 12-digit smartcard ID/ }).click();
  await expect(page.getByLabel("Message")).toBeFocused();
  await expect(page.getByLabel("Message")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, "/requests/new with the placeholder refused");

  // Two more organisations; one added by mistake and removed; one unknown, refused by the server in its own box.
  const group = page.getByRole("group", { name: "Other organisations you work at (if any)" });
  await expect(group).toContainText("each organisation you work at");
  await expect(group).toContainText("primary care network (PCN) or GP federation");
  for (let i = 0; i < 3; i++) await group.getByRole("button", { name: "Add another organisation" }).click();
  await expect(page.getByLabel("Organisation 4")).toBeFocused();
  await page.getByLabel("Organisation 2").fill(QUEENS_PARK.odsCode);
  await page.getByLabel("Organisation 3").fill("A81003");
  await page.getByLabel("Organisation 4").fill("Z99999");
  await group.getByRole("button", { name: "Remove organisation 3" }).click();
  await expect(page.getByLabel("Organisation 3")).toHaveValue("Z99999");
  await expect(page.getByLabel("Organisation 4")).toHaveCount(0);

  await page.getByLabel("Smartcard ID (optional, but it helps)").pressSequentially(spaced(demoPeople.roleAndWorkgroupApart));
  await expect(page.getByLabel("Message")).not.toHaveValue(/Enter your smartcard ID number/);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(summary.getByRole("link", { name: /could not find that organisation/ })).toBeVisible();
  await expect(page.getByLabel("Organisation 3")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Organisation 3").fill("E81021");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page).toHaveURL(/\/requests\/submitted\?ref=CSMS-[0-9A-Z]{8}$/);
  await expectPublicHeader(page);
  const reference = (await page.getByTestId("request-reference").textContent())!.trim();

  // The officer sees the others, with where the person stands at each (R8001 at A81001, workgroup at A81002).
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, ACCOUNTS.agent);
  await officer.goto(`/requests?q=${reference}`);
  await officer.getByRole("link", { name: reference, exact: true }).click();
  const others = officer.getByTestId("other-organisations");
  await expect(others).toContainText(`${QUEENS_PARK.name} (${QUEENS_PARK.odsCode}): needs a CSMS role here (has the workgroup)`);
  await expect(others).toContainText("Queens Park Health Centre (E81021): no position here in Care Identity");
  await expectNoAxeViolations(officer, "request with several organisations");
});

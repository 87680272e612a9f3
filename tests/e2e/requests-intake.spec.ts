// Getting requests in: an RA agent adds one from a pasted email (the console reads the smartcard ID, the ODS
// code and the CSMS error from it), the public form refuses bad input without sending anything, and text
// that looks like HTML is shown as text, never run.
// Nobody is changed here: demoPeople.roleAndWorkgroupApart is only read (through the request's diagnosis).
import { expect, test, type Page } from "@playwright/test";
import { DENSHAM, QUEENS_PARK, demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, demoPerson, errorSummary, expectNoAxeViolations, signIn, spaced } from "./support";

const person = demoPeople.roleAndWorkgroupApart; // R8001 at A81001, workgroup at A81002
const dashed = person.replace(/^(\d{4})(\d{4})(\d{4})$/, "$1-$2-$3");
const owner = demoPerson("roleAndWorkgroupApart");

/** Counts the browser's POSTs (server actions included) from now on. */
function countPosts(page: Page): () => number {
  let posts = 0;
  page.on("request", (r) => {
    if (r.method() === "POST") posts++;
  });
  return () => posts;
}

test("agent adds a request from a pasted email and sees what the console read from it", async ({ page }) => {
  // The profile's owner writes in, so the identity check matches and the diagnosis is the profile's alone.
  const sender = owner.name;
  const text = [
    "Hi RA team,",
    "",
    `I cannot get into CSMS, it says no workgroup. My smartcard ID is ${dashed} and I work at ${DENSHAM.odsCode}.`,
    "",
    `Thanks, ${owner.name.split(" ")[0]}`,
  ].join("\n");

  await signIn(page, ACCOUNTS.agent);
  await page.goto("/requests");
  await page.getByText("Add a request from an email").click();
  await expect(page.getByLabel("Sender's name")).toBeVisible();
  await expectNoAxeViolations(page, "/requests with the email form open");

  await page.getByLabel("Sender's name").fill(sender);
  await page.getByLabel("Sender's email address").fill(owner.email);
  await page.getByLabel("Email text").fill(text);
  await page.getByRole("button", { name: "Add request" }).click();

  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Request CSMS-[0-9A-Z]{8}$/ })).toBeVisible();
  const sent = page.getByRole("region", { name: "What they sent" });
  await expect(sent).toContainText(`From ${sender} (${owner.email}) by email, added by an RA officer`);
  await expect(sent).toContainText(`Organisation: ${DENSHAM.odsCode}`);
  await expect(sent).toContainText(`Smartcard ID given: ${spaced(person)}`);

  // The ID is marked exactly as it was written, and named for screen readers.
  const idMark = sent.locator("mark").filter({ hasText: dashed });
  await expect(idMark).toHaveCount(1);
  await expect(idMark).toHaveText(`${dashed} (smartcard ID)`);
  await expect(idMark).toHaveAttribute("title", "smartcard ID");
  await expect(sent.locator("mark").filter({ hasText: DENSHAM.odsCode })).toHaveAttribute("title", "ODS code");
  await expect(sent.locator("mark").filter({ hasText: "no workgroup" })).toHaveAttribute("title", "CSMS error");

  // The profile decides: role at A81001 and workgroup at A81002 means "no workgroup" at A81001.
  await expect(page.getByTestId("diagnosis-summary")).toHaveText(new RegExp(`^no workgroup at ${DENSHAM.odsCode}`));
  await expect(page.getByTestId("verdict-headline")).toHaveText("CSMS will show: no workgroup");
  await expect(page.getByTestId("identity-panel").getByRole("heading")).toHaveText("Identity: Requester matches the profile");
  const suggested = page.getByRole("region", { name: "Suggested actions" });
  await expect(suggested.getByTestId("fix-plan")).toHaveText(`To let this person into CSMS at ${DENSHAM.odsCode} (${DENSHAM.name}):`);
  // A workgroup is for an advanced RA agent or RA manager to add: the RA agent may ask for it (not done here).
  await expect(suggested.getByRole("button", { name: `Ask for this: add workgroup at ${DENSHAM.odsCode}` })).toBeVisible();
  await expect(suggested.getByRole("button", { name: /^Apply: / })).toHaveCount(0);
  await expect(suggested.getByRole("button", { name: new RegExp(QUEENS_PARK.odsCode) })).toHaveCount(0);
  await expect(page.getByTestId("request-status")).toHaveText("New");
  await expectNoAxeViolations(page, "/requests/{id} added from an email");

  // The API reads it the same way.
  const id = page.url().split("/").pop()!;
  const api = await page.request.get(`/api/v1/requests/${id}`);
  expect(api.status()).toBe(200);
  const json = await api.json();
  expect(json.parsedSmartcardIds).toEqual([person]);
  expect(json.diagnosis.summary).toMatch(new RegExp(`^no workgroup at ${DENSHAM.odsCode}`));
  expect(json.suggestedActions).toContainEqual(expect.objectContaining({ kind: "add_workgroup", odsCode: DENSHAM.odsCode }));
});

test("the public form refuses an empty name and a bad email with a focused summary, and sends nothing", async ({ page }) => {
  await page.goto("/requests/new");
  const posts = countPosts(page);
  await page.getByLabel("Work email address").fill("not-an-email");
  await page.getByLabel("Organisation").fill(DENSHAM.odsCode);
  await page.getByRole("button", { name: "Send request" }).click();

  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter your name" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter an email address like name@nhs.net" })).toBeVisible();
  // The suggested text still holds its placeholder and no smartcard ID was given (public-form.spec.ts has more).
  await expect(summary.getByRole("link", { name: /^Your message still says \(Enter your smartcard ID number\)/ })).toBeVisible();
  await expect(summary.getByRole("link")).toHaveCount(3);
  await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Work email address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Organisation")).not.toHaveAttribute("aria-invalid", "true");

  // Each error links to its field.
  await summary.getByRole("link", { name: "Enter an email address like name@nhs.net" }).click();
  await expect(page.getByLabel("Work email address")).toBeFocused();

  await expect(page.getByRole("heading", { name: "Request sent" })).toHaveCount(0);
  await expect(page.getByTestId("request-reference")).toHaveCount(0);
  expect(posts(), "nothing was sent to the server").toBe(0);

  // The JSON API refuses the same input with a 400 naming the fields.
  const api = await page.request.post("/api/v1/requests", { data: { name: " ", email: "not-an-email", message: "Help" } });
  expect(api.status()).toBe(400);
  const body = await api.json();
  expect(body.error.code).toBeTruthy();
  expect(Object.keys(body.error.fields ?? {})).toEqual(expect.arrayContaining(["name", "email"]));
});

// The error summary takes focus after a failed submit only, never while the person corrects a field.
test("typing after a failed submit stays in the field", async ({ page }) => {
  await page.goto("/requests/new");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(errorSummary(page)).toBeFocused();

  await page.getByLabel("Your name").click();
  await page.keyboard.type("Robin");
  await expect(page.getByLabel("Your name")).toBeFocused({ timeout: 2_000 });
  await expect(page.getByLabel("Your name")).toHaveValue("Robin", { timeout: 2_000 });
});

test("HTML and script in a request are shown as text, never run", async ({ browser }) => {
  const payload = "<img src=x onerror=alert(1)><script>alert(2)</script>";
  const name = `Ivy <b>Bold</b> ${Date.now()}`;

  const requester = await browser.newContext();
  const form = await requester.newPage();
  await form.goto("/requests/new");
  await form.getByLabel("Your name").fill(name);
  await form.getByLabel("Work email address").fill(`ivy-${Date.now()}@nhs.example`);
  await form.getByLabel("Organisation").fill(DENSHAM.odsCode);
  await form.getByLabel("Message").fill(`CSMS says no valid role. ${payload}`);
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(form.getByRole("heading", { name: "Request sent" })).toBeVisible();
  const reference = (await form.getByTestId("request-reference").textContent())!.trim();
  await requester.close();

  const agent = await browser.newContext();
  const page = await agent.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, ACCOUNTS.agent);
  await page.goto("/requests");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });
  await expect(row).toContainText(name);
  await row.getByRole("link", { name: reference, exact: true }).click();

  const sent = page.getByRole("region", { name: "What they sent" });
  await expect(sent.locator("blockquote")).toContainText(payload);
  await expect(sent).toContainText(`From ${name} (`);
  await expect(page.locator("img[onerror], img[src='x']")).toHaveCount(0);
  await expect(page.locator("b").filter({ hasText: "Bold" })).toHaveCount(0);
  // (Next.js's own inline data scripts carry the text JSON-encoded; no script element *is* the payload.)
  expect(await page.evaluate(() => Array.from(document.scripts).some((s) => s.textContent?.trim() === "alert(2)"))).toBe(false);
  // The reply quotes the name as text too.
  await expect(page.getByRole("textbox", { name: "Reply text" })).toHaveValue(new RegExp(`^Dear Ivy <b>Bold</b>`));
  expect(dialogs).toEqual([]);
  await agent.close();
});

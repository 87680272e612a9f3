// The help-request journey end to end: a member of staff who cannot log in to CSMS sends the public form
// (no sign-in) with the name and email on their profile, an advanced RA agent finds it in the inbox (the
// requester matches the profile), applies the suggested workgroup fix from the request page, copies and
// resolves with the generated reply, and the requester sees "Resolved" on the status page.
// Person changed here (and nowhere else): demoPeople.noWorkgroupPcnPractice (R8001 at H82065, no workgroup).
import { expect, test } from "@playwright/test";
import { LANCING_PRACTICES, demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, demoPerson, errorSummary, expectNoAxeViolations, signIn, spaced, verdictHeadline } from "./support";

const person = demoPeople.noWorkgroupPcnPractice;
const practice = LANCING_PRACTICES.ballTree; // H82065
const LOGOUT_REMINDER = "closing the browser or removing your smartcard does not log you out of CSMS";

test("staff member asks for help, the agent fixes it from the request and the requester sees it resolved", async ({ browser }) => {
  // Three contexts and seven axe scans: past 60 s on a loaded 2-core machine (as requester-loop.spec.ts).
  test.setTimeout(120_000);
  // The profile's owner asks, so the identity check matches and the fix is one click.
  const { name: requesterName, email: requesterEmail } = demoPerson("noWorkgroupPcnPractice");

  // 1. The requester: a fresh context, nobody signed in.
  const requesterContext = await browser.newContext();
  const form = await requesterContext.newPage();
  await form.goto("/requests/new");
  await expect(form.getByRole("heading", { level: 1, name: "Ask for help with CSMS access" })).toBeVisible();
  await expect(form.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  const message = form.getByLabel("Message");
  await expect(message).toHaveValue(/\(Enter your smartcard ID number\)/);
  await expectNoAxeViolations(form, "/requests/new (empty)");

  // Sending it empty: the error summary, and nothing sent.
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(errorSummary(form)).toBeFocused();
  await expect(errorSummary(form)).toContainText("Enter your name");
  await expectNoAxeViolations(form, "/requests/new with errors");
  // Start again on a fresh form (typing after a failed submit is covered in requests-intake.spec.ts).
  await form.reload();

  await form.getByLabel("Your name").fill(requesterName);
  await form.getByLabel("Work email address").fill(requesterEmail);
  await form.getByLabel("Organisation").fill(practice.odsCode);
  // Typed as people read it off the profile, in groups of four.
  await form.getByLabel("Smartcard ID (optional, but it helps)").pressSequentially(spaced(person));
  await expect(message).toHaveValue(new RegExp(`Smartcard ID: ${spaced(person)}\\n`));
  await expect(message).not.toHaveValue(/Enter your smartcard ID number/);
  await form.getByRole("button", { name: "Send request" }).click();

  const sent = form.getByRole("heading", { name: "Request sent" });
  await expect(sent).toBeVisible();
  await expect(sent).toBeFocused();
  const reference = (await form.getByTestId("request-reference").textContent())!.trim();
  expect(reference).toMatch(/^CSMS-[0-9A-Z]{8}$/);
  await expect(form.getByRole("heading", { name: "What happens next" })).toBeVisible();
  await expect(form.getByText(LOGOUT_REMINDER)).toBeVisible();
  await expect(form.getByRole("link", { name: "request status page" })).toHaveAttribute("href", "/requests/status");
  await expectNoAxeViolations(form, "/requests/new after success");

  // 2. The agent (an advanced one: the fix is a workgroup) finds it in the inbox and opens it.
  const agentContext = await browser.newContext();
  await agentContext.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await agentContext.newPage();
  await signIn(page, ACCOUNTS.advanced);
  await page.goto("/requests");
  await expect(page.getByRole("heading", { level: 1, name: "Requests" })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`no workgroup at ${practice.odsCode}`);
  await expect(row).toContainText(requesterName);
  await expect(row.getByTestId("identity-note")).toHaveText("Matches the profile");
  await expect(row).toContainText("New");
  await expectNoAxeViolations(page, "/requests");

  await row.getByRole("link", { name: reference, exact: true }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const requestUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: `Request ${reference}` })).toBeVisible();
  await expect(page.getByTestId("identity-panel").getByRole("heading")).toHaveText("Identity: Requester matches the profile");
  await expect(page.getByTestId("diagnosis-summary")).toHaveText(`no workgroup at ${practice.odsCode}`);
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");
  await expect(page.getByTestId("request-status")).toHaveText("New");
  await expectNoAxeViolations(page, "/requests/{id} before the fix");

  // 3. The suggested action, with its prefilled reason.
  const suggested = page.getByRole("region", { name: "Suggested actions" });
  await expect(suggested.getByRole("textbox", { name: "Reason for this change" })).toHaveValue(new RegExp(`^Request ${reference}: `));
  await suggested.getByRole("button", { name: `Apply: add workgroup at ${practice.odsCode}` }).click();
  await expect(verdictHeadline(page)).toHaveText(new RegExp(`^Can log in to CSMS as R8001 .+ at ${practice.odsCode} \\(${practice.name}\\)$`));
  await expect(page.getByRole("button", { name: /^Apply: / })).toHaveCount(0);

  const reply = page.getByRole("textbox", { name: "Reply text" });
  await expect(reply).toHaveValue(new RegExp(`^Dear ${requesterName},`));
  await expect(reply).toHaveValue(new RegExp(`- Added the cervicalscreening workgroup at ${practice.odsCode}`));
  await expect(reply).toHaveValue(new RegExp(LOGOUT_REMINDER));
  const history = page.getByRole("region", { name: "History of this request" });
  await expect(history).toContainText(`Added the cervicalscreening workgroup at ${practice.odsCode}`);

  // 4. Copy the reply, then resolve with it.
  const replyText = await reply.inputValue();
  await page.getByRole("button", { name: "Copy reply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reply copied." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(replyText);

  await page.getByRole("button", { name: "Resolve with this reply" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Resolved");
  await expectNoAxeViolations(page, "/requests/{id} resolved");

  // The API agrees: the person can now log in.
  const api = await page.request.get(`/api/v1/people/${person}`);
  expect(api.status()).toBe(200);
  expect((await api.json()).verdict).toMatchObject({ canLogIn: true, error: null });
  await agentContext.close();

  // 5. The requester, still not signed in, checks the status in a fresh context.
  const statusContext = await browser.newContext();
  const status = await statusContext.newPage();
  await status.goto("/requests/status");
  await expect(status.getByRole("heading", { level: 1, name: "Check a request for CSMS access" })).toBeVisible();
  await status.getByLabel("Request reference").fill(reference);
  await status.getByLabel("Work email address").fill(requesterEmail.toUpperCase());
  await status.getByRole("button", { name: "Check status" }).click();
  await expect(status.getByTestId("request-status")).toHaveText("Resolved");
  await expect(status.getByRole("heading", { name: "Reply from your registration authority" })).toBeVisible();
  await expect(status.getByText(`Added the cervicalscreening workgroup at ${practice.odsCode}`)).toBeVisible();
  await expectNoAxeViolations(status, "/requests/status with a result");

  // The same reference with someone else's email is not found, and says so without revealing anything.
  await status.getByLabel("Work email address").fill("someone.else@nhs.example");
  await status.getByRole("button", { name: "Check status" }).click();
  await expect(errorSummary(status)).toContainText("No request matches that reference and email address");
  await expect(errorSummary(status)).toBeFocused();
  await expect(status.getByTestId("request-status")).toHaveCount(0);
  await expectNoAxeViolations(status, "/requests/status not found");

  // The request page itself is not open to the requester.
  await status.goto(requestUrl);
  await expect(status).toHaveURL(/\/login\?callbackUrl=/);

  await statusContext.close();
  await requesterContext.close();
});

// Closing the loop with the requester: the confirmation page at its own address, real email through the test
// SMTP relay (tests/e2e/smtp-sink.mjs), the three-click fix, routing of a request no RA covers, attaching a
// smartcard ID later, splitting a request that names two people, and a requester's reply resuming the request.
// People changed here (and nowhere else): roleAndWorkgroupApartPcn, mixedStatusNoRole, noRolesAnywhere,
// nonCsmsAndEndedCsms (the last three are only read).
import { expect, test, type Page } from "@playwright/test";
import { demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, demoPerson, expectNoAxeViolations, signIn, spaced } from "./support";

const mailbox = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 3}/messages`;
type Mail = { to: string[]; subject: string; text: string; html: string };

/** Waits until an email to `to` whose subject contains `subject` has arrived at the test relay, and returns it. */
async function mailTo(page: Page, to: string, subject: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const all = (await (await page.request.get(mailbox)).json()) as Mail[];
        found = all.find((m) => m.to.includes(to) && m.subject.includes(subject));
        return Boolean(found);
      },
      { message: `an email to ${to} about "${subject}"`, timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

async function sendRequest(page: Page, fields: { name: string; email: string; organisation: string; smartcardId?: string; message?: string }): Promise<string> {
  await page.goto("/requests/new");
  await page.getByLabel("Your name").fill(fields.name);
  await page.getByLabel("Work email address").fill(fields.email);
  await page.getByLabel("Organisation").fill(fields.organisation);
  if (fields.smartcardId) await page.getByLabel("Smartcard ID (optional, but it helps)").fill(fields.smartcardId);
  if (fields.message) await page.getByLabel("Message").fill(fields.message);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page).toHaveURL(/\/requests\/submitted\?ref=CSMS-[0-9A-Z]{8}$/);
  return (await page.getByTestId("request-reference").textContent())!.trim();
}

test("public submit, confirmation page, a fix in three clicks, and the reply arrives by email", async ({ browser }) => {
  const { smartcardId, name, email } = demoPerson("roleAndWorkgroupApartPcn");
  const requester = await (await browser.newContext()).newPage();
  const reference = await sendRequest(requester, { name, email, organisation: "H82065", smartcardId: spaced(smartcardId) });

  // The confirmation is a page of its own: the reference only in its address, and a refresh keeps it.
  await expect(requester.getByRole("heading", { level: 1, name: "Request sent" })).toBeFocused();
  expect(new URL(requester.url()).search).toBe(`?ref=${reference}`);
  await requester.reload();
  await expect(requester.getByTestId("request-reference")).toHaveText(reference);
  await expect(requester.getByTestId("next-steps").first()).toContainText("within 2 working days");
  await expectNoAxeViolations(requester, "/requests/submitted");
  const received = await mailTo(requester, email, `We have your CSMS access request ${reference}`);
  expect(received.text).toContain(`Your reference is ${reference}.`);

  // The officer: search by reference (1: open it), apply the suggested fix (2), resolve with the reply (3).
  const page = await (await browser.newContext()).newPage();
  await signIn(page, ACCOUNTS.advanced);
  await page.goto(`/requests?q=${reference.toLowerCase()}`);
  await expectNoAxeViolations(page, "/requests search");
  await page.getByRole("link", { name: reference, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Request ${reference}` })).toBeVisible();
  await expect(page.getByRole("link", { name: email })).toHaveAttribute("href", new RegExp(`^mailto:${email}\\?subject=`));
  await page.getByRole("region", { name: "Suggested actions" }).getByRole("button", { name: /^Apply: add workgroup at H82065/ }).click();
  // Fixing it made the request the officer's and in progress.
  await expect(page.getByTestId("request-status")).toHaveText("In progress");
  await expect(page.getByText("Assigned to Ade Advanced")).toBeVisible();
  const reply = await page.getByRole("textbox", { name: "Reply text" }).inputValue();
  expect(reply).toContain("Added the cervicalscreening workgroup at H82065");
  await page.getByRole("button", { name: "Resolve with this reply" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Resolved");
  await expectNoAxeViolations(page, "/requests/{id} resolved");

  const resolved = await mailTo(page, email, `Your CSMS access request ${reference} has been dealt with`);
  expect(resolved.text.replace(/\r\n/g, "\n")).toContain(reply.trim());
  expect(resolved.html).toContain("Added the cervicalscreening workgroup at H82065");
  await mailTo(page, email, `Update on your CSMS access request ${reference}`);
  // The request's history lists what went out (the page was drawn while the last one was still sending).
  await page.reload();
  await expect(page.getByTestId("request-emails")).toContainText(`Sent: Your CSMS access request ${reference} has been dealt with`);
});

test("a request for an organisation no RA covers is routed by an RA manager, and the requester is told so", async ({ browser }) => {
  const requester = await (await browser.newContext()).newPage();
  const email = `bedford-${Date.now()}@nhs.example`;
  const reference = await sendRequest(requester, { name: "Bea Bedford", email, organisation: "E81021", message: "CSMS says no valid role. Please add the role." });
  await expect(requester.getByTestId("next-steps-unrouted").first()).toContainText("No registration authority uses this service for Queens Park Health Centre (E81021)");
  await expect(requester.getByRole("heading", { level: 1, name: "Request sent" })).toBeVisible();
  await expectNoAxeViolations(requester, "/requests/submitted (unrouted)");
  const mail = await mailTo(requester, email, reference);
  expect(mail.text).toContain("an RA manager will read your request");

  const page = await (await browser.newContext()).newPage();
  await signIn(page, ACCOUNTS.manager);
  await page.goto("/requests");
  await page.getByRole("link", { name: /No RA for this organisation/ }).click();
  await expect(page.getByTestId("unrouted-intro")).toBeVisible();
  await expectNoAxeViolations(page, "/requests?queue=unrouted");
  await page.getByRole("link", { name: reference, exact: true }).click();
  await expect(page.getByTestId("unrouted-notice")).toContainText("No RA officer in this console acts for E81021");
  await expectNoAxeViolations(page, "/requests/{id} unrouted");

  // It was meant for a practice the console covers: moving it routes it there.
  await page.getByLabel("ODS code", { exact: true }).fill("a81001");
  await page.getByRole("button", { name: "Move to another organisation" }).click();
  await expect(page.getByTestId("unrouted-notice")).toHaveCount(0);
  await expect(page.getByText("Organisation: A81001.")).toBeVisible();

  // The outbox shows the manager what went to the requester.
  await page.goto("/outbox");
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email }).first()).toContainText(reference);
  await expectNoAxeViolations(page, "/outbox");
});

test("attach a smartcard ID later, split a request naming two people, and a requester's reply resumes it", async ({ browser }) => {
  test.setTimeout(120_000);
  const requester = await (await browser.newContext()).newPage();
  const email = `two-people-${Date.now()}@nhs.example`;
  const first = spaced(demoPeople.noRolesAnywhere);
  const second = spaced(demoPeople.nonCsmsAndEndedCsms);
  const twoIds = await sendRequest(requester, { name: "Pat Practice", email, organisation: "A81001", message: `Please add CSMS access for ${first} and for my colleague ${second}.` });
  const noId = await sendRequest(requester, { name: "Nia Noid", email, organisation: "A81001", message: "CSMS says no valid role when I log in." });

  const page = await (await browser.newContext()).newPage();
  await signIn(page, ACCOUNTS.agent);

  // Split: the second ID becomes a linked request of its own.
  await page.goto(`/requests?q=${twoIds}`);
  await page.getByRole("link", { name: twoIds, exact: true }).click();
  const split = page.getByRole("form", { name: "This request names more than one smartcard ID" });
  await expect(split.getByRole("checkbox", { name: second })).toBeChecked();
  await expectNoAxeViolations(page, "/requests/{id} with a split offer");
  await split.getByRole("button", { name: "Split into separate requests" }).click();
  const linked = page.getByTestId("linked-requests");
  await expect(linked).toContainText(`Split into:`);
  await expect(linked).toContainText(second);
  await linked.getByRole("link", { name: /^CSMS-/ }).click();
  await expect(page.getByTestId("linked-requests")).toContainText(`Split from ${twoIds}`);
  await expect(page.getByText(`Smartcard ID given: ${second}`)).toBeVisible();
  await expectNoAxeViolations(page, "/requests/{id} split off");

  // Attach a smartcard ID the requester sends later: the request is diagnosed against that profile.
  await page.goto(`/requests?q=${noId}`);
  await page.getByRole("link", { name: noId, exact: true }).click();
  await page.getByLabel("Smartcard ID the requester sent").fill(spaced(demoPeople.mixedStatusNoRole));
  await page.getByRole("button", { name: "Attach smartcard ID" }).click();
  await expect(page.getByRole("heading", { name: "No smartcard ID yet" })).toHaveCount(0);
  await expect(page.getByTestId("verdict-headline")).toBeVisible();
  await expectNoAxeViolations(page, "/requests/{id} after attaching an ID");

  // Ask the requester something: the clock pauses and they are emailed the question.
  await page.getByLabel("Ask the requester for something").fill("Which practice do you work at on Mondays?");
  await page.getByRole("button", { name: "Wait for requester" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Waiting for requester");
  await expect(page.getByText("Paused: waiting for requester").first()).toBeVisible();
  const question = await mailTo(page, email, `Your registration authority needs something from you (${noId})`);
  expect(question.text).toContain("Which practice do you work at on Mondays?");

  // The requester answers through the status page.
  await requester.goto("/requests/status");
  await requester.getByLabel("Request reference").fill(noId);
  await requester.getByLabel("Work email address").fill(email);
  await requester.getByRole("button", { name: "Check status" }).click();
  await expect(requester.getByTestId("conversation")).toContainText("Which practice do you work at on Mondays?");
  await requester.getByLabel("Your reply").fill("Densham Surgery, A81001.");
  await requester.getByRole("button", { name: "Send reply" }).click();
  await expect(requester.getByTestId("reply-sent")).toBeVisible();
  await expect(requester.getByTestId("conversation")).toContainText("Densham Surgery, A81001.");
  await expectNoAxeViolations(requester, "/requests/status after a reply");
  await mailTo(requester, email, `We have your reply about ${noId}`);

  await page.reload();
  await expect(page.getByTestId("request-notes")).toContainText("Reply from the requester");
  await expect(page.getByTestId("request-notes")).toContainText("Densham Surgery, A81001.");
  await expect(page.getByTestId("request-status")).not.toHaveText("Waiting for requester");

  // An internal note stays inside the RA.
  await page.getByLabel("Internal note", { exact: true }).fill("Checked with the practice manager by phone.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("request-notes")).toContainText("Checked with the practice manager by phone.");
  await expectNoAxeViolations(page, "/requests/{id} with notes");
});

// Safe grants (issue 7): a request whose requester does not match the profile offers no one-click fix until
// the RA records how identity was confirmed (or rejects it); a workgroup an RA agent may not add is asked for
// and approved by an advanced RA agent on /approvals; a grant the verdict shows is not needed is warned about
// and is proposed only with an acknowledgement and a justification, then made once a second person approves.
// People changed here (and nowhere else): demoPeople.noWorkgroupTwoOrgs (workgroup added at A81001),
// demoPeople.canLogInReceptionist (a second role at A81001, proposed and approved).
// demoPeople.roleAtPracticeWorkgroupAtTrust gets a request that is rejected; their profile is only read.
import { expect, test, type Page } from "@playwright/test";
import { DENSHAM, QUEENS_PARK, demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, demoPerson, errorSummary, expectNoAxeViolations, signIn, spaced, verdictHeadline } from "./support";

const identityPanel = (page: Page) => page.getByTestId("identity-panel");
const suggestedActions = (page: Page) => page.getByRole("region", { name: "Suggested actions" });

/** A request sent through the public API, as the unauthenticated web form does. */
async function sendPublicRequest(page: Page, body: { name: string; email: string; smartcardId: string; odsCode: string; message: string }) {
  const created = await page.request.post("/api/v1/requests", { data: body });
  expect(created.status()).toBe(201);
  const json = await created.json();
  expect(json.reference).toMatch(/^CSMS-[0-9A-Z]{8}$/);
  return json as { id: string; reference: string };
}

test("'Priya Test' asks for Imran Hussain's profile: identity confirmed, workgroup asked for and applied by an advanced agent", async ({ browser }) => {
  const person = demoPeople.noWorkgroupTwoOrgs; // Imran Hussain: R8003 at A81001 and A81002, no workgroups
  const owner = demoPerson("noWorkgroupTwoOrgs");
  expect(owner.email).not.toBe("requester-desktop@nhs.example");

  // 1. Anyone can send the public form: no session.
  const requester = await browser.newContext();
  const { id, reference } = await sendPublicRequest(await requester.newPage(), {
    name: "Priya Test",
    email: "requester-desktop@nhs.example",
    smartcardId: spaced(person),
    odsCode: DENSHAM.odsCode,
    message: "I require access to the Cervical Screening Management System (CSMS). CSMS says no workgroup.",
  });
  await requester.close();

  // 2. The RA agent sees the mismatch in the inbox and at the top of the request, and no one-click fix.
  const agentContext = await browser.newContext();
  const page = await agentContext.newPage();
  await signIn(page, ACCOUNTS.agent);
  await page.goto("/requests");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });
  await expect(row.getByTestId("identity-note")).toHaveText(/^Does not match the profile \((email, name|name, email)\)$/);

  await row.getByRole("link", { name: reference, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${id}$`));
  await expect(identityPanel(page).getByRole("heading")).toHaveText("Identity: Requester does not match the profile");
  await expect(identityPanel(page)).toContainText("confirm their identity before changing it, or reject the request");
  await expect(page.getByTestId("diagnosis-summary")).toHaveText(`identity not confirmed (email and name differ); no workgroup at ${DENSHAM.odsCode}`);
  const suggested = suggestedActions(page);
  await expect(suggested).toContainText(`Add the cervicalscreening workgroup at ${DENSHAM.odsCode} (${DENSHAM.name})`);
  await expect(suggested.getByTestId("fix-blocked")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Apply/ })).toHaveCount(0);
  await expect(suggested.getByRole("button", { name: /^Ask for this/ })).toHaveCount(0);
  await expectNoAxeViolations(page, "/requests/{id} with an identity mismatch");

  // The API says the same.
  const api = await page.request.get(`/api/v1/requests/${id}`);
  expect(api.status()).toBe(200);
  const { identity } = await api.json();
  expect(identity.state).toBe("mismatch");
  expect([...identity.fields].sort()).toEqual(["email", "name"]);

  // 3. The agent confirms identity another way and records how.
  const panel = identityPanel(page);
  await panel.getByRole("combobox", { name: "How did you confirm their identity?" }).selectOption({ label: "Confirmed with their sponsor or line manager" });
  const note = "Practice manager at A81001 confirmed by phone that Imran Hussain sent this from a shared desktop (e2e).";
  await panel.getByRole("textbox", { name: "Note" }).fill(note);
  await panel.getByRole("button", { name: "Record identity confirmation" }).click();
  const confirmation = page.getByTestId("identity-confirmation");
  await expect(confirmation).toContainText("Identity confirmed");
  await expect(confirmation).toContainText("Confirmed with their sponsor or line manager");
  await expect(confirmation).toContainText(note);
  await expect(page.getByRole("button", { name: "Record identity confirmation" })).toHaveCount(0);
  await expect(page.getByTestId("diagnosis-summary")).toHaveText(`no workgroup at ${DENSHAM.odsCode}`);

  // 4. The workgroup fix is offered now, but an RA agent may only ask for it.
  await expect(suggested.getByTestId("fix-blocked")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Apply/ })).toHaveCount(0);
  const ask = suggested.getByRole("button", { name: `Ask for this: add workgroup at ${DENSHAM.odsCode}` });
  await expect(ask).toBeVisible();
  await expect(suggested.getByRole("textbox", { name: "Why is this needed?" })).toHaveValue(new RegExp(`^Request ${reference}: `));
  await expectNoAxeViolations(page, "/requests/{id} after the identity confirmation");
  await ask.click();
  await expect(page.getByRole("status").filter({ hasText: "Asked:" })).toBeVisible();
  await expect(suggested).toContainText("Asked for: waiting for an advanced RA agent or RA manager.");
  await expect(suggested.getByRole("button", { name: /^Ask for this/ })).toHaveCount(0);

  // The queue is not the RA agent's.
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Approvals" })).toHaveCount(0);
  expect((await page.goto("/approvals"))?.status()).toBe(403);

  // 5. An advanced RA agent approves it from the queue: the agent asked, and one officer confirmed identity.
  const advancedContext = await browser.newContext();
  const advanced = await advancedContext.newPage();
  await signIn(advanced, ACCOUNTS.advanced);
  await advanced.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Approvals" }).click();
  await expect(advanced).toHaveURL(/\/approvals$/);
  await expect(advanced.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  const item = advanced.getByTestId("pending-change").filter({ hasText: spaced(person) });
  await expect(item).toHaveCount(1);
  await expect(item.getByRole("heading")).toHaveText(`Add the cervicalscreening workgroup at ${DENSHAM.odsCode}`);
  await expect(item).toContainText("proposed by Alex Agent");
  await expect(item).toContainText(`Reason: Request ${reference}: `);
  await expect(item).toContainText("an RA agent asked for a workgroup change they may not make");
  await expect(item).toContainText("the requester did not match the profile and one officer confirmed their identity");
  await expectNoAxeViolations(advanced, "/approvals with a change waiting");

  await item
    .getByRole("textbox", { name: `Your note (Add the cervicalscreening workgroup at ${DENSHAM.odsCode} for ${spaced(person)})` })
    .fill(`Identity confirmed on ${reference}; workgroup needed at ${DENSHAM.odsCode}.`);
  await item.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(item).toHaveCount(0);
  // The item has gone: the outcome is said above the list, and focus is there.
  await expect(advanced.getByRole("status").getByText("Approved and made: cervicalscreening workgroup added.")).toBeFocused();
  await expectNoAxeViolations(advanced, "/approvals after approving");
  await advancedContext.close();

  // 6. The verdict: in at A81001 (and only the workgroup asked for was added).
  const after = await page.request.get(`/api/v1/people/${person}`);
  expect(after.status()).toBe(200);
  const json = await after.json();
  expect(json.verdict).toMatchObject({ canLogIn: true, error: null });
  expect(json.positions).toContainEqual(expect.objectContaining({ odsCode: DENSHAM.odsCode, cervicalScreeningWorkgroup: true }));
  expect(json.positions).toContainEqual(expect.objectContaining({ odsCode: QUEENS_PARK.odsCode, cervicalScreeningWorkgroup: false }));

  // The change is linked to the request, and the draft reply now says what was done.
  await page.goto(`/requests/${id}`);
  await expect(verdictHeadline(page)).toHaveText(new RegExp(`^Can log in to CSMS as R8003 .+ at ${DENSHAM.odsCode} `));
  await expect(page.getByRole("region", { name: "History of this request" })).toContainText(`Added the cervicalscreening workgroup at ${DENSHAM.odsCode}`);
  await expect(page.getByRole("textbox", { name: "Reply text" })).toHaveValue(new RegExp(`- Added the cervicalscreening workgroup at ${DENSHAM.odsCode}`));
  await agentContext.close();
});

test("a request that does not match its profile is rejected, and the reply does not name the profile's owner", async ({ browser }) => {
  const person = demoPeople.roleAtPracticeWorkgroupAtTrust; // Gareth Lloyd: R8000 at A81001, workgroup at RYR
  const owner = demoPerson("roleAtPracticeWorkgroupAtTrust");
  const requesterEmail = "sam.stranger@nhs.example";

  // Sent through the public form this time.
  const requester = await browser.newContext();
  const form = await requester.newPage();
  await form.goto("/requests/new");
  await form.getByLabel("Your name").fill("Sam Stranger");
  await form.getByLabel("Work email address").fill(requesterEmail);
  await form.getByLabel("Organisation").fill(DENSHAM.odsCode);
  await form.getByLabel("Smartcard ID (optional, but it helps)").fill(spaced(person));
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(form.getByRole("heading", { name: "Request sent" })).toBeVisible();
  const reference = (await form.getByTestId("request-reference").textContent())!.trim();

  const agentContext = await browser.newContext();
  const page = await agentContext.newPage();
  await signIn(page, ACCOUNTS.agent);
  await page.goto("/requests");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });
  await expect(row.getByTestId("identity-note")).toHaveText(/^Does not match the profile/);
  await row.getByRole("link", { name: reference, exact: true }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;

  await expect(identityPanel(page).getByRole("heading")).toHaveText("Identity: Requester does not match the profile");
  await expect(suggestedActions(page).getByTestId("fix-blocked")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Apply/ })).toHaveCount(0);
  // The draft reply explains, without saying whose profile the smartcard ID opens.
  const reply = page.getByRole("textbox", { name: "Reply text" });
  await expect(reply).toHaveValue(/We could not match the details in your request/);

  // The officer cannot confirm who this is: reject.
  await page.getByText("Reject this request", { exact: true }).click();
  await page.getByLabel("Why is it rejected?").fill("Identity could not be confirmed: the practice knows no one of that name or email (e2e).");
  await expectNoAxeViolations(page, "/requests/{id} with the rejection open");
  await page.getByRole("button", { name: "Reject request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Rejected");

  const sentReply = await reply.inputValue();
  expect(sentReply).toMatch(/We could not match the details in your request/);
  for (const part of owner.name.split(" ")) expect(sentReply).not.toContain(part);
  expect(sentReply).not.toContain(owner.email);
  await expectNoAxeViolations(page, "/requests/{id} rejected");

  // The API agrees, and the profile is untouched.
  const api = await page.request.get(`/api/v1/requests/${id}`);
  expect(api.status()).toBe(200);
  const json = await api.json();
  expect(json.status).toBe("rejected");
  expect(json.identity.state).toBe("mismatch");
  const profile = await page.request.get(`/api/v1/people/${person}`);
  expect((await profile.json()).verdict).toMatchObject({ canLogIn: false, error: "no_workgroup" });
  await agentContext.close();

  // The requester's status page says it was rejected, and names nobody.
  await form.goto("/requests/status");
  await form.getByLabel("Request reference").fill(reference);
  await form.getByLabel("Work email address").fill(requesterEmail);
  await form.getByRole("button", { name: "Check status" }).click();
  await expect(form.getByTestId("request-status")).toHaveText("Rejected");
  await expect(form.locator("main")).not.toContainText(owner.name.split(" ").pop()!);
  await requester.close();
});

test("a role where the person can already log in is warned about, proposed only with a justification, and made once a second person approves", async ({ page, browser, baseURL }) => {
  const person = demoPeople.canLogInReceptionist; // Chloe Evans: R1730 + workgroup at A81001
  await signIn(page, ACCOUNTS.advanced);
  await page.goto(`/people/${person}`);
  await expect(verdictHeadline(page)).toHaveText(new RegExp(`^Can log in to CSMS as R1730 .+ at ${DENSHAM.odsCode} `));

  const addRole = page.getByRole("region", { name: "Add a job role" });
  await expect(addRole.getByRole("combobox", { name: "Organisation" })).toHaveValue(DENSHAM.odsCode);
  await addRole.getByRole("combobox", { name: "Job role" }).selectOption("R8001");
  await addRole.getByRole("textbox", { name: "Reason for this change" }).fill("Also covers the nurse clinic (e2e IG warning test)");
  await addRole.getByRole("button", { name: "Add job role" }).click();

  const warning = addRole.getByTestId("ig-warning");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(`This person can already log in to CSMS at ${DENSHAM.odsCode}`);
  await expect(page.getByRole("status").filter({ hasText: "Job role added." })).toHaveCount(0);
  await expectNoAxeViolations(page, "profile with the IG warning");

  // Ticking the box is not enough: the justification is needed too.
  const acknowledge = warning.getByRole("checkbox", { name: "I have checked that this person needs this access anyway" });
  await acknowledge.check();
  await addRole.getByRole("button", { name: "Add job role" }).click();
  await expect(errorSummary(page)).toContainText("Enter why this access is needed");
  await expectNoAxeViolations(page, "profile with the IG warning and a missing justification");

  // With both, the change is proposed, not made: a warned grant needs a second person (four eyes).
  const justification = "Runs the practice's cervical screening recall list from May (e2e).";
  await warning.getByRole("textbox", { name: "Why is this access needed?" }).fill(justification);
  await addRole.getByRole("button", { name: "Add job role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Proposed: a second person" })).toContainText("must approve this change before it is made");
  await expect(page.getByRole("status").filter({ hasText: "Job role added." })).toHaveCount(0);
  const waiting = page.getByRole("region", { name: "Waiting for approval" });
  const proposal = waiting.getByTestId("profile-pending-change");
  await expect(proposal).toHaveCount(1);
  await expect(proposal).toContainText(`Add job role R8001 at ${DENSHAM.odsCode}`);
  await expect(proposal).toContainText("proposed by Ade Advanced");
  const positions = page.getByRole("region", { name: "Positions" });
  const densham = positions.getByRole("row", { name: new RegExp(DENSHAM.odsCode) });
  await expect(densham).toContainText("R1730");
  await expect(densham).not.toContainText("R8001");
  await expect(verdictHeadline(page)).toHaveText(new RegExp(`^Can log in to CSMS as R1730 .+ at ${DENSHAM.odsCode} `));
  await expectNoAxeViolations(page, "profile with a change waiting for approval");

  // The API asks the same question of a script: 409 ig_warning, and nothing written.
  const before = await (await page.request.get(`/api/v1/people/${person}`)).json();
  expect(before.positions.find((p: { odsCode: string }) => p.odsCode === DENSHAM.odsCode).roles).not.toContain("R8001");
  const warned = await page.request.post(`/api/v1/people/${person}/roles`, {
    data: { odsCode: DENSHAM.odsCode, roleCode: "R8010", reason: "Scripted extra role (e2e)", version: before.version },
    headers: { origin: baseURL! },
  });
  expect(warned.status()).toBe(409);
  expect(await warned.json()).toMatchObject({ error: { code: "ig_warning" } });
  expect((await (await page.request.get(`/api/v1/people/${person}`)).json()).version).toBe(before.version);

  // A second person (the RA manager) approves it on /approvals.
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, ACCOUNTS.manager);
  await manager.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Approvals" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  const item = manager.getByTestId("pending-change").filter({ hasText: spaced(person) });
  await expect(item).toHaveCount(1);
  await expect(item.getByRole("heading")).toHaveText(`Add job role R8001 at ${DENSHAM.odsCode}`);
  await expect(item).toContainText("proposed by Ade Advanced");
  await expect(item).toContainText(`IG justification: ${justification}`);
  await expect(item).toContainText("the IG guard warned that this access is not needed");
  await expectNoAxeViolations(manager, "/approvals with the warned role waiting");
  await item.getByRole("textbox", { name: `Your note (Add job role R8001 at ${DENSHAM.odsCode} for ${spaced(person)})` }).fill("Checked with the practice manager (e2e).");
  await item.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(item).toHaveCount(0);
  await expect(manager.getByRole("status").getByText("Approved and made: Job role added.")).toBeFocused();
  await expectNoAxeViolations(manager, "/approvals after approving");

  // Made now: on the profile (nothing waiting any more) and in the API.
  await page.reload();
  await expect(page.getByRole("region", { name: "Waiting for approval" })).toHaveCount(0);
  await expect(densham).toContainText("R8001");
  const after = await (await page.request.get(`/api/v1/people/${person}`)).json();
  expect(after.version).toBeGreaterThan(before.version);
  expect(after.verdict).toMatchObject({ canLogIn: true, error: null });
  const at = after.positions.find((p: { odsCode: string }) => p.odsCode === DENSHAM.odsCode);
  expect([...at.roles].sort()).toEqual(["R1730", "R8001"]);
  expect(at.grants).toContainEqual(expect.objectContaining({ kind: "role", code: "R8001", endDate: null }));

  // The change log keeps both safeguards on the grant: the warning answered, and who proposed and who approved.
  const log = await manager.request.get(`/api/v1/audit?smartcardId=${person}&action=role.added`);
  expect(log.status()).toBe(200);
  const [added] = (await log.json()).events;
  expect(added).toMatchObject({ actorEmail: ACCOUNTS.manager, roleCode: "R8001", odsCode: DENSHAM.odsCode, reason: "Also covers the nurse clinic (e2e IG warning test)" });
  const safeguards = JSON.parse(added.safeguards);
  expect(safeguards.igWarning).toMatchObject({ justification });
  expect(safeguards.igWarning.warnings.join(" ")).toContain(`This person can already log in to CSMS at ${DENSHAM.odsCode}`);
  expect(safeguards.approval).toMatchObject({ proposedBy: ACCOUNTS.advanced, approvedBy: ACCOUNTS.manager, why: ["ig_warning"], note: "Checked with the practice manager (e2e)." });
  const proposed = await manager.request.get(`/api/v1/audit?smartcardId=${person}&action=change.proposed`);
  expect((await proposed.json()).events).toEqual([expect.objectContaining({ actorEmail: ACCOUNTS.advanced, roleCode: "R8001" })]);
  await managerContext.close();
});

// Time-bound access (issue 8): a change that needs a second person is proposed, shown on the profile and
// made only when someone else approves it on /approvals (or rejected with a reason); grants ending soon are
// worked on /reviews ("still needed" or "end now"); an end date given when adding a grant shows on the
// profile and in the API. Axe on every page state.
// People changed here (and nowhere else): demoPeople.canLogInGp (R8001 proposed and approved at A81002),
// demoPeople.canLogInClinicalPractitioner (the seeded pending change, rejected),
// demoPeople.canLogInHealthcareAssistant (R1480 re-certified with a new end date, workgroup ended now),
// demoPeople.canLogInAdmin (only read: their grants end soon), demoPeople.roleAndWorkgroupApartTrust
// (workgroup added at RYR with an end date, and an end date set on R0260 there).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { LANCING_PRACTICES, QUEENS_PARK, TRUST, demoPeople } from "../../prisma/seed/demo";
import { demoPending, endingSoon } from "../../prisma/seed/time-bound";
import { startOfUkDay, ukDay } from "../../lib/domain/grant-dates";
import { ukDate } from "../../lib/dates";
import { ACCOUNTS, demoPerson, errorSummary, expectNoAxeViolations, signIn, spaced, verdictHeadline } from "./support";

const DAY = 24 * 3600 * 1000;

type Typed = { day: string; month: string; year: string };

/** A UK calendar day `days` from now: as the API gives it (YYYY-MM-DD), typed in the date input's boxes and shown ("3 December 2026"). */
function ukDayFromNow(days: number): { iso: string; typed: Typed; shown: string } {
  const iso = ukDay(new Date(Date.now() + days * DAY));
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return { iso, typed: { day: String(d), month: String(m), year: String(y) }, shown: ukDate(startOfUkDay(iso)) };
}

/** The NHS date input: a group named by its legend, with Day, Month and Year boxes. */
const dateInput = (scope: Locator, legend: string) => scope.getByRole("group", { name: legend, exact: true });
async function typeDate(group: Locator, typed: Typed): Promise<void> {
  await group.getByRole("textbox", { name: "Day" }).fill(typed.day);
  await group.getByRole("textbox", { name: "Month" }).fill(typed.month);
  await group.getByRole("textbox", { name: "Year" }).fill(typed.year);
}

const daysFor = (smartcardId: string) => endingSoon.find((e) => e.smartcardId === smartcardId)!.days;

const consoleNav = (page: Page) => page.getByRole("navigation", { name: "Console" });
const positionsRegion = (page: Page) => page.getByRole("region", { name: "Positions" });
const positionRow = (page: Page, odsCode: string) => positionsRegion(page).getByRole("row", { name: new RegExp(odsCode) });
const pendingItem = (page: Page, smartcardId: string) => page.getByTestId("pending-change").filter({ hasText: spaced(smartcardId) });
const historyRegion = (page: Page) => page.getByRole("region", { name: "History" });
/** The success message said (and focused) above the forms once a change lands. */
const outcome = (page: Page, text: string | RegExp) => page.getByRole("status").getByText(text);

/** The live grants at one organisation, from GET /api/v1/people/{id}. */
async function grantsAt(page: Page, smartcardId: string, odsCode: string) {
  const response = await page.request.get(`/api/v1/people/${smartcardId}`);
  expect(response.status()).toBe(200);
  const json = await response.json();
  const position = json.positions.find((p: { odsCode: string }) => p.odsCode === odsCode);
  return { json, position, grants: position.grants as { kind: string; code: string; startedAt: string; endDate: string | null; reviewDue: string }[] };
}

test("a role proposed by one officer is made only when a second person approves it", async ({ page, browser, baseURL }) => {
  const person = demoPeople.canLogInGp; // Dr Oliver Bennett: R0260 + workgroup at A81002
  const name = demoPerson("canLogInGp").name;
  await signIn(page, ACCOUNTS.advanced);
  await page.goto(`/people/${person}`);
  await expect(verdictHeadline(page)).toHaveText(new RegExp(`^Can log in to CSMS as R0260 .+ at ${QUEENS_PARK.odsCode} `));

  // He can already log in there: the IG guard warns, and the acknowledged change is proposed, not made.
  const addRole = page.getByRole("region", { name: "Add a job role" });
  await expect(addRole.getByRole("combobox", { name: "Organisation" })).toHaveValue(QUEENS_PARK.odsCode);
  await addRole.getByRole("combobox", { name: "Job role" }).selectOption("R8001");
  const reason = "Runs the nurse-led smear clinic on Fridays (e2e four eyes)";
  await addRole.getByRole("textbox", { name: "Reason for this change" }).fill(reason);
  await addRole.getByRole("button", { name: "Add job role" }).click();
  const warning = addRole.getByTestId("ig-warning");
  await expect(warning).toContainText(`This person can already log in to CSMS at ${QUEENS_PARK.odsCode}`);
  await warning.getByRole("checkbox", { name: "I have checked that this person needs this access anyway" }).check();
  await warning.getByRole("textbox", { name: "Why is this access needed?" }).fill("Takes samples as a nurse, not as a GP, at that clinic (e2e).");
  await addRole.getByRole("button", { name: "Add job role" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Proposed: a second person" })).toBeVisible();
  const waiting = page.getByRole("region", { name: "Waiting for approval" });
  await expect(waiting.getByTestId("profile-pending-change")).toHaveText(new RegExp(`^Add job role R8001 at ${QUEENS_PARK.odsCode} — proposed by Ade Advanced on `));
  await expect(waiting).toContainText(reason);
  await expect(positionRow(page, QUEENS_PARK.odsCode)).not.toContainText("R8001");
  await expect(verdictHeadline(page)).toHaveText(new RegExp(`^Can log in to CSMS as R0260 .+ at ${QUEENS_PARK.odsCode} `));
  await expectNoAxeViolations(page, "profile with the proposed change waiting");

  // The proposer sees it on /approvals, but may not decide it: no buttons on the page, 403 from the API.
  await consoleNav(page).getByRole("link", { name: "Approvals" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  const own = pendingItem(page, person);
  await expect(own).toHaveCount(1);
  await expect(own.getByRole("heading")).toHaveText(`Add job role R8001 at ${QUEENS_PARK.odsCode}`);
  await expect(own).toContainText("You proposed this: another advanced RA agent or RA manager must decide.");
  await expect(own.getByRole("button")).toHaveCount(0);
  await expect(own.getByRole("textbox")).toHaveCount(0);
  await expectNoAxeViolations(page, "/approvals as the proposer");

  const listed = await page.request.get("/api/v1/approvals");
  expect(listed.status()).toBe(200);
  const proposal = (await listed.json()).approvals.find((a: { smartcardId: string }) => a.smartcardId === person);
  expect(proposal).toMatchObject({ kind: "role.add", odsCode: QUEENS_PARK.odsCode, roleCode: "R8001", proposedBy: ACCOUNTS.advanced, reason, endDate: null });
  const before = (await grantsAt(page, person, QUEENS_PARK.odsCode)).json.version;
  const selfApproval = await page.request.post(`/api/v1/approvals/${proposal.id}/approve`, { data: {}, headers: { origin: baseURL! } });
  expect(selfApproval.status()).toBe(403);
  expect((await grantsAt(page, person, QUEENS_PARK.odsCode)).json.version).toBe(before);

  // The RA manager finds it from the profile and approves it.
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, ACCOUNTS.manager);
  await manager.goto(`/people/${person}`);
  await manager.getByRole("region", { name: "Waiting for approval" }).getByRole("link", { name: "Decide in Approvals" }).click();
  await expect(manager).toHaveURL(/\/approvals$/);
  const item = pendingItem(manager, person);
  await expect(item).toContainText(`proposed by Ade Advanced`);
  await expect(item).toContainText("the IG guard warned that this access is not needed");
  const approve = item.getByRole("button", { name: "Approve", exact: true });
  await expect(approve).toBeVisible();
  await expectNoAxeViolations(manager, "/approvals as the RA manager");
  await item.getByRole("textbox", { name: /^Your note \(/ }).fill("Clinic rota checked (e2e).");
  await approve.click();
  await expect(item).toHaveCount(0);
  // The item has gone: the outcome is said above the list, and focus is there, not lost.
  await expect(outcome(manager, "Approved and made: Job role added.")).toBeFocused();
  await expectNoAxeViolations(manager, "/approvals after approving");

  // The verdict changes: two roles to choose from; the change log has the grant, in the manager's name.
  await manager.goto(`/people/${person}`);
  await expect(verdictHeadline(manager)).toHaveText(`Can log in to CSMS and choose from 2 roles at ${QUEENS_PARK.odsCode} (${QUEENS_PARK.name})`);
  await expect(manager.getByRole("region", { name: "Waiting for approval" })).toHaveCount(0);
  await expect(positionRow(manager, QUEENS_PARK.odsCode)).toContainText("R8001");
  const added = historyRegion(manager).getByRole("row").filter({ hasText: new RegExp(`Added job role R8001 .*at ${QUEENS_PARK.odsCode}`) });
  await expect(added).toHaveCount(1);
  await expect(added).toContainText("Morgan Manager");
  await expect(added).toContainText(reason);
  await expect(historyRegion(manager).getByRole("row").filter({ hasText: "Change proposed for approval" })).toContainText("Ade Advanced");
  await expectNoAxeViolations(manager, "profile after the approval");

  const { json, position, grants } = await grantsAt(manager, person, QUEENS_PARK.odsCode);
  expect(json.verdict).toMatchObject({ canLogIn: true, error: null });
  expect([...position.roles].sort()).toEqual(["R0260", "R8001"]);
  expect(grants).toContainEqual(expect.objectContaining({ kind: "role", code: "R8001", endDate: null }));
  const log = await manager.request.get(`/api/v1/audit?smartcardId=${person}&action=role.added`);
  const [event] = (await log.json()).events;
  expect(event).toMatchObject({ actorEmail: ACCOUNTS.manager, personName: name, roleCode: "R8001" });
  expect(JSON.parse(event.safeguards).approval).toMatchObject({ pendingChangeId: proposal.id, proposedBy: ACCOUNTS.advanced, approvedBy: ACCOUNTS.manager });
  await managerContext.close();
});

test("the seeded pending change is on the profile, and rejecting it needs a reason and changes nothing", async ({ page }) => {
  const person = demoPending.smartcardId; // Dr Samuel Adeyemi: R8000 + workgroup at A81001; agent@ proposed R8001
  await signIn(page, ACCOUNTS.manager);
  await page.goto(`/people/${person}`);
  const waiting = page.getByRole("region", { name: "Waiting for approval" });
  await expect(waiting.getByTestId("profile-pending-change")).toHaveText(
    new RegExp(`^Add job role ${demoPending.roleCode} at ${demoPending.odsCode} — proposed by Alex Agent on `),
  );
  await expectNoAxeViolations(page, "profile with the seeded pending change");
  const version = (await grantsAt(page, person, demoPending.odsCode)).json.version;

  await page.goto("/approvals");
  const item = pendingItem(page, person);
  await expect(item.getByRole("heading")).toHaveText(`Add job role ${demoPending.roleCode} at ${demoPending.odsCode}`);
  await expect(item).toContainText("proposed by Alex Agent");
  await expect(item).toContainText("IG justification: ");

  // Rejecting without a note is refused, and says so by the field.
  await item.getByRole("button", { name: "Reject", exact: true }).click();
  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter why the change is rejected" })).toBeVisible();
  const note = item.getByRole("textbox", { name: /^Your note \(/ });
  await expect(note).toHaveAttribute("aria-invalid", "true");
  // The summary's link leads to the note itself.
  await expect(summary.getByRole("link", { name: "Enter why the change is rejected" })).toHaveAttribute("href", `#${await note.getAttribute("id")}`);
  await expectNoAxeViolations(page, "/approvals with a rejection missing its reason");

  await note.fill("Already has R8000 at A81001, which CSMS accepts for the clinic (e2e).");
  await item.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(item).toHaveCount(0);
  await expect(outcome(page, "Rejected. The reason is in the change log.")).toBeFocused();
  await expectNoAxeViolations(page, "/approvals after rejecting");

  await page.goto(`/people/${person}`);
  await expect(page.getByRole("region", { name: "Waiting for approval" })).toHaveCount(0);
  await expect(positionRow(page, demoPending.odsCode)).not.toContainText(demoPending.roleCode);
  await expect(historyRegion(page).getByRole("row").filter({ hasText: "Proposed change rejected" })).toContainText("Morgan Manager");
  const { json, position } = await grantsAt(page, person, demoPending.odsCode);
  expect(json.version).toBe(version);
  expect(position.roles).toEqual(["R8000"]);
});

test("access review: grants ending soon are listed; 'still needed' re-dates one and 'end now' ends another", async ({ page }) => {
  const assistant = demoPeople.canLogInHealthcareAssistant; // Ellie Robinson: R1480 + workgroup at H82065, ending soon
  const admin = demoPeople.canLogInAdmin; // Tom Fletcher: R8008 + workgroup at H82091, ending sooner
  const ballTree = LANCING_PRACTICES.ballTree.odsCode;
  const newPondRow = LANCING_PRACTICES.newPondRow.odsCode;
  const assistantEnds = ukDayFromNow(daysFor(assistant));
  const adminEnds = ukDayFromNow(daysFor(admin));

  await signIn(page, ACCOUNTS.manager);
  await consoleNav(page).getByRole("link", { name: "Reviews" }).click();
  await expect(page).toHaveURL(/\/reviews$/);
  await expect(page.getByRole("heading", { level: 1, name: "Access reviews" })).toBeVisible();

  const rows = page.getByTestId("review-row");
  const row = (who: string, what: RegExp) => rows.filter({ hasText: who }).filter({ has: page.getByRole("heading", { name: what }) });
  const adminRole = row("Tom Fletcher", new RegExp(`^R8008 .+ at ${newPondRow}$`));
  const adminWorkgroup = row("Tom Fletcher", new RegExp(`^cervicalscreening workgroup at ${newPondRow}$`));
  const assistantRole = row("Ellie Robinson", new RegExp(`^R1480 .+ at ${ballTree}$`));
  const assistantWorkgroup = row("Ellie Robinson", new RegExp(`^cervicalscreening workgroup at ${ballTree}$`));
  for (const r of [adminRole, adminWorkgroup]) await expect(r).toContainText(`Ends on ${adminEnds.shown}: is it still needed after that?`);
  for (const r of [assistantRole, assistantWorkgroup]) await expect(r).toContainText(`Ends on ${assistantEnds.shown}: is it still needed after that?`);
  // Grants not reviewed for a year are there too (the seed's 2025 grants).
  await expect(rows.filter({ hasText: "Not reviewed for 12 months" }).first()).toBeVisible();
  await expectNoAxeViolations(page, "/reviews");

  // The organisation filter keeps to one organisation.
  await page.getByRole("combobox", { name: "Organisation" }).selectOption(ballTree);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]odsCode=${ballTree}`));
  await expect(assistantRole).toBeVisible();
  await expect(rows.filter({ hasText: "Tom Fletcher" })).toHaveCount(0);
  await expect(rows.filter({ has: page.getByRole("heading", { name: new RegExp(` at (?!${ballTree}$)`) }) })).toHaveCount(0);
  await expectNoAxeViolations(page, "/reviews filtered to one organisation");

  // "End now" without a reason is refused.
  await assistantWorkgroup.getByRole("button", { name: "End now" }).click();
  await expect(errorSummary(page)).toBeFocused();
  await expect(errorSummary(page)).toContainText("Enter a reason for this change");
  await expectNoAxeViolations(page, "/reviews with a decision missing its reason");

  // Still needed, until a new end date: the role leaves the list.
  const newEnd = ukDayFromNow(60);
  await typeDate(dateInput(assistantRole, "New end date if still needed"), newEnd.typed);
  await assistantRole.getByRole("textbox", { name: /^Reason \(/ }).fill("Contract extended to the end of the screening campaign (e2e review).");
  await assistantRole.getByRole("button", { name: "Still needed" }).click();
  await expect(assistantRole).toHaveCount(0);
  await expect(outcome(page, /^Re-certified: still needed until /)).toBeFocused();
  await expect(assistantWorkgroup).toBeVisible();
  await expectNoAxeViolations(page, "/reviews after 'still needed'");

  // End now, on the same person's other grant (from the same page, after the first decision changed the profile).
  await assistantWorkgroup.getByRole("textbox", { name: /^Reason \(/ }).fill("Moved to a non-screening clinic (e2e review).");
  await assistantWorkgroup.getByRole("button", { name: "End now" }).click();
  await expect(assistantWorkgroup).toHaveCount(0);
  await expect(outcome(page, "cervicalscreening workgroup removed.")).toBeFocused();
  await expect(rows.filter({ hasText: "Ellie Robinson" })).toHaveCount(0);
  await expectNoAxeViolations(page, "/reviews after 'end now'");

  // The profile: the role ends on its new date and is no longer due; the workgroup is gone, so no way in.
  await page.goto(`/people/${assistant}`);
  const ballTreeRow = positionRow(page, ballTree);
  await expect(ballTreeRow).toContainText(`ends on ${newEnd.shown}`);
  await expect(ballTreeRow).not.toContainText(`ends on ${assistantEnds.shown}`);
  await expect(ballTreeRow.getByTestId("review-due")).toHaveCount(0);
  await expect(ballTreeRow.getByRole("cell").nth(3)).toHaveText(/^No/);
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");
  const history = historyRegion(page);
  await expect(history.getByRole("row").filter({ hasText: "Job role re-certified" })).toContainText("Contract extended to the end of the screening campaign");
  await expect(history.getByRole("row").filter({ hasText: `Removed the cervicalscreening workgroup at ${ballTree}` })).toContainText(
    "Moved to a non-screening clinic",
  );
  await expectNoAxeViolations(page, "profile after the review");

  const { grants, position } = await grantsAt(page, assistant, ballTree);
  expect(position.cervicalScreeningWorkgroup).toBe(false);
  expect(grants).toEqual([expect.objectContaining({ kind: "role", code: "R1480", endDate: newEnd.iso })]);

  // The other person's grants are untouched, and still due.
  await page.goto(`/people/${admin}`);
  await expect(positionRow(page, newPondRow).getByTestId("review-due")).toHaveText(["Review due: ends within 14 days", "Review due: ends within 14 days"]);
  await expect(positionRow(page, newPondRow)).toContainText(`ends on ${adminEnds.shown}`);
});

test("an end date given when adding the workgroup shows on the profile and in the API", async ({ page }) => {
  const person = demoPeople.roleAndWorkgroupApartTrust; // Dr James O'Connor: R0260 at RYR, workgroup at A81001
  const ends = ukDayFromNow(7);
  await signIn(page, ACCOUNTS.advanced);
  await page.goto(`/people/${person}`);
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");

  const trustRow = positionRow(page, TRUST.odsCode);
  await trustRow.getByLabel(`Add the cervicalscreening workgroup at ${TRUST.odsCode}`).click();
  const form = trustRow.locator("details[open]");
  const endDate = dateInput(form, "End date (optional)");
  await expect(endDate).toHaveAccessibleDescription(/For example, 27 3 2027/);

  // Today is not a valid end date: access would end before it began.
  await typeDate(endDate, ukDayFromNow(0).typed);
  await form.getByRole("textbox", { name: "Reason for this change" }).fill("Locum colposcopy sessions for one week (e2e end date).");
  await form.getByRole("button", { name: `Add workgroup at ${TRUST.odsCode}` }).click();
  await expect(errorSummary(page)).toContainText("The end date must be after today");
  // The date as a whole is wrong: all three boxes are marked, and the summary's link lands on the first.
  for (const box of await endDate.getByRole("textbox").all()) await expect(box).toHaveAttribute("aria-invalid", "true");
  await errorSummary(page).getByRole("link", { name: "The end date must be after today" }).click();
  await expect(endDate.getByRole("textbox", { name: "Day" })).toBeFocused();
  await expectNoAxeViolations(page, "profile with an end date error");

  await typeDate(endDate, ends.typed);
  await form.getByRole("button", { name: `Add workgroup at ${TRUST.odsCode}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "cervicalscreening workgroup added." })).toBeVisible();
  await expect(verdictHeadline(page)).toHaveText(new RegExp(`^Can log in to CSMS as R0260 .+ at ${TRUST.odsCode} `));
  const workgroupCell = trustRow.getByRole("cell").nth(3);
  await expect(workgroupCell).toContainText(`ends on ${ends.shown}`);
  await expect(workgroupCell.getByTestId("review-due")).toHaveText("Review due: ends within 14 days");
  await expectNoAxeViolations(page, "profile with a grant that ends");

  let { grants } = await grantsAt(page, person, TRUST.odsCode);
  expect(grants).toContainEqual(expect.objectContaining({ kind: "workgroup", code: "cervicalscreening", endDate: ends.iso }));
  expect(grants).toContainEqual(expect.objectContaining({ kind: "role", code: "R0260", endDate: null }));

  // The role at the same organisation gets the same end date, from the same page (the profile changed meanwhile).
  await trustRow.getByLabel(`Set the end date of R0260 at ${TRUST.odsCode}`).click();
  const roleForm = trustRow.locator("details[open]").filter({ has: page.getByRole("button", { name: "Save end date" }) });
  await typeDate(dateInput(roleForm, "End date"), ends.typed);
  await roleForm.getByRole("textbox", { name: "Reason for this change" }).fill("The locum post ends with the colposcopy sessions (e2e end date).");
  await expectNoAxeViolations(page, "profile with the end date form open");
  await roleForm.getByRole("button", { name: "Save end date" }).click();
  await expect(page.getByRole("status").filter({ hasText: "End date set" })).toBeVisible();
  await expect(trustRow.getByRole("cell").nth(2)).toContainText(`ends on ${ends.shown}`);
  ({ grants } = await grantsAt(page, person, TRUST.odsCode));
  expect(grants).toContainEqual(expect.objectContaining({ kind: "role", code: "R0260", endDate: ends.iso }));
  await expect(historyRegion(page).getByRole("row").filter({ hasText: "Job role end date changed" })).toContainText("The locum post ends");
});

// Read-only and refused access: the auditor sees verdicts but cannot change anything (page or API), an RA
// agent cannot open the change log, and the API refuses anyone not signed in.
// Nobody changes these people: demoPeople.noWorkgroupClerical is only read (and a refused write is tried).
import { expect, test } from "@playwright/test";
import { QUEENS_PARK, demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, signIn, verdictHeadline } from "./support";

const person = demoPeople.noWorkgroupClerical;

test("auditor sees the profile and verdict with no change controls", async ({ page }) => {
  await signIn(page, ACCOUNTS.auditor);
  await page.goto(`/people/${person}`);

  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");
  // The table still shows the facts.
  const positions = page.getByRole("region", { name: "Positions" });
  await expect(positions.getByRole("cell", { name: QUEENS_PARK.odsCode, exact: true })).toBeVisible();
  await expect(positions).toContainText("R8010");

  // ...but nothing to change them with.
  await expect(page.getByRole("button", { name: /Apply fix/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Ask for this/ })).toHaveCount(0);
  await expect(page.getByText(/^Remove /)).toHaveCount(0);
  await expect(page.getByText("Remove workgroup")).toHaveCount(0);
  await expect(page.getByText("Add workgroup")).toHaveCount(0);
  await expect(page.getByText(/^Ask: /)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Add a job role" })).toHaveCount(0);
  await expect(page.getByLabel("Reason for this change")).toHaveCount(0);
  // The one form left is the plan's "where do they need CSMS?" question: a GET that changes nothing.
  const forms = page.locator("main form");
  await expect(forms).toHaveCount(1);
  await expect(forms).toHaveAttribute("method", "get");
  await expect(page.getByRole("combobox")).toHaveCount(1);
  await expect(page.getByRole("combobox", { name: "Where does this person need CSMS?" })).toBeVisible();
  // The header offers the change log to the auditor.
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Change log" })).toBeVisible();
});

test("auditor's signed-in browser cannot change a person through the API", async ({ page, baseURL }) => {
  await signIn(page, ACCOUNTS.auditor);

  const before = await page.request.get(`/api/v1/people/${person}`);
  expect(before.status()).toBe(200);
  const { version, positions } = await before.json();
  expect(typeof version).toBe("number");
  expect(positions).toContainEqual(expect.objectContaining({ odsCode: QUEENS_PARK.odsCode, cervicalScreeningWorkgroup: false }));

  const refused = await page.request.post(`/api/v1/people/${person}/workgroups`, {
    data: { odsCode: QUEENS_PARK.odsCode, reason: "Auditor trying to change a person", version },
    headers: { origin: baseURL! },
  });
  expect(refused.status()).toBe(403);
  const body = await refused.json();
  expect(body).toMatchObject({ error: { code: "forbidden" } });
  expect(typeof body.error.message).toBe("string");
  // Refused for the role, not by the cross-site check (the Origin header is this site's own).
  expect(body.error.message).not.toMatch(/cross-site/i);

  const after = await page.request.get(`/api/v1/people/${person}`);
  expect(after.status()).toBe(200);
  const json = await after.json();
  expect(json.version).toBe(version);
  expect(json.verdict).toMatchObject({ canLogIn: false, error: "no_workgroup" });
  expect(json.positions).toContainEqual(expect.objectContaining({ odsCode: QUEENS_PARK.odsCode, cervicalScreeningWorkgroup: false }));
  expect(json.positions.some((p: { cervicalScreeningWorkgroup: boolean }) => p.cervicalScreeningWorkgroup)).toBe(false);

  // The page agrees.
  await page.goto(`/people/${person}`);
  await expect(verdictHeadline(page)).toHaveText("CSMS will show: no workgroup");
});

test("an RA agent opening the change log gets the 403 page", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Change log" })).toHaveCount(0);

  const response = await page.goto("/audit");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You do not have permission to see this page" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("the people API refuses a browser that is not signed in", async ({ page }) => {
  // A fresh context: no session cookie.
  const response = await page.request.get(`/api/v1/people/${person}`);
  expect(response.status()).toBe(401);
  expect(await response.json()).toMatchObject({ error: { code: "not_signed_in" } });

  const spacedId = await page.request.get(`/api/v1/people/${person.slice(0, 4)}%20${person.slice(4, 8)}%20${person.slice(8)}`);
  expect(spacedId.status()).toBe(401);

  // The page itself sends the visitor to sign in and come back.
  await page.goto(`/people/${person}`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
});

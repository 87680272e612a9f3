// NHS page patterns across the console: the error summary first in <main> and focused, "Error: " in the title
// while it shows, a distinct title on every page (and none that names what the reader may not see), the footer
// and its public pages, aria-current in the header, focus on the <h1> after a client-side navigation, the NHS
// focus style and type scale. Changes nobody: failed submits only; two requests are sent for an organisation no
// demo account acts for (A81004), from a loopback address of their own, so no other test's inbox or limits see them.
import http from "node:http";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, demoPerson, errorSummary, expectNoAxeViolations, signIn, spaced, tabTo } from "./support";

const SERVICE = "RA console for CSMS access";
const title = (page: string) => `${page} – ${SERVICE}`;
const publicTitle = (page: string) => `${page} – Get help with CSMS access`;
const FORBIDDEN = title("You do not have permission to see this page");
const NOT_FOUND = title("Page not found");
const OUTSIDE_DEMO_SCOPE = "A81004";
const OWN_ADDRESS = "127.0.0.40";

/** Sends a request through the public API from this spec's own loopback address; answers its id and reference. */
function sendRequest(baseURL: string, n: number): Promise<{ id: string; reference: string }> {
  const { port } = new URL(baseURL);
  const body = JSON.stringify({
    name: `Page Patterns ${n}`,
    email: `page-patterns-${n}@nhs.example`,
    odsCode: OUTSIDE_DEMO_SCOPE,
    message: `CSMS says no workgroup (page patterns e2e ${n}).`,
  });
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, method: "POST", path: "/api/v1/requests", localAddress: OWN_ADDRESS, headers: { host: `localhost:${port}`, "content-type": "application/json" } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => (response.statusCode === 201 ? resolve(JSON.parse(text)) : reject(new Error(`${response.statusCode} ${text}`))));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** True when the element sits inside the first child of <main>, before the page's <h1>. */
async function firstInMain(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const main = document.querySelector("main");
    const h1 = main?.querySelector("h1");
    return Boolean(main?.firstElementChild?.contains(el) && h1 && el.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
}

async function lookUp(page: Page, typed: string): Promise<void> {
  await page.getByLabel("Smartcard ID").fill(typed);
  await page.getByRole("button", { name: "Look up", exact: true }).click();
}

test("a failed submit puts a focused error summary first in main and 'Error: ' in the title, until it is fixed", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await page.goto("/");
  await expect(page).toHaveTitle(title("Look up a person"));
  await lookUp(page, "5555 0000 000");
  const summary = errorSummary(page);
  await expect(summary).toBeFocused();
  expect(await firstInMain(summary)).toBe(true);
  await expect(page).toHaveTitle(`Error: ${title("Look up a person")}`);

  await lookUp(page, spaced(demoPeople.canLogIn));
  await expect(page).toHaveURL(new RegExp(`/people/${demoPeople.canLogIn}$`));
  await expect(summary).toHaveCount(0);
  const { name } = demoPerson("canLogIn");
  await expect(page).toHaveTitle(title(`${name} (${spaced(demoPeople.canLogIn)})`));

  // A form far down the profile: its summary still comes first, above the heading.
  const addRole = page.getByRole("region", { name: "Add a job role" });
  await addRole.getByRole("button", { name: "Add job role" }).click();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Enter a reason for this change");
  expect(await firstInMain(summary)).toBe(true);
  await expect(page).toHaveTitle(`Error: ${title(`${name} (${spaced(demoPeople.canLogIn)})`)}`);
  // Fixing the fields takes the summary, and the prefix, away (the form is not sent again).
  await addRole.getByRole("textbox", { name: "Reason for this change" }).fill("Checking page patterns (nothing is sent).");
  await expect(page).toHaveTitle(/^Error: /);
  await addRole.getByRole("combobox", { name: "Job role" }).selectOption({ index: 1 });
  await expect(summary).toHaveCount(0);
  await expect(page).toHaveTitle(title(`${name} (${spaced(demoPeople.canLogIn)})`));
});

test("a server-side refusal gets the 'Error: ' title too", async ({ page }) => {
  await page.goto("/requests/status");
  await expect(page).toHaveTitle(publicTitle("Check a request"));
  await page.getByLabel("Request reference").fill("CSMS-ZZZZZZZZ");
  await page.getByLabel("Work email address").fill("nobody@nhs.example");
  await page.getByRole("button", { name: "Check status" }).click();
  await expect(errorSummary(page)).toBeFocused();
  expect(await firstInMain(errorSummary(page))).toBe(true);
  await expect(page).toHaveTitle(`Error: ${publicTitle("Check a request")}`);
});

test("every page has its own title, and a refused or missing page says so", async ({ page, browser, baseURL }) => {
  const first = await sendRequest(baseURL!, 1);
  const second = await sendRequest(baseURL!, 2);
  await signIn(page, ACCOUNTS.manager);
  const titles = new Map<string, string>();
  const visit = async (path: string, expected: string | RegExp) => {
    await page.goto(path);
    await expect(page).toHaveTitle(expected);
    titles.set(path, await page.title());
  };
  const one = demoPerson("canLogIn");
  const two = demoPerson("noWorkgroup");
  await visit(`/people/${one.smartcardId}`, title(`${one.name} (${spaced(one.smartcardId)})`));
  await visit(`/people/${two.smartcardId}`, title(`${two.name} (${spaced(two.smartcardId)})`));
  await visit(`/requests/${first.id}`, title(`Request ${first.reference}`));
  await visit(`/requests/${second.id}`, title(`Request ${second.reference}`));
  await visit("/organisations/A81001", / \(A81001\) – RA console for CSMS access$/);
  await visit("/people/555599999999", NOT_FOUND);
  await visit("/no-such-page", NOT_FOUND);
  await visit("/audit", title("Change log"));
  const distinct = [...titles].filter(([, t]) => t !== NOT_FOUND).map(([, t]) => t);
  expect(new Set(distinct).size).toBe(distinct.length);

  // An RA agent may not open these: the 403's title, never the request's reference or the refused page's name.
  const agent = await browser.newPage();
  await signIn(agent, ACCOUNTS.agent);
  await agent.goto(`/requests/${first.id}`);
  await expect(agent.getByRole("heading", { level: 1 })).toHaveText("You do not have permission to see this page");
  await expect(agent).toHaveTitle(FORBIDDEN);
  await agent.goto("/outbox");
  await expect(agent).toHaveTitle(FORBIDDEN);
  await agent.close();
});

test("the footer's accessibility statement and privacy notice open without signing in", async ({ page }) => {
  await page.goto("/requests/new");
  const footer = page.getByRole("contentinfo");
  await expect(footer).toContainText("ra-console@ra.example");
  await footer.getByRole("link", { name: "Accessibility statement" }).click();
  await expect(page).toHaveURL(/\/accessibility$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Accessibility statement/);
  await expect(page).toHaveTitle(title("Accessibility statement"));
  await expectNoAxeViolations(page, "/accessibility");
  await page.getByRole("contentinfo").getByRole("link", { name: "Privacy notice" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1, name: "Privacy notice" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What the request form collects" })).toBeVisible();
  await expect(page).toHaveTitle(title("Privacy notice"));
  await expectNoAxeViolations(page, "/privacy");
  await page.goto("/login");
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Privacy notice" })).toBeVisible();
});

test("the header marks the current page, and a client-side navigation moves focus to the new h1", async ({ page }) => {
  await signIn(page, ACCOUNTS.agent);
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav.getByRole("link", { name: "Look up a person" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Requests" })).not.toHaveAttribute("aria-current");
  // Not on the first load: the page starts at the top as usual.
  await expect(page.getByRole("heading", { level: 1 })).not.toBeFocused();

  await nav.getByRole("link", { name: "Job roles" }).click();
  await expect(page).toHaveURL(/\/job-roles$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(nav.getByRole("link", { name: "Job roles" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Look up a person" })).not.toHaveAttribute("aria-current");
});

test("body text is 19px at desktop and 16px at 320px; a focused button is yellow with a black bar", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/login");
  const bodySize = () => page.evaluate(() => getComputedStyle(document.body).fontSize);
  expect(await bodySize()).toBe("19px");
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await bodySize()).toBe("16px");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

  await page.setViewportSize({ width: 1280, height: 800 });
  const button = page.getByRole("button", { name: "Sign in", exact: true });
  await tabTo(page, button);
  const style = await button.evaluate((el) => {
    const s = getComputedStyle(el);
    return { background: s.backgroundColor, shadow: s.boxShadow, colour: s.color };
  });
  expect(style.background).toBe("rgb(255, 235, 59)");
  expect(style.shadow).toBe("rgb(33, 43, 50) 0px 4px 0px 0px");
  expect(style.colour).toBe("rgb(33, 43, 50)");
  const link = page.getByRole("contentinfo").getByRole("link", { name: "Privacy notice" });
  await tabTo(page, link);
  expect(await link.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(255, 235, 59)");
});

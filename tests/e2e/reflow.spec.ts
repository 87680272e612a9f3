// Every page of the console at 320 and 1280 px: no sideways scrolling at 320 px, axe clean at both, each page
// as the role that can see it, with its error states. The page list is read from app/ on disk, so a page
// added without a visit here fails the first test. Nothing is changed but one new request (public API).
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DENSHAM, demoPeople } from "../../prisma/seed/demo";
import { checkPageAtWidths } from "./reflow";
import { ACCOUNTS, errorSummary, signIn } from "./support";

type Account = keyof typeof ACCOUNTS;
type Visit = (page: Page, browser: Browser) => Promise<void>;

async function at(page: Page, account: Account | null, url: string, label = url): Promise<void> {
  if (account) await signIn(page, ACCOUNTS[account]);
  await page.goto(url);
  await checkPageAtWidths(page, `${label}${account ? ` as ${account}` : ""}`);
}

// A request whose page shows long, unbroken text (an email, a reference, a message) beside the profile.
async function newRequest(browser: Browser): Promise<{ id: string; reference: string }> {
  const requester = await browser.newContext();
  const created = await requester.request.post("/api/v1/requests", {
    data: {
      name: "Reflow Test-With-A-Rather-Long-Double-Barrelled-Name",
      email: "reflow.check.with.a.very.long.address.indeed@nhs.net",
      smartcardId: demoPeople.mixedStatusCanLogIn,
      odsCode: DENSHAM.odsCode,
      message: `CSMS says: ${"x".repeat(120)} (an unbroken error code) and "no workgroup".`,
    },
  });
  expect(created.status()).toBe(201);
  const body = await created.json();
  await requester.close();
  return body;
}

/** Route (as its folder under app/, "/" for the root) -> how to see each of its states. */
const ROUTES: Record<string, Visit> = {
  "/": async (page) => {
    await at(page, "agent", "/");
    await at(page, "agent", "/?smartcardId=5555x0000", "/ with an error");
    await at(page, "agent", "/?smartcardId=555500009999", "/ with no profile found");
  },
  "/login": async (page) => {
    await at(page, null, "/login");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(errorSummary(page)).toBeVisible();
    await checkPageAtWidths(page, "/login with errors");
  },
  "/people/[smartcardId]": async (page) => {
    await at(page, "manager", `/people/${demoPeople.mixedStatusCanLogIn}?for=${DENSHAM.odsCode}`, "profile with three positions");
    await at(page, "agent", `/people/${demoPeople.formerStaffReturned}`, "profile with ended grants");
    await at(page, "auditor", `/people/${demoPeople.noWorkgroupEnded}`, "profile (read only)");
  },
  "/organisations/[odsCode]": (page) => at(page, "manager", `/organisations/${DENSHAM.odsCode}`),
  "/requests": (page) => at(page, "manager", "/requests"),
  "/requests/[requestId]": async (page, browser) => {
    const { id, reference } = await newRequest(browser);
    await at(page, "manager", `/requests/${id}`, `request ${reference}`);
    await at(page, "advanced", `/requests/${id}`, `request ${reference}`);
  },
  "/requests/new": async (page) => {
    await at(page, null, "/requests/new");
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(errorSummary(page)).toBeVisible();
    await checkPageAtWidths(page, "/requests/new with errors");
  },
  "/requests/status": async (page) => {
    await at(page, null, "/requests/status");
    await page.getByRole("button", { name: "Check status" }).click();
    await expect(errorSummary(page)).toBeVisible();
    await checkPageAtWidths(page, "/requests/status with errors");
  },
  "/requests/submitted": async (page, browser) => {
    const { reference } = await newRequest(browser);
    await at(page, null, `/requests/submitted?ref=${reference}`);
  },
  "/approvals": async (page) => {
    await at(page, "manager", "/approvals");
    await at(page, "advanced", "/approvals");
  },
  "/reviews": (page) => at(page, "manager", "/reviews"),
  "/bulk": (page) => at(page, "manager", "/bulk"),
  "/console-users": (page) => at(page, "manager", "/console-users"),
  "/job-roles": async (page) => {
    await at(page, "manager", "/job-roles");
    await at(page, "agent", "/job-roles");
  },
  "/outbox": (page) => at(page, "manager", "/outbox"),
  "/audit": async (page) => {
    await at(page, "auditor", "/audit");
    await at(page, "manager", "/audit");
  },
  "/audit/[eventId]": async (page) => {
    await signIn(page, ACCOUNTS.auditor);
    await page.goto("/audit");
    await page.getByRole("link", { name: /^Event / }).first().click();
    await expect(page).toHaveURL(/\/audit\/\d+/);
    await checkPageAtWidths(page, "/audit/{id} as auditor");
  },
  "/audit/access": (page) => at(page, "auditor", "/audit/access"),
  "/dashboard": async (page) => {
    await at(page, "manager", "/dashboard");
    await at(page, "auditor", "/dashboard");
    await at(page, "auditor", "/dashboard?odsCode=nonsense", "/dashboard with an error");
  },
  "/accessibility": (page) => at(page, null, "/accessibility"),
  "/privacy": (page) => at(page, null, "/privacy"),
  // app/forbidden.tsx and app/not-found.tsx
  forbidden: (page) => at(page, "agent", "/console-users", "403 (an agent on /console-users)"),
  "not-found": async (page) => {
    await at(page, null, "/no-such-page", "404 (signed out)");
    await at(page, "agent", "/people/555500009999", "404 (no such profile)");
  },
};

/** Every page under app/: "/x/[y]" for app/x/[y]/page.tsx, plus the forbidden and not-found pages. */
function appPages(dir = path.join(process.cwd(), "app"), route = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name === "api" ? [] : appPages(path.join(dir, entry.name), `${route}/${entry.name.replace(/^\(.*\)$/, "")}`);
    if (entry.name === "page.tsx") return [route.replace(/\/+/g, "/") || "/"];
    if (route === "" && /^(forbidden|not-found|unauthorized)\.tsx$/.test(entry.name)) return [entry.name.replace(/\.tsx$/, "")];
    return [];
  });
}

test("every page under app/ has a reflow visit here", () => {
  const pages = appPages().sort();
  expect(pages.length).toBeGreaterThan(15);
  expect(Object.keys(ROUTES).sort(), "pages without a visit in reflow.spec.ts (or visits of pages that are gone)").toEqual(pages);
});

for (const [route, visit] of Object.entries(ROUTES)) {
  test(`reflow and axe at 320 and 1280 px: ${route}`, async ({ page, browser }) => {
    test.slow(); // axe three times per page state
    await visit(page, browser);
  });
}

// Reflow (WCAG 1.4.10): every page state must read at 320 CSS px without sideways scrolling, and pass axe at
// 320 and 1280 px. expectNoAxeViolations (support.ts) calls checkReflowOnce at each page state a journey
// asserts, so the whole e2e suite doubles as a reflow check; reflow.spec.ts visits every route besides.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

export const NARROW = 320;
export const WIDE = 1280;

// WCAG 2.2 A and AA (axe's tags are cumulative per version, so each version's own tag is listed).
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Runs axe on the page as it is now and fails with a readable list of violations. */
export async function expectAxeClean(page: Page, label: string, { soft = false } = {}): Promise<void> {
  // Next.js streams a dynamic page's <title> after its body (and again after a Server Action's refresh): wait
  // for it, so axe judges the settled page. A page that never gets a title still fails, here.
  await expect(page, `${label} has no title`).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const readable = results.violations.map((v) => {
    const nodes = v.nodes
      .map((n) => `    at ${n.target.join(" ")}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
      .join("\n");
    return `${v.id} [${v.impact ?? "?"}] ${v.help} (${v.helpUrl})\n${nodes}`;
  });
  (soft ? expect.soft : expect)(readable, `axe violations on ${label}:\n\n${readable.join("\n\n")}`).toEqual([]);
}

type Overflow = { scrollWidth: number; clientWidth: number; culprits: string[]; scrolling: number; unlabelled: string[] };

/** Measures sideways overflow now, naming the elements that reach furthest right (innermost first). */
async function measure(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const clientWidth = root.clientWidth;
    const describe = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const cls = typeof e.className === "string" && e.className ? `.${e.className.trim().split(/\s+/).slice(0, 3).join(".")}` : "";
        parts.unshift(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${cls}`);
      }
      const width = Math.round(el.getBoundingClientRect().right);
      return `${parts.join(" > ")} reaches ${width}px: "${(el.textContent ?? "").trim().slice(0, 60)}"`;
    };
    // Inside a clipping box that itself fits (a visually hidden table head, say), overflow widens nothing.
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible" && p.getBoundingClientRect().right <= clientWidth + 0.5) return true;
      }
      return false;
    };
    const over = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > clientWidth + 0.5 && !clipped(el));
    // The innermost overflowing elements are the causes; their ancestors only carry them.
    const innermost = over.filter((el) => !over.some((other) => other !== el && el.contains(other)));
    innermost.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
    // A table that stacks into cards at narrow widths must label every cell with its column's header.
    const unlabelled: string[] = [];
    for (const table of document.querySelectorAll("table.table")) {
      const headers = [...table.querySelectorAll(":scope > thead > tr > th")].map((th) => (th.textContent ?? "").trim());
      for (const row of table.querySelectorAll(":scope > tbody > tr")) {
        [...row.children].forEach((cell, i) => {
          const label = cell.getAttribute("data-label");
          if (headers[i] && label !== headers[i]) unlabelled.push(`cell ${i + 1} of a row in "${headers.join(" | ")}" has data-label ${JSON.stringify(label)}, not "${headers[i]}"`);
        });
      }
    }
    // A box that scrolls sideways inside the page hides its overflow from the page's width: count it too.
    const scrollers = [...document.body.querySelectorAll("*")].filter(
      (el) => /auto|scroll/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1,
    );
    const culprits = [...innermost.map(describe), ...scrollers.map((el) => `${describe(el)} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`)];
    return { scrollWidth: root.scrollWidth, clientWidth, culprits: culprits.slice(0, 6), scrolling: scrollers.length, unlabelled: [...new Set(unlabelled)].slice(0, 5) };
  });
}

/** The page's width at 320 px as measured (for reports), and a failure naming the widest elements. */
export async function expectNoSidewaysScroll(page: Page, label: string): Promise<number> {
  const o = await measure(page);
  if (process.env.REFLOW_LOG) console.log(`reflow: ${o.scrollWidth}px ${label}${o.culprits.length ? `\n  ${o.culprits.join("\n  ")}` : ""}`);
  // Soft: a journey carries on, and every page state that overflows is reported, not only the first.
  expect.soft(o.scrollWidth, `${label} is ${o.scrollWidth}px wide at ${o.clientWidth}px:\n  ${o.culprits.join("\n  ")}`).toBeLessThanOrEqual(o.clientWidth);
  expect.soft(o.scrolling, `${label}: boxes that scroll sideways at ${o.clientWidth}px:\n  ${o.culprits.join("\n  ")}`).toBe(0);
  expect.soft(o.unlabelled, `${label}: table cells without their column's label`).toEqual([]);
  return o.scrollWidth;
}

/**
 * Checks the current page state at 320 px (no sideways scroll, axe) and at 1280 px (axe), then puts the
 * viewport back as it was. Nothing on the page is clicked or typed, so a journey carries on where it was.
 */
export async function checkPageAtWidths(page: Page, label = new URL(page.url()).pathname, { axeWide = true } = {}): Promise<void> {
  const before = page.viewportSize() ?? { width: WIDE, height: 720 };
  try {
    await page.setViewportSize({ width: NARROW, height: 640 });
    await expectNoSidewaysScroll(page, `${label} at ${NARROW}px`);
    await expectAxeClean(page, `${label} at ${NARROW}px`, { soft: true });
    if (axeWide) {
      await page.setViewportSize({ width: WIDE, height: 720 });
      await expectAxeClean(page, `${label} at ${WIDE}px`, { soft: true });
    }
  } finally {
    await page.setViewportSize(before);
  }
}

// Page states already checked in this worker: a journey passing the same state twice pays once.
const seen = new Set<string>();

/** An address with its ids replaced, so one profile or request stands for all in the dedupe key. */
export function pageShape(url: string): string {
  const u = new URL(url);
  const path = u.pathname.replace(/\/(\d{6,}|[0-9a-f-]{20,}|CSMS-[0-9A-Z]+|[A-Z0-9]{3,6}(?=\/|$))/g, "/:id");
  return `${path}?${[...u.searchParams.keys()].sort().join("&")}`;
}

/** What distinguishes one state of a page from another, for the dedupe key: errors, open parts, dialogs. */
async function pageState(page: Page): Promise<string> {
  return page.evaluate(() =>
    [
      document.querySelector('[role="alert"]:not(#__next-route-announcer__)') ? "error" : "",
      document.querySelector("details[open]") ? "open" : "",
      document.querySelector('dialog[open], [role="dialog"], [role="alertdialog"]') ? "dialog" : "",
    ].join(","),
  );
}

/**
 * checkPageAtWidths once per page state (address shape and pageState) per worker; the caller runs axe at
 * 1280 px. Two profiles in the same state share a key, so the journeys pay for each kind of page once.
 */
export async function checkReflowOnce(page: Page, label?: string): Promise<void> {
  const key = `${pageShape(page.url())} ${await pageState(page)}`;
  if (seen.has(key)) return;
  seen.add(key);
  const started = Date.now();
  await checkPageAtWidths(page, label ?? page.url(), { axeWide: false });
  const took = Date.now() - started;
  // The check's time is not the journey's: a slow machine must not time the journey out because of it.
  test.info().setTimeout(test.info().timeout + took);
  if (process.env.REFLOW_LOG) console.log(`reflow check took ${took} ms: ${key}`);
}

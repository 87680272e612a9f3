// First-load JavaScript per app route, from the production build in .next/ (Next 16 prints no sizes).
// Fails when a route with a budget goes over it, so a heavy import on the lookup page is caught by `npm test`.
//
// Where the numbers come from (Turbopack build output):
// - .next/build-manifest.json `rootMainFiles`: the runtime every page loads (React, the router).
// - .next/server/app/<route>/page_client-reference-manifest.js `entryJSFiles`: the client chunks of the
//   page and of each layout, boundary and template above it.
// "Shared" is the runtime plus the root layout's chunks; "route" is what a first visit loads on top of that.
// Sizes are gzip (level 9, as Next's old report used), the bytes a browser downloads.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const BUDGETS = { "/": 10 * 1024 };

const dir = path.resolve(process.argv[2] ?? ".next");
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function manifests(root) {
  const found = [];
  const walk = (at) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "page_client-reference-manifest.js") found.push(full);
    }
  };
  walk(root);
  return found;
}

/** The manifest is a script assigning globalThis.__RSC_MANIFEST[route]: run it in an empty context. */
function readManifest(file) {
  const context = { globalThis: {} };
  vm.runInNewContext(readFileSync(file, "utf8"), context);
  const [[route, manifest]] = Object.entries(context.globalThis.__RSC_MANIFEST);
  return { route, manifest };
}

const sizes = new Map();
function size(chunk) {
  if (!sizes.has(chunk)) {
    const bytes = readFileSync(path.join(dir, chunk));
    sizes.set(chunk, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return sizes.get(chunk);
}
const total = (chunks, key) => [...chunks].reduce((sum, c) => sum + size(c)[key], 0);
const chunkPath = (c) => c.replace(/^\/?_next\//, "").replace(/^\//, "");

function report() {
  const buildManifest = path.join(dir, "build-manifest.json");
  if (!existsSync(buildManifest)) {
    console.error(`No build in ${dir}: run \`next build\` first.`);
    return 1;
  }
  const runtime = JSON.parse(readFileSync(buildManifest, "utf8")).rootMainFiles.map(chunkPath);
  const rows = [];
  for (const file of manifests(path.join(dir, "server", "app"))) {
    const { route, manifest } = readManifest(file);
    const entries = manifest.entryJSFiles ?? {};
    const rootLayout = entries["[project]/app/layout"] ?? [];
    const shared = new Set([...runtime, ...rootLayout.map(chunkPath)]);
    const firstLoad = new Set([...runtime, ...Object.values(entries).flat().map(chunkPath)]);
    const own = new Set([...firstLoad].filter((c) => !shared.has(c)));
    // "/people/[smartcardId]/page" -> "/people/[smartcardId]"; "/page" -> "/".
    const name = route.replace(/\/page$/, "") || "/";
    rows.push({ name, raw: total(firstLoad, "raw"), gzip: total(firstLoad, "gzip"), ownRaw: total(own, "raw"), ownGzip: total(own, "gzip") });
  }
  if (rows.length === 0) {
    console.error(`No app routes found under ${dir}/server/app.`);
    return 1;
  }
  rows.sort((a, b) => a.name.localeCompare(b.name));
  const width = Math.max(...rows.map((r) => r.name.length), 5);
  console.log(`${"Route".padEnd(width)}  ${"First load (gzip)".padStart(18)}  ${"(raw)".padStart(10)}  ${"Route-specific (gzip)".padStart(22)}  ${"(raw)".padStart(10)}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(width)}  ${kb(r.gzip).padStart(18)}  ${kb(r.raw).padStart(10)}  ${kb(r.ownGzip).padStart(22)}  ${kb(r.ownRaw).padStart(10)}`);
  }
  let failed = 0;
  for (const [name, budget] of Object.entries(BUDGETS)) {
    const row = rows.find((r) => r.name === name);
    if (!row) {
      console.error(`Route ${name} has a budget but is not in the build.`);
      failed++;
    } else if (row.ownGzip > budget) {
      console.error(`Route ${name}: ${kb(row.ownGzip)} gzip of route-specific JavaScript, over its ${kb(budget)} budget.`);
      failed++;
    } else {
      console.log(`Route ${name}: ${kb(row.ownGzip)} gzip of route-specific JavaScript, within its ${kb(budget)} budget.`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = report();

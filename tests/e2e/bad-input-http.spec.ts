// Bad input over real HTTP, where Next.js itself parses the request before any of our code: the attack
// run's requests (undecodable path segments, TRACE, Server Actions from another site, crafted action
// arguments), then generated ones on every route and every Server Action. Never a 5xx, and nothing written.
// (The in-process runs with more cases: tests/integration/bad-input-*.test.ts.)
// Nobody is changed here; the one sign-in is reused by the specs that follow.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import fc from "fast-check";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { demoPeople } from "../../prisma/seed/demo";
import { ACCOUNTS, signIn } from "./support";

// What the build holds: every route, and every Server Action with a page that runs it.
const routeManifest = JSON.parse(readFileSync(".next/app-path-routes-manifest.json", "utf8")) as Record<string, string>;
const routes = Object.values(routeManifest).filter((r) => !r.startsWith("/_"));
type Manifest = { node: Record<string, { workers: Record<string, unknown>; exportedName?: string }> };
const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as Manifest;
const actions = Object.entries(manifest.node).map(([id, entry]) => {
  const page = Object.keys(entry.workers)[0]!.replace(/^app/, "").replace(/\/page$/, "") || "/";
  return { id, name: entry.exportedName ?? id, path: page.replace(/\[[^\]]+\]/g, demoPeople.canLogIn) };
});
const submitRequest = actions.find((a) => a.name === "submitRequestAction")!;

/** Every change leaves a change event or moves one of these counts (as in the integration runs). */
function writeFingerprint(): unknown {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT (SELECT count(*) FROM AuditEvent WHERE action NOT LIKE 'security.%') AS changeEvents,
          (SELECT count(*) FROM RoleAssignment WHERE endedAt IS NULL) AS activeRoles,
          (SELECT count(*) FROM WorkgroupMembership WHERE endedAt IS NULL) AS activeWorkgroups,
          (SELECT total(version) FROM Person) AS personVersions, (SELECT count(*) FROM PendingChange) AS pending,
          (SELECT count(*) FROM AccessRequest) AS requests, (SELECT total(version) FROM AccessRequest) AS requestVersions,
          (SELECT count(*) FROM JobRole) AS jobRoles, (SELECT count(*) FROM ConsoleUser) AS consoleUsers`,
      )
      .get();
  } finally {
    db.close();
  }
}

function callAction(request: APIRequestContext, action: { id: string; path: string }, body: string, headers: Record<string, string> = {}) {
  return request.post(action.path, {
    data: body,
    headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", ...headers },
    maxRedirects: 0,
  });
}

let before: unknown;
test.beforeAll(() => {
  before = writeFingerprint();
});
test.afterAll(() => {
  expect(writeFingerprint(), "nothing written by any refused request").toEqual(before);
});

test.describe("the attack run's requests", () => {
  for (const path of ["/api/v1/people/%ZZ", "/people/%E0%A4%A", "/requests/%ZZ", "/audit/%ZZ"]) {
    test(`GET ${path} is a 400`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(400);
      if (path.startsWith("/api/")) {
        expect(await response.json()).toEqual({ error: { code: "bad_input", message: expect.stringMatching(/\S/) } });
      } else {
        expect(response.headers()["content-type"]).toMatch(/^text\/html/);
        expect(await response.text()).toContain("<h1>The address or form could not be read</h1>");
      }
    });
  }

  test("TRACE is a 405 everywhere", async ({ request }) => {
    for (const path of ["/", "/login", "/people/555500000003", "/api/v1/people/555500000003", "/api/v1/requests"]) {
      const response = await request.fetch(path, { method: "TRACE" });
      expect(response.status(), path).toBe(405);
      expect(response.headers()["allow"]).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    }
  });

  test("a Server Action from another site, or from Origin null, is a 403", async ({ request }) => {
    for (const origin of ["http://evil.example", "null"]) {
      const response = await callAction(request, submitRequest, "[{}]", { origin });
      expect(response.status(), origin).toBe(403);
      expect(await response.json()).toEqual({ error: { code: "forbidden", message: "Cross-site requests are refused." } });
    }
  });

  test("crafted Server Action arguments are a 400; plain ones reach the action", async ({ request, baseURL }) => {
    for (const args of ['["$Q"]', '["$B0"]', '["${7*7}"]', '["$F1:then"]']) {
      const response = await callAction(request, submitRequest, args, { origin: baseURL! });
      expect(response.status(), args).toBe(400);
      expect((await response.json()).error.code).toBe("bad_input");
    }
    const plain = await callAction(request, submitRequest, '[{"name":"$$Q"}]', { origin: baseURL! });
    expect(plain.status()).toBe(200);
    expect(await plain.text()).toContain('"code":"bad_input"'); // the action's own answer: the form is incomplete
  });
});

// ---- generated ----

const BROKEN = ["%", "%Z", "%ZZ", "%E0%A4%A", "%C0%AF", "%ED%A0%80", "%FF", "%%", "%u0041"];
const ODD = ["%00", "%0A", "%2F", "%5C", "%2E%2E", "%252E", "%E2%80%AE", "%F0%9F%98%80", "..", "~", "%20", "%3Cscript%3E", "%22%27", "x".repeat(2000)];
const PLAUSIBLE = [demoPeople.canLogIn, "5555%200000%200003", "A81001", "R8001", "1", "signin", "session", "csrf", "providers", "new", "status"];
const segment = fc.oneof(
  fc
    .array(fc.oneof(fc.constantFrom(...BROKEN, ...ODD), fc.stringMatching(/^[A-Za-z0-9._~-]{0,6}$/)), { minLength: 1, maxLength: 4 })
    .map((p) => p.join("")),
  fc.constantFrom(...PLAUSIBLE),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const path = fc.tuple(fc.constantFrom(...routes), fc.array(segment, { minLength: 3, maxLength: 3 }), fc.boolean()).map(([route, segments, extra]) => {
  let i = 0;
  return route.replace(/\[(?:\.\.\.)?[^\]]+\]/g, () => segments[i++]!) + (extra ? `/${segments[2]}` : "");
});
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "SEARCH"];

const TAGS = ["", "$", "@", "h", "T", "Q", "W", "K", "i", "D", "n", "A", "B", "R", "X", "F", "{", "0", "1", "undefined", "NaN"];
const replyString = fc.oneof(
  fc
    .tuple(fc.constantFrom(...TAGS), fc.constantFrom("", "0", "1", ":then", ":0:1", "{7*7}", "9".repeat(301), "2020-01-01"))
    .map(([t, s]) => `$${t}${s}`),
  fc.string({ maxLength: 12 }),
);
const { value: replyValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    replyString,
    fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("__proto__", "then", "name", "email", "message", "smartcardId", "reason", "version"), tie("value"), { maxKeys: 3 }),
  ),
}));
const actionBody = fc.oneof(
  { weight: 5, arbitrary: fc.array(replyValue, { maxLength: 3 }).map((a) => JSON.stringify(a)) },
  { weight: 1, arbitrary: fc.constantFrom("", "[", "{}", "5", "[".repeat(3000) + "]".repeat(3000), "not json") },
);

test.describe("generated bad input", () => {
  test.describe.configure({ timeout: 180_000 });

  test("hostile path segments and methods on every route: never a 5xx", async ({ page, baseURL }) => {
    await signIn(page, ACCOUNTS.manager); // deeper into the pages than a signed-out visitor gets
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom(...METHODS), async (target, method) => {
        // Absolute, so that a path starting "//" is a path here, not a host.
        const options = { method, maxRedirects: 0, failOnStatusCode: false, headers: { origin: baseURL! } };
        const response = await page.request.fetch(`${baseURL}${target}`, options);
        statuses[response.status()] = (statuses[response.status()] ?? 0) + 1;
        expect(response.status(), `${method} ${target}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    // The run reached pages and routes, not only the proxy's refusals.
    expect(Object.keys(statuses).map(Number)).toEqual(expect.arrayContaining([200, 400, 405]));
  });

  test("generated arguments for every Server Action: a 4xx from the proxy, or the action's own answer", async ({ page, baseURL }) => {
    await signIn(page, ACCOUNTS.manager);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...actions), actionBody, async (action, body) => {
        const response = await callAction(page.request, action, body, { origin: baseURL! });
        expect(response.status(), `${action.name} ${body.slice(0, 200)}`).toBeLessThan(500);
        if (response.status() >= 400) expect((await response.json()).error.code).toBe("bad_input");
      }),
      { numRuns: 200 },
    );
  });

  test("generated Origins on a Server Action: another host is a 403", async ({ request, baseURL }) => {
    const host = new URL(baseURL!).host;
    const origins = fc.oneof(
      fc.webUrl().map((u) => new URL(u).origin),
      fc.constantFrom("null", "http://localhost.evil.example", `https://${host}`, "http://[::1"),
    );
    await fc.assert(
      fc.asyncProperty(origins, async (origin) => {
        const response = await callAction(request, submitRequest, "[{}]", { origin });
        let sameHost = false;
        try {
          sameHost = new URL(origin).host === host;
        } catch {
          sameHost = false;
        }
        expect(response.status(), origin).toBe(sameHost ? 200 : 403);
      }),
      { numRuns: 50 },
    );
  });
});

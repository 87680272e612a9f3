// Generated bad input at the door (proxy.ts): hostile path segments on every page and API route, methods,
// Origins and Server Action payloads. Next.js answers each of these with a 500 before our code runs unless
// the proxy refuses it first; whatever the proxy lets through, React's own decoder must accept.
// (tests/e2e/bad-input-http.spec.ts sends the same kinds of request to a real server.)
import { spawnSync } from "node:child_process";
import { request as httpRequest, Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { refuseTrace } from "@/lib/http/unsupported-methods";

// Every page and API route on disk, dynamic segments and all (the modules are not loaded).
const routePatterns = [
  ...Object.keys(import.meta.glob("/app/**/page.tsx")).map((f) => f.replace(/^\/app/, "").replace(/\/page\.tsx$/, "") || "/"),
  ...Object.keys(import.meta.glob("/app/api/**/route.ts")).map((f) => f.replace(/^\/app/, "").replace(/\/route\.ts$/, "")),
];

const BROKEN_ESCAPES = ["%", "%Z", "%ZZ", "%E0%A4%A", "%E0%A4", "%C0", "%C0%AF", "%ED%A0%80", "%FF", "%80", "%%", "%G0", "%0", "%u0041"];
const ODD_BUT_VALID = ["%00", "%0A", "%0D%0A", "%2F", "%5C", "%2E%2E", "%252E", "%E2%80%AE", "%F0%9F%98%80", "..", ".", "~", "%20", "%3C%3E"];

function encodeOrKeep(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text; // a lone surrogate: the URL parser percent-encodes it as it stands
  }
}

const hostileSegment = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }).map(encodeOrKeep),
  fc
    .array(fc.oneof(fc.constantFrom(...BROKEN_ESCAPES, ...ODD_BUT_VALID), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 5 })
    .map((parts) => parts.join("")),
  fc.constantFrom("5555 0000 0003", "555500000003", "A81001", "R8001", "00000000-0000-0000-0000-000000000000", "x".repeat(3000)),
);

/** A route with each dynamic segment (and sometimes one more at the end) replaced by a hostile one. */
const hostilePath = fc
  .tuple(
    fc.constantFrom(...routePatterns),
    fc.array(hostileSegment, { minLength: 4, maxLength: 4 }),
    fc.boolean(),
    fc.option(fc.string({ maxLength: 30 })),
  )
  .map(([pattern, segments, extra, query]) => {
    let i = 0;
    const path = pattern.replace(/\[(?:\.\.\.)?[^\]]+\]/g, () => segments[i++ % segments.length]!) + (extra ? `/${segments[3]}` : "");
    return query === null ? path : `${path}?${query}`;
  });

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "MKCOL", "PURGE", "LINK", "SEARCH", "M-SEARCH", "QUERY"];
const ALLOWED = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The spec, stated independently of the proxy: does some path segment not decode? */
function undecodable(pathname: string): boolean {
  return pathname.split("/").some((segment) => {
    try {
      decodeURIComponent(segment);
      return false;
    } catch {
      return true;
    }
  });
}

const passedThrough = (response: Response) => response.headers.get("x-middleware-next") === "1";

async function expectRefusal(response: Response, pathname: string, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-security-policy")).toMatch(/'nonce-/);
  if (pathname.startsWith("/api/")) {
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: { code, message: expect.stringMatching(/\S/) } });
  } else {
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/<h1>[^<]+<\/h1>/);
  }
}

describe("hostile paths and methods on every route", () => {
  it("finds the routes", () => {
    const expected = ["/", "/people/[smartcardId]", "/requests/[requestId]", "/audit/[eventId]", "/api/v1/people/[smartcardId]"];
    expect(routePatterns).toEqual(expect.arrayContaining(expected));
  });

  it("a segment that does not decode is a 400, an unknown method a 405, anything else goes on to Next.js", async () => {
    await fc.assert(
      fc.asyncProperty(hostilePath, fc.constantFrom(...METHODS), async (path, method) => {
        const url = `http://localhost${path.startsWith("/") ? "" : "/"}${path}`;
        const request = new NextRequest(url, { method, headers: { host: "localhost" } });
        const { pathname } = request.nextUrl;
        const response = await proxy(request);
        if (!ALLOWED.has(method)) {
          await expectRefusal(response, pathname, 405, "method_not_allowed");
          expect(response.headers.get("allow")).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        } else if (undecodable(pathname)) {
          await expectRefusal(response, pathname, 400, "bad_input");
        } else {
          expect(passedThrough(response)).toBe(true);
        }
      }),
      { numRuns: 800 },
    );
  });

  const fromTheAttackRun = ["/api/v1/people/%ZZ", "/people/%E0%A4%A", "/requests/%ZZ", "/audit/%ZZ", "/api/v1/requests/%ED%A0%80"];
  it.each(fromTheAttackRun)("%s is a 400", async (path) => {
    await expectRefusal(await proxy(new NextRequest(`http://localhost${path}`)), path, 400, "bad_input");
  });

  it("TRACE, which Node's fetch cannot even represent, is a 405 from the HTTP server itself", async () => {
    class ConsoleServer extends Server {}
    refuseTrace(ConsoleServer);
    refuseTrace(ConsoleServer); // once only, however often the server starts
    const reached: string[] = [];
    const server = new ConsoleServer((req, res) => {
      reached.push(req.method!);
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const send = (method: string, path: string) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, method, path }, (res) => {
          let body = "";
          res.on("data", (chunk) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode!, type: String(res.headers["content-type"]), body }));
        });
        req.on("error", reject).end();
      });
    try {
      const api = await send("TRACE", "/api/v1/people/555500000003");
      expect(api).toMatchObject({ status: 405, type: expect.stringMatching(/^application\/json/) });
      expect(JSON.parse(api.body)).toEqual({ error: { code: "method_not_allowed", message: expect.any(String) } });
      expect(await send("TRACE", "/people/%ZZ")).toMatchObject({ status: 405, type: expect.stringMatching(/^text\/html/) });
      expect(await send("GET", "/")).toMatchObject({ status: 200, body: "ok" });
      expect(reached).toEqual(["GET"]);
    } finally {
      server.close();
    }
    // Only the class it was given: the process's own servers are untouched by this test.
    expect(Object.hasOwn(Server.prototype, Symbol.for("ra-console.refuse-trace"))).toBe(false);
  });
});

// ---- Server Actions ----

const ACTION_ID = "40" + "ab".repeat(20);
const ORIGIN = "http://localhost";

function actionRequest(body: BodyInit, headers: Record<string, string> = {}, path = "/requests/new") {
  return new NextRequest(`${ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: { host: "localhost", origin: ORIGIN, "next-action": ACTION_ID, "content-type": "text/plain;charset=UTF-8", ...headers },
  });
}

// Every tag in React's reply format, with the suffixes an attacker would try.
const TAGS = [..."$@hHTQWKiI-NuDnAOoUSsLlGgMmVBRrXxF{01f", ""];
const SUFFIXES = ["", "0", "1", "ff", ":then", ":0:1", ":__proto__", "{7*7}", "undefined", "NaN", "Infinity", "-0", "2020-01-01T00:00:00.000Z"];
SUFFIXES.push("123", "-12", "9".repeat(301), "K1");
const replyString = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...TAGS), fc.oneof(fc.constantFrom(...SUFFIXES), fc.string({ maxLength: 8 })))
      .map(([tag, suffix]) => `$${tag}${suffix}`),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const KEYS = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "then", "smartcardId", "$$typeof", "_response", "status", "value"),
  fc.string({ maxLength: 6 }),
);
const { value: replyValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    replyString,
    fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(KEYS, tie("value"), { maxKeys: 4 }),
  ),
}));
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const actionText = fc.oneof(
  { weight: 6, arbitrary: fc.array(replyValue, { maxLength: 4 }).map((args) => JSON.stringify(args)) },
  { weight: 1, arbitrary: replyValue.map((v) => JSON.stringify(v) ?? "") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("", "[", "not json", "[1,2", "{}", "null", "5", '"$Q"', nested(40), nested(5000), `[${"0,".repeat(2000)}0]`),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

type DecodeInput = { kind: "text"; text: string } | { kind: "form"; entries: [string, string][] };

// React's real decoder, in a process with the react-server condition it needs: the ground truth for
// "Next.js would have decoded this". One process for the whole batch.
const REACT_DECODER = createRequire(import.meta.url).resolve(
  "next/dist/compiled/react-server-dom-turbopack/cjs/react-server-dom-turbopack-server.node.production.js",
);
const DECODER = `
const { decodeReply } = require(${JSON.stringify(REACT_DECODER)});
// Touch every decoded value, as an action reading its input would.
const walk = (v, seen = new Set()) => {
  if (!v || typeof v !== "object" || seen.has(v)) return;
  seen.add(v);
  for (const k of Object.keys(v)) walk(v[k], seen);
};
let input = "";
process.stdin.on("data", (c) => (input += c)).on("end", async () => {
  const out = [];
  for (const item of JSON.parse(input)) {
    try {
      let body = item.text;
      if (item.kind === "form") { body = new FormData(); for (const [k, v] of item.entries) body.append(k, v); }
      const args = await decodeReply(body, {}, {});
      if (!Array.isArray(args)) throw new Error("not a list of arguments: " + typeof args);
      walk(args);
      out.push(null);
    } catch (e) { out.push(String(e && e.message)); }
  }
  process.stdout.write(JSON.stringify(out));
});`;

function decodeWithReact(inputs: DecodeInput[]): (string | null)[] {
  const child = spawnSync(process.execPath, ["--conditions=react-server", "-e", DECODER], {
    input: JSON.stringify(inputs),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

describe("Server Action payloads", () => {
  it("the crafted arguments from the attack run are a 400 with the contract's error", async () => {
    for (const args of ['["$Q"]', '["$B0"]', '["${7*7}"]', '["$F1:then"]', '["role.add", {"reason": "$@0"}]']) {
      const response = await proxy(actionRequest(args));
      expect(response.status, args).toBe(400);
      expect(await response.json()).toEqual({ error: { code: "bad_input", message: expect.stringMatching(/\S/) } });
    }
    // React agrees they are not decodable.
    const crafted = ['["$Q"]', '["$B0"]', '["${7*7}"]', '["$F1:then"]'].map((text): DecodeInput => ({ kind: "text", text }));
    expect(decodeWithReact(crafted)).not.toContain(null);
  });

  it("what the console's forms send goes through", async () => {
    const sent = [
      '["role.add",{"smartcardId":"555500000003","odsCode":"A81001","roleCode":"R8001","reason":"$$5 cover","version":3,"requestId":"$undefined"}]',
      '[{"name":"Pat","email":"pat@nhs.example","message":"Cannot log in","organisation":"A81001","smartcardId":"$undefined"}]',
      '["add",{"code":"R8001","csms":true,"from":"$D2026-11-01T00:00:00.000Z","big":"$n12","odd":["$NaN","$Infinity","$-Infinity","$-0"]}]',
    ];
    for (const text of sent) expect(passedThrough(await proxy(actionRequest(text))), text).toBe(true);
    expect(decodeWithReact(sent.map((text) => ({ kind: "text", text })))).toEqual([null, null, null]);
  });

  it("a generated argument list is refused with a 400, or else React decodes it", async () => {
    const letThrough: DecodeInput[] = [];
    await fc.assert(
      fc.asyncProperty(actionText, async (text) => {
        const response = await proxy(actionRequest(text));
        if (passedThrough(response)) {
          letThrough.push({ kind: "text", text });
        } else {
          expect(response.status).toBe(400);
          expect((await response.json()).error.code).toBe("bad_input");
        }
      }),
      { numRuns: 1000 },
    );
    expect(letThrough.length).toBeGreaterThan(50);
    const verdicts = decodeWithReact(letThrough);
    expect(letThrough.filter((_, i) => verdicts[i] !== null).map((input, i) => [input, verdicts[i]])).toEqual([]);
  });

  it("a generated multipart action (a form's FormData, or worse) is refused with a 400, or else React decodes it", async () => {
    const fieldName = fc.oneof(fc.constantFrom("0", "1", "_1_name", "_2_x", "$ACTION_ID_x"), fc.string({ maxLength: 5 }));
    const fields = fc.array(fc.tuple(fieldName, fc.oneof(replyString, actionText)), { maxLength: 4 });
    const form = fc.tuple(fc.option(actionText, { nil: undefined }), fields);
    const letThrough: DecodeInput[] = [];
    await fc.assert(
      fc.asyncProperty(form, async ([root, fields]) => {
        const body = new FormData();
        const entries: [string, string][] = [...(root === undefined ? [] : [["0", root] as [string, string]]), ...fields];
        for (const [name, value] of entries) body.append(name, value);
        const headers = { host: "localhost", origin: ORIGIN, "next-action": ACTION_ID };
        const request = new NextRequest(`${ORIGIN}/requests/new`, { method: "POST", body, headers });
        const response = await proxy(request);
        if (passedThrough(response)) letThrough.push({ kind: "form", entries });
        else expect(response.status).toBe(400);
      }),
      { numRuns: 300 },
    );
    expect(letThrough.length).toBeGreaterThan(10);
    letThrough.push({ kind: "form", entries: [["0", '["$K1"]'], ["_1_name", "Pat"]] });
    const verdicts = decodeWithReact(letThrough);
    expect(letThrough.filter((_, i) => verdicts[i] !== null).map((input, i) => [input, verdicts[i]])).toEqual([]);
  });

  it("a form posted without JavaScript to a bound action with crafted arguments is a 400", async () => {
    const form = (meta: string, args: string) => {
      const body = new FormData();
      body.append("$ACTION_REF_1", "");
      body.append("$ACTION_1:0", meta);
      body.append("$ACTION_1:1", args);
      return new NextRequest(`${ORIGIN}/requests/new`, { method: "POST", body, headers: { host: "localhost", origin: ORIGIN } });
    };
    const good = JSON.stringify({ id: ACTION_ID, bound: "$@1" });
    expect((await proxy(form(good, '["$Q"]'))).status).toBe(400);
    expect((await proxy(form(JSON.stringify({ id: ACTION_ID, bound: "$Q1" }), "[]"))).status).toBe(400);
    expect((await proxy(form("not json", "[]"))).status).toBe(400);
    expect(passedThrough(await proxy(form(good, '[{"name":"Pat"}]')))).toBe(true);
  });

  it("a body over Next.js's 1 MB limit for actions is a 413, not Next.js's 500", async () => {
    const big = JSON.stringify(["x".repeat(1024 * 1024)]);
    const response = await proxy(actionRequest(big));
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("too_large");
  });
});

describe("Server Actions from another site", () => {
  const origins = fc.oneof(
    fc.webUrl().map((u) => new URL(u).origin),
    fc.constantFrom("null", "", "http://localhost.evil.example", "http://evil.example", "https://localhost", "http://localhost:3000"),
    fc.constantFrom("file://", "::::", "http://[::1", "javascript:alert(1)"),
    fc.string({ unit: "grapheme-ascii", maxLength: 20 }),
  );

  it("an Origin whose host is not this host is a 403, JSON for the action's fetch; a matching one goes through", async () => {
    await fc.assert(
      fc.asyncProperty(origins, fc.boolean(), async (origin, fetchAction) => {
        const headers: Record<string, string> = { origin };
        let body: BodyInit = "[]";
        if (!fetchAction) {
          const form = new FormData();
          form.append("$ACTION_ID_" + ACTION_ID, "");
          body = form;
        }
        const request = new NextRequest(`${ORIGIN}/requests/new`, {
          method: "POST",
          body,
          headers: { host: "localhost", ...(fetchAction ? { "next-action": ACTION_ID, "content-type": "text/plain" } : {}), ...headers },
        });
        let sameHost = false;
        try {
          sameHost = new URL(request.headers.get("origin")!).host === "localhost";
        } catch {
          sameHost = false;
        }
        const response = await proxy(request);
        if (sameHost) {
          expect(passedThrough(response)).toBe(true);
        } else {
          expect(response.status).toBe(403);
          expect(response.headers.get("content-type")).toMatch(fetchAction ? /^application\/json/ : /^text\/html/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each(["http://evil.example", "null"])("Origin %s on a Server Action is a 403", async (origin) => {
    const response = await proxy(actionRequest('["x"]', { origin }));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "forbidden", message: "Cross-site requests are refused." } });
  });

  it("behind a proxy, the first X-Forwarded-Host is the host (as Next.js decides)", async () => {
    const behind = { origin: "https://ra.example.nhs.uk", "x-forwarded-host": "ra.example.nhs.uk, internal:3000" };
    expect(passedThrough(await proxy(actionRequest('["x"]', behind)))).toBe(true);
    expect((await proxy(actionRequest('["x"]', { ...behind, "x-forwarded-host": "internal:3000" }))).status).toBe(403);
  });

  it("a browser's word that the call is cross-site is enough", async () => {
    expect((await proxy(actionRequest('["x"]', { "sec-fetch-site": "cross-site" }))).status).toBe(403);
  });
});

// Security headers on every answer: a fresh script nonce instead of 'unsafe-inline', no powerful browser
// features, same-origin window isolation, HSTS only over https; and no API answer is ever cached.
// (tests/e2e/headers.spec.ts proves in a browser that pages still hydrate under this policy.)
import type { NextConfig } from "next";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { STATIC_SECURITY_HEADERS } from "@/lib/security/headers";
import { demoPeople } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";
import { SAME_ORIGIN } from "./support/api";

afterEach(() => signOut());

function pageRequest(url = "http://localhost/people/555500000003", headers: Record<string, string> = {}) {
  return new NextRequest(url, { headers: { host: "localhost", ...headers } });
}

function nonceOf(policy: string | null): string {
  const match = /'nonce-([^']+)'/.exec(policy ?? "");
  if (!match) throw new Error(`no nonce in ${policy}`);
  return match[1]!;
}

function directives(policy: string | null): Map<string, string[]> {
  return new Map((policy ?? "").split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe("the script policy", () => {
  it("allows scripts by this request's nonce, never 'unsafe-inline', and tells Next.js the same nonce", async () => {
    const response = await proxy(pageRequest());
    const policy = response.headers.get("content-security-policy");
    const scripts = directives(policy).get("script-src");

    expect(scripts).toEqual(["'self'", `'nonce-${nonceOf(policy)}'`, "'strict-dynamic'"]);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).not.toMatch(/unsafe-eval/);
    // Next.js reads the nonce for its own scripts from the policy on the (rewritten) request.
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(directives(policy).get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives(policy).get("object-src")).toEqual(["'none'"]);
  });

  it("has a fresh, unguessable nonce on every request", async () => {
    const responses = await Promise.all(Array.from({ length: 200 }, () => proxy(pageRequest())));
    const nonces = responses.map((r) => nonceOf(r.headers.get("content-security-policy")));
    expect(new Set(nonces).size).toBe(200);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64").length).toBeGreaterThanOrEqual(16);
  });

  it("replaces a policy the client sent with the request", async () => {
    const response = await proxy(pageRequest(undefined, { "content-security-policy": "script-src 'nonce-chosen-by-the-attacker'" }));
    const forwarded = response.headers.get("x-middleware-request-content-security-policy");
    expect(forwarded).not.toMatch(/chosen-by-the-attacker/);
    expect(forwarded).toBe(response.headers.get("content-security-policy"));
  });
});

describe("the other headers", () => {
  const paths = ["/", "/login", "/people/555500000003", "/requests/new", "/api/v1/people/555500000003"];
  it.each(paths)("%s turns off powerful features and isolates the window", async (path) => {
    const response = await proxy(pageRequest(`http://localhost${path}`));
    const permissions = response.headers.get("permissions-policy") ?? "";
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb", "display-capture"]) {
      expect(permissions).toContain(`${feature}=()`);
    }
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
  });

  it.each<{ over: string; url: string; headers: Record<string, string>; hsts: boolean }>([
    { over: "plain http", url: "http://localhost/", headers: {}, hsts: false },
    { over: "http behind a proxy", url: "http://localhost/", headers: { "x-forwarded-proto": "http" }, hsts: false },
    { over: "https behind a proxy", url: "http://localhost/", headers: { "x-forwarded-proto": "https" }, hsts: true },
    { over: "https behind two proxies", url: "http://localhost/", headers: { "x-forwarded-proto": "https, http" }, hsts: true },
    { over: "https directly", url: "https://localhost/", headers: {}, hsts: true },
  ])("Strict-Transport-Security over $over: $hsts", async ({ url, headers, hsts }) => {
    const value = (await proxy(pageRequest(url, headers))).headers.get("strict-transport-security");
    if (hsts) expect(value).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    else expect(value).toBeNull();
  });

  it("refusals carry the same headers", async () => {
    const response = await proxy(pageRequest("http://localhost/people/%ZZ", { "x-forwarded-proto": "https" }));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);
    expect(response.headers.get("permissions-policy")).toContain("camera=()");
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age/);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("built files (which the proxy skips) get the same static headers from next.config.mjs", async () => {
    // Plain JavaScript, loaded as Next.js loads it.
    const configUrl = new URL("../../next.config.mjs", import.meta.url).href;
    const { default: nextConfig } = (await import(/* @vite-ignore */ configUrl)) as { default: NextConfig };
    const rules = await nextConfig.headers!();
    expect(rules).toHaveLength(1);
    expect(rules[0]!.source).toBe("/:path*");
    expect(Object.fromEntries(rules[0]!.headers.map((h) => [h.key, h.value]))).toEqual(STATIC_SECURITY_HEADERS);
  });
});

// Every API route, found on disk, so a new one is covered without touching this test.
const routeModules = import.meta.glob<Record<string, unknown>>("/app/api/v1/**/route.ts", { eager: true });
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const apiCalls = Object.entries(routeModules).flatMap(([file, mod]) => {
  const pattern = file.replace(/^\/app/, "").replace(/\/route\.ts$/, "");
  return METHODS.filter((m) => typeof mod[m] === "function").map((method) => ({ pattern, method, handler: mod[method] as RouteHandler }));
});

/** Calls a route with every dynamic segment set to `value` (a real smartcard ID where the route names one). */
async function callRoute({ pattern, method, handler }: (typeof apiCalls)[number], value: string, body?: string) {
  const params: Record<string, string> = {};
  const path = pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    params[name] = name === "smartcardId" ? demoPeople.canLogIn : value;
    return encodeURIComponent(params[name]);
  });
  const init: RequestInit = { method, headers: SAME_ORIGIN };
  if (method !== "GET") init.body = body ?? "{}";
  return handler(new Request(`http://localhost${path}`, init), { params: Promise.resolve(params) });
}

describe("API answers are never cached", () => {
  it("finds the API routes", () => {
    expect(apiCalls.length).toBeGreaterThanOrEqual(15);
  });

  it.each(apiCalls.map((c) => [`${c.method} ${c.pattern}`, c] as const))("%s: no-store signed out, signed in, and on bad input", async (_, call) => {
    const signedOut = await callRoute(call, "x");
    expect(signedOut.headers.get("cache-control")).toBe("no-store");

    await signInAs("manager@ra.example");
    const signedIn = await callRoute(call, "x");
    expect(signedIn.headers.get("cache-control")).toBe("no-store");
    const badInput = await callRoute(call, "x", "{not json");
    expect(badInput.headers.get("cache-control")).toBe("no-store");
  });

  it("a profile with personal data (200) is no-store", async () => {
    await signInAs("manager@ra.example");
    const call = apiCalls.find((c) => c.method === "GET" && c.pattern === "/api/v1/people/[smartcardId]")!;
    const response = await callRoute(call, demoPeople.canLogIn);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("a cross-site write refused before the handler runs is no-store too", async () => {
    const call = apiCalls.find((c) => c.method === "POST" && c.pattern === "/api/v1/requests")!;
    const response = await call.handler(
      new Request("http://localhost/api/v1/requests", { method: "POST", headers: { ...SAME_ORIGIN, origin: "http://evil.example" }, body: "{}" }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(403);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

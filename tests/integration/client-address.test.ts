// Which address a request is counted under, with and without TRUSTED_PROXY_HOPS; the Server Action path of the
// public form and the organisation look-up under the same rules; emails normalised for the per-email limit.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/data/db";
import { CLIENT_ADDRESS_HEADER, CLIENT_ADDRESS_TOKEN_ENV, clientIp } from "@/lib/action-result";
import { addressLimitKey, MAX_WINDOW_MS, normaliseEmailForLimits, takeRateLimit } from "@/lib/data/rate-limit";
import { LOOKUP_LIMITS } from "@/lib/services/requests";
import { submitRequestAction } from "@/app/requests/actions";
import * as organisationsRoute from "@/app/api/v1/organisations/route";
import { buildRequest, errorBody } from "./support/api";
import { requester } from "./support/requests-api";

// The request headers a Server Action sees (next/headers), set per call.
const current = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => current.headers }));

const TOKEN = "client-address-test-token";
const fromSocket = (address: string, extra: Record<string, string> = {}) => new Headers({ [CLIENT_ADDRESS_HEADER]: `${TOKEN} ${address}`, ...extra });

beforeEach(() => {
  process.env[CLIENT_ADDRESS_TOKEN_ENV] = TOKEN;
  delete process.env.TRUSTED_PROXY_HOPS;
});
afterEach(() => {
  delete process.env.TRUSTED_PROXY_HOPS;
});

describe("clientIp without TRUSTED_PROXY_HOPS (nothing of ours in front)", () => {
  it("is the socket's address, whatever X-Forwarded-For and X-Real-IP say", () => {
    expect(clientIp(fromSocket("192.0.2.7"))).toBe("192.0.2.7");
    expect(clientIp(fromSocket("192.0.2.7", { "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" }))).toBe("192.0.2.7");
    expect(clientIp(fromSocket("192.0.2.7", { "x-forwarded-for": "198.51.100.1, 198.51.100.9" }))).toBe("192.0.2.7");
  });

  it("an IPv4 socket seen through IPv6 (::ffff:a.b.c.d) is the IPv4 address", () => {
    expect(clientIp(fromSocket("::ffff:127.0.0.1"))).toBe("127.0.0.1");
    expect(clientIp(fromSocket("2001:DB8::1"))).toBe("2001:db8::1");
  });

  it("a request that did not come through the console's server is 'unknown', however its headers read", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" }))).toBe("unknown");
    // The client writes the server's own header: without the process's token it counts for nothing.
    expect(clientIp(new Headers({ [CLIENT_ADDRESS_HEADER]: "198.51.100.3" }))).toBe("unknown");
    expect(clientIp(new Headers({ [CLIENT_ADDRESS_HEADER]: "guessed-token 198.51.100.3" }))).toBe("unknown");
    expect(clientIp(new Headers({ [CLIENT_ADDRESS_HEADER]: `${TOKEN}x 198.51.100.3` }))).toBe("unknown");
    delete process.env[CLIENT_ADDRESS_TOKEN_ENV];
    expect(clientIp(fromSocket("192.0.2.7"))).toBe("unknown");
  });

  it.each(["0", "", "abc", "-1", "1.5", "99"])("TRUSTED_PROXY_HOPS=%j trusts no proxy", (hops) => {
    process.env.TRUSTED_PROXY_HOPS = hops;
    expect(clientIp(fromSocket("192.0.2.7", { "x-forwarded-for": "198.51.100.1" }))).toBe("192.0.2.7");
  });
});

describe("clientIp with TRUSTED_PROXY_HOPS (our own proxies in front)", () => {
  it("1 hop: the entry our proxy appended (the last), not the ones the client wrote before it", () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    expect(clientIp(fromSocket("10.0.0.2", { "x-forwarded-for": "198.51.100.1" }))).toBe("198.51.100.1");
    expect(clientIp(fromSocket("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 198.51.100.1" }))).toBe("198.51.100.1");
    expect(clientIp(fromSocket("10.0.0.2", { "x-forwarded-for": "[2001:db8::5]:4711" }))).toBe("2001:db8::5");
  });

  it("2 hops: the second entry from the end", () => {
    process.env.TRUSTED_PROXY_HOPS = "2";
    expect(clientIp(fromSocket("10.0.0.3", { "x-forwarded-for": "6.6.6.6, 198.51.100.1, 10.0.0.2" }))).toBe("198.51.100.1");
  });

  it("no X-Forwarded-For: X-Real-IP, else the socket", () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    expect(clientIp(fromSocket("10.0.0.2", { "x-real-ip": "198.51.100.4" }))).toBe("198.51.100.4");
    expect(clientIp(fromSocket("10.0.0.2"))).toBe("10.0.0.2");
  });

  it("without the console's server (plain next start), the proxy's entry still counts", () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.1" }))).toBe("198.51.100.1");
  });
});

describe("addresses and emails as the limits count them", () => {
  it("IPv6 addresses count by their /64; IPv4 addresses one by one", () => {
    expect(addressLimitKey("2001:db8:1:2::1")).toBe(addressLimitKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"));
    expect(addressLimitKey("2001:db8:1:2::1")).not.toBe(addressLimitKey("2001:db8:1:3::1"));
    expect(addressLimitKey("192.0.2.1")).not.toBe(addressLimitKey("192.0.2.2"));
    expect(addressLimitKey("192.0.2.1")).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    ["Jane.Smith@NHS.net", "janesmith@nhs.net"],
    ["jane.smith+csms@nhs.net", "janesmith@nhs.net"],
    ["jane.smith+a+b@nhs.net.", "janesmith@nhs.net"],
    ["J.Smith+x@GoogleMail.com", "jsmith@gmail.com"],
    ["ｊａｎｅ@nhs.net", "jane@nhs.net"],
    ["jane.smith+x@trust.example", "jane.smith@trust.example"],
    ["Jane.Smith@Trust.Example", "jane.smith@trust.example"],
    ["+tag@nhs.example", "+tag@nhs.example"],
  ])("%s counts as %s", (typed, normalised) => {
    expect(normaliseEmailForLimits(typed)).toBe(normalised);
  });
});

describe("the public form's Server Action", () => {
  const submit = (label: string) => submitRequestAction({ ...requester(label), organisation: "A81001", smartcardId: "", message: "No workgroup in CSMS" });

  it("40 submissions with rotating X-Forwarded-For from one socket: 10 accepted, then rate_limited", async () => {
    const results = [];
    for (let i = 0; i < 40; i++) {
      current.headers = fromSocket("192.0.2.50", { "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}` });
      results.push(await submit("action"));
    }
    expect(results.slice(0, 10).every((r) => r.ok)).toBe(true);
    expect(results.slice(10).map((r) => (r.ok ? "ok" : r.code))).toStrictEqual(Array(30).fill("rate_limited"));
    // Another socket is not affected.
    current.headers = fromSocket("192.0.2.51");
    expect((await submit("action")).ok).toBe(true);
  });

  it("behind one trusted proxy, the proxy's entry is the address", async () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    for (let i = 0; i < 12; i++) {
      current.headers = fromSocket("10.0.0.2", { "x-forwarded-for": `198.51.100.${i}` });
      expect((await submit("proxied")).ok).toBe(true);
    }
  });
});

describe("GET /api/v1/organisations", () => {
  const lookup = (socket: string) =>
    organisationsRoute.GET(buildRequest("GET", "/api/v1/organisations?q=Densham", undefined, { headers: { [CLIENT_ADDRESS_HEADER]: `${TOKEN} ${socket}` } }), {
      params: Promise.resolve({}),
    });

  it(`is limited to ${LOOKUP_LIMITS.perIp} a minute per address, then 429; other addresses are unaffected`, async () => {
    for (let i = 0; i < LOOKUP_LIMITS.perIp; i++) expect((await lookup("192.0.2.60")).status).toBe(200);
    const refused = await lookup("192.0.2.60");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toStrictEqual(errorBody("rate_limited"));
    const other = await lookup("192.0.2.61");
    expect(other.status).toBe(200);
    expect((await other.json()).organisations).toContainEqual(expect.objectContaining({ odsCode: "A81001" }));
  });

  it("a short-window limit does not sweep away the hits an hour-long limit still counts", async () => {
    const now = new Date();
    const halfAnHourAgo = new Date(now.getTime() - 30 * 60 * 1000);
    await db.rateLimitHit.create({ data: { key: "request:ip:sweep-test", at: halfAnHourAgo } });
    await takeRateLimit([{ key: "organisations:ip:sweep-test", limit: 5, windowMs: 60 * 1000 }], now);
    expect(await db.rateLimitHit.count({ where: { key: "request:ip:sweep-test" } })).toBe(1);
    // Hits older than twice the longest window allowed are swept.
    await db.rateLimitHit.create({ data: { key: "request:ip:sweep-test", at: new Date(now.getTime() - 2 * MAX_WINDOW_MS - 1000) } });
    await takeRateLimit([{ key: "organisations:ip:sweep-test", limit: 5, windowMs: 60 * 1000 }], now);
    expect(await db.rateLimitHit.count({ where: { key: "request:ip:sweep-test" } })).toBe(1);
  });

  it("refuses a window longer than the sweep keeps", async () => {
    await expect(takeRateLimit([{ key: "x", limit: 1, windowMs: MAX_WINDOW_MS + 1 }])).rejects.toThrow(/window/);
  });
});

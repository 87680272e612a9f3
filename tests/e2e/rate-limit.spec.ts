// Per-address rate limits over real HTTP, through the console's own server (scripts/server.mjs): a client that
// writes a new X-Forwarded-For (or X-Real-IP, Forwarded, or the server's own address header) on every request
// is still one address. Every other browser test comes from 127.0.0.1 and shares that address's limits, so
// these tests connect from addresses of their own on the loopback network (127.0.0.2 and up: Linux answers on
// all of 127.0.0.0/8) and use emails nobody else uses; their requests are for an organisation outside every
// demo account's scope, so no other test's inbox shows them.
import http from "node:http";
import { expect, test, type Page } from "@playwright/test";

const SUBMISSIONS_PER_ADDRESS = 10; // lib/services/requests.ts, SUBMISSION_LIMITS.perIp
const LOOKUPS_PER_ADDRESS = 120; // lib/services/requests.ts, LOOKUP_LIMITS.perIp
const OUTSIDE_DEMO_SCOPE = "A81004"; // Bluebell Medical Centre: no demo account acts for it

type Reply = { status: number; text: string };

/** One HTTP request to the console from a chosen loopback address. */
function send(baseURL: string, from: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: hostname === "localhost" ? "127.0.0.1" : hostname, port, method, path, localAddress: from, headers: { host: `localhost:${port}`, ...headers } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on("error", reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

/** Headers a client could write to look like a new address each time. */
const disguise = (i: number): Record<string, string> => ({
  "x-forwarded-for": `198.51.100.${i}`,
  "x-real-ip": `198.51.100.${i}`,
  forwarded: `for=198.51.100.${i}`,
  "x-ra-console-client-address": `guessed-token 198.51.100.${i}`,
});

const run = Date.now().toString(36);
const requester = (label: string, i: number) => ({ name: `Rate ${label} ${i}`, email: `rate.${label}.${run}.${i}@nhs.example` });

test("40 API submissions with a new X-Forwarded-For each, from one address: 10 accepted, then 429", async ({ baseURL }) => {
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++) {
    const body = JSON.stringify({ ...requester("api", i), odsCode: OUTSIDE_DEMO_SCOPE, message: "No workgroup in CSMS" });
    const reply = await send(baseURL!, "127.0.0.2", "POST", "/api/v1/requests", { "content-type": "application/json", ...disguise(i) }, body);
    statuses.push(reply.status);
    if (reply.status === 429) expect(JSON.parse(reply.text)).toMatchObject({ error: { code: "rate_limited" } });
  }
  expect(statuses.slice(0, SUBMISSIONS_PER_ADDRESS)).toStrictEqual(Array(SUBMISSIONS_PER_ADDRESS).fill(201));
  expect(statuses.slice(SUBMISSIONS_PER_ADDRESS)).toStrictEqual(Array(40 - SUBMISSIONS_PER_ADDRESS).fill(429));
  // Another address is unaffected.
  const other = await send(baseURL!, "127.0.0.3", "POST", "/api/v1/requests", { "content-type": "application/json" }, JSON.stringify({ ...requester("api-other", 0), odsCode: OUTSIDE_DEMO_SCOPE, message: "Help" }));
  expect(other.status).toBe(201);
});

/** The public form's Server Action call as the browser makes it, caught before it reaches the server. */
async function formActionCall(page: Page): Promise<{ path: string; headers: Record<string, string>; args: unknown[] }> {
  await page.goto("/requests/new");
  await page.getByLabel("Your name").fill("Caught Before Sending");
  await page.getByLabel("Work email address").fill(`rate.caught.${run}@nhs.example`);
  await page.getByLabel("Organisation").fill(OUTSIDE_DEMO_SCOPE);
  // The suggested text's placeholder would stop the form in the browser (no smartcard ID given).
  await page.getByLabel("Message").fill("CSMS says no valid role.");
  const caught = new Promise<{ path: string; headers: Record<string, string>; args: unknown[] }>((resolve) => {
    void page.route("**/requests/new", async (route) => {
      const request = route.request();
      if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
      resolve({ path: new URL(request.url()).pathname, headers: request.headers(), args: JSON.parse(request.postData() ?? "[]") });
      await route.abort();
    });
  });
  await page.getByRole("button", { name: "Send request" }).click();
  return caught;
}

test("the public form's Server Action: submissions with a new X-Forwarded-For each, from one address, are refused after 10", async ({ page, baseURL }) => {
  const call = await formActionCall(page);
  expect(call.headers["next-action"]).toMatch(/^[0-9a-f]+$/);
  const form = call.args[0] as Record<string, unknown>;
  const headers = {
    "next-action": call.headers["next-action"]!,
    "content-type": call.headers["content-type"] ?? "text/plain;charset=UTF-8",
    accept: "text/x-component",
    origin: new URL(baseURL!).origin.replace("127.0.0.1", "localhost"),
  };
  const outcomes: string[] = [];
  for (let i = 0; i < 14; i++) {
    const args = JSON.stringify([{ ...form, ...requester("action", i) }]);
    const reply = await send(baseURL!, "127.0.0.4", "POST", call.path, { ...headers, ...disguise(i) }, args);
    expect(reply.status).toBe(200);
    outcomes.push(/"code":"rate_limited"/.test(reply.text) ? "rate_limited" : /"reference":"CSMS-/.test(reply.text) ? "sent" : reply.text.slice(0, 200));
  }
  expect(outcomes).toStrictEqual([...Array(SUBMISSIONS_PER_ADDRESS).fill("sent"), ...Array(14 - SUBMISSIONS_PER_ADDRESS).fill("rate_limited")]);
});

test(`organisation look-ups from one address: ${LOOKUPS_PER_ADDRESS} a minute, then 429`, async ({ baseURL }) => {
  const statuses: number[] = [];
  for (let i = 0; i <= LOOKUPS_PER_ADDRESS; i++) {
    statuses.push((await send(baseURL!, "127.0.0.5", "GET", "/api/v1/organisations?q=Densham", disguise(i))).status);
  }
  expect(statuses.slice(0, LOOKUPS_PER_ADDRESS).every((s) => s === 200)).toBe(true);
  expect(statuses[LOOKUPS_PER_ADDRESS]).toBe(429);
  expect((await send(baseURL!, "127.0.0.6", "GET", "/api/v1/organisations?q=Densham", {})).status).toBe(200);
});

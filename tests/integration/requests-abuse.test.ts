// The public request endpoint under abuse (rate limits, bad input, script-laden text) and who may read a request.
import { afterEach, describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { db } from "@/lib/data/db";
import { DENSHAM, demoPeople } from "@/prisma/seed/demo";
import { changeRequest, SUBMISSION_LIMITS } from "@/lib/services/requests";
import { triageText } from "@/lib/domain/triage";
import { HighlightedText } from "@/components/requests/highlighted-text";
import { signInAs, signOut } from "./support/session";
import { errorBody } from "./support/api";
import { failure, getRequest, postRequest as postRequestVia, requester, requestWrites, suggestedText } from "./support/requests-api";
import { CLIENT_ADDRESS_HEADER, CLIENT_ADDRESS_TOKEN_ENV } from "@/lib/action-result";

// The default set-up (no TRUSTED_PROXY_HOPS): the address is the socket's, as scripts/server.mjs passes it on.
process.env[CLIENT_ADDRESS_TOKEN_ENV] = "requests-abuse-test-token";
delete process.env.TRUSTED_PROXY_HOPS;
const postRequest = (body: unknown, ip: string) =>
  postRequestVia(body, null, { headers: { [CLIENT_ADDRESS_HEADER]: `requests-abuse-test-token ${ip}` } });

const A81001 = DENSHAM.odsCode;
const valid = (label: string) => ({ ...requester(label), odsCode: A81001, message: suggestedText("5555 0000 0002") });

afterEach(() => signOut());

describe("rate limits on POST /api/v1/requests", () => {
  it("the limits are the documented ones: 10 an hour per address, 5 an hour per email", () => {
    expect(SUBMISSION_LIMITS).toStrictEqual({ perIp: 10, perEmail: 5, windowMs: 60 * 60 * 1000 });
  });

  it("the 11th submission from one address is 429 rate_limited with a clear message, and writes nothing", async () => {
    const ip = "203.0.113.10";
    for (let i = 1; i <= 10; i++) {
      const { status } = await postRequest(valid("ip"), ip); // a different email each time: only the address limit applies
      expect({ i, status }).toEqual({ i, status: 201 });
    }
    const before = await requestWrites();
    const hitsBefore = await db.rateLimitHit.count();
    const { status, body } = await postRequest(valid("ip"), ip);
    expect(status).toBe(429);
    expect(body).toStrictEqual(errorBody("rate_limited"));
    expect(body.error.message).toMatch(/Too many requests.*Try again in \d+ minutes?/);
    expect(await requestWrites()).toEqual(before);
    expect(await db.rateLimitHit.count()).toBe(hitsBefore); // a refused attempt is not counted either

    // A different client is unaffected.
    expect((await postRequest(valid("ip"), "203.0.113.11")).status).toBe(201);
  });

  it("the 6th submission for one email address, from different addresses, is 429", async () => {
    const who = requester("email");
    for (let i = 1; i <= 5; i++) {
      const { status } = await postRequest({ ...who, message: `Attempt ${i}: no workgroup in CSMS` }, `203.0.113.${20 + i}`);
      expect({ i, status }).toEqual({ i, status: 201 });
    }
    const before = await requestWrites();
    // The email is compared case-insensitively (it is normalised to lower case before it is counted).
    const { status, body } = await postRequest({ ...who, email: who.email.toUpperCase(), message: "Attempt 6" }, "203.0.113.26");
    expect(status).toBe(429);
    expect(body).toStrictEqual(errorBody("rate_limited"));
    expect(await requestWrites()).toEqual(before);
    expect((await postRequest({ ...requester("email"), message: "Someone else" }, "203.0.113.27")).status).toBe(201);
  });

  it("15 simultaneous submissions from one address: exactly 10 accepted, 5 refused", async () => {
    const ip = "203.0.113.30";
    const before = await requestWrites();
    const results = await Promise.all(Array.from({ length: 15 }, () => postRequest(valid("burst"), ip)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(await requestWrites()).toEqual({ requests: before.requests + 10, auditEvents: before.auditEvents + 10 });
  });
});

describe("the limits cannot be dodged", () => {
  it("40 submissions with a different X-Forwarded-For each, from one socket: 10 accepted, then 429", async () => {
    const socket = "203.0.113.80";
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const result = await postRequestVia(valid("rotate"), null, {
        headers: { [CLIENT_ADDRESS_HEADER]: `requests-abuse-test-token ${socket}`, "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}` },
      });
      statuses.push(result.status);
    }
    expect(statuses.slice(0, 10)).toStrictEqual(Array(10).fill(201));
    expect(statuses.slice(10)).toStrictEqual(Array(30).fill(429));
  });

  it("one mailbox written six ways (case, +tags, dots at nhs.net) is one email for the limit; what was typed is stored", async () => {
    const typed = ["Jane.Smith@nhs.net", "jane.smith+1@nhs.net", "JANESMITH@NHS.NET", "jane.smith+csms@NHS.net", "j.a.n.e.s.m.i.t.h@nhs.net"];
    for (const [i, email] of typed.entries()) {
      const { status, body } = await postRequest({ name: "Jane Smith", email, message: `Attempt ${i + 1}: no workgroup in CSMS` }, `203.0.113.${90 + i}`);
      expect({ email, status }).toEqual({ email, status: 201 });
      // Stored as the form gives it (lower case), +tag and dots kept.
      expect((await db.accessRequest.findUniqueOrThrow({ where: { id: body.id } })).email).toBe(email.toLowerCase());
    }
    const before = await requestWrites();
    const sixth = await postRequest({ name: "Jane Smith", email: "janesmith+again@nhs.net", message: "Attempt 6" }, "203.0.113.96");
    expect(sixth.status).toBe(429);
    expect(sixth.body).toStrictEqual(errorBody("rate_limited"));
    expect(sixth.body.error.message).toMatch(/for this email address/);
    expect(await requestWrites()).toEqual(before);
  });

  it("gmail.com and googlemail.com are one provider; dots still count elsewhere", async () => {
    for (let i = 0; i < 5; i++) {
      const email = i % 2 ? `Pat.Jones+${i}@googlemail.com` : `p.atjones@gmail.com`;
      expect((await postRequest({ name: "Pat Jones", email, message: "No workgroup" }, `203.0.113.${100 + i}`)).status).toBe(201);
    }
    expect((await postRequest({ name: "Pat Jones", email: "patjones@gmail.com", message: "No workgroup" }, "203.0.113.105")).status).toBe(429);

    for (let i = 0; i < 5; i++) {
      expect((await postRequest({ name: "Lee Hall", email: "lee.hall@trust.example", message: "No workgroup" }, `203.0.113.${110 + i}`)).status).toBe(201);
    }
    expect((await postRequest({ name: "Lee Hall", email: "LEE.HALL+x@trust.example", message: "No workgroup" }, "203.0.113.115")).status).toBe(429);
    // At a provider not known to ignore dots, leehall@ is somebody else.
    expect((await postRequest({ name: "Lee Hall", email: "leehall@trust.example", message: "No workgroup" }, "203.0.113.116")).status).toBe(201);
  });
});

describe("invalid submissions are 400 with fields and do not count towards the limit", () => {
  const ip = "203.0.113.40";
  const base = () => ({ ...requester("bad"), odsCode: A81001, message: "Please add CSMS access" });
  const cases: { name: string; body: () => Record<string, unknown>; field: string }[] = [
    { name: "missing name", body: () => ({ ...base(), name: undefined }), field: "name" },
    { name: "blank name", body: () => ({ ...base(), name: "   " }), field: "name" },
    { name: "bad email", body: () => ({ ...base(), email: "jane.smith@" }), field: "email" },
    { name: "message over 5,000 characters", body: () => ({ ...base(), message: "x".repeat(5001) }), field: "message" },
    { name: "name over 100 characters", body: () => ({ ...base(), name: "N".repeat(101) }), field: "name" },
    { name: "unknown organisation Z99999", body: () => ({ ...base(), odsCode: "Z99999" }), field: "odsCode" },
    { name: "malformed smartcard ID", body: () => ({ ...base(), smartcardId: "5555-0000-00O2" }), field: "smartcardId" },
  ];

  it.each(cases)("$name → 400 naming $field, nothing written", async ({ body, field }) => {
    const before = await requestWrites();
    const hitsBefore = await db.rateLimitHit.count();
    for (let i = 0; i < 2; i++) {
      const result = await postRequest(body(), ip);
      expect(result.status).toBe(400);
      expect(result.body).toStrictEqual(errorBody("bad_input", { [field]: expect.stringMatching(/\S/) }));
    }
    expect(await requestWrites()).toEqual(before);
    expect(await db.rateLimitHit.count()).toBe(hitsBefore);
  });

  it("after all those refusals the same address still has its 10 submissions (boundaries accepted)", async () => {
    const first = await postRequest({ ...valid("edge"), name: "N".repeat(100), message: "m".repeat(5000) }, ip);
    expect(first.status).toBe(201);
    for (let i = 2; i <= 10; i++) expect((await postRequest(valid("edge"), ip)).status).toBe(201);
    expect((await postRequest(valid("edge"), ip)).status).toBe(429);
  });
});

describe("fields the requester does not own", () => {
  it("status, reference, source, id, assignedToId, version and createdAt in the body are ignored", async () => {
    const forged = { status: "resolved", reference: "CSMS-AAAAAAAA", source: "email", id: "00000000-0000-4000-8000-000000000000", assignedToId: 1, version: 9, createdAt: "2000-01-01" };
    const { status, body } = await postRequest({ ...valid("forge"), ...forged }, "203.0.113.50");
    expect(status).toBe(201);
    expect(body.status).toBe("new");
    expect(body.reference).not.toBe(forged.reference);
    const row = await db.accessRequest.findUniqueOrThrow({ where: { id: body.id } });
    expect(row).toMatchObject({ status: "new", source: "form", assignedToId: null, version: 1, createdById: null });
    expect(row.id).not.toBe(forged.id);
    expect(row.createdAt.getFullYear()).toBeGreaterThan(2000);
  });

  it.each([
    { field: "name", value: 42 },
    { field: "name", value: ["Jane"] },
    { field: "email", value: { address: "a@nhs.example" } },
    { field: "message", value: null },
    { field: "smartcardId", value: 555500000002 },
    { field: "odsCode", value: 81001 },
  ])("$field of the wrong JSON type ($value) is 400, never 500", async ({ field, value }) => {
    const { status, body } = await postRequest({ ...valid("types"), [field]: value }, "203.0.113.51");
    expect(status).toBe(400);
    expect(body).toStrictEqual(errorBody("bad_input", { [field]: expect.stringMatching(/\S/) }));
  });
});

describe("script-laden input is stored and returned as text", () => {
  const name = "<img src=x onerror=alert(1)>";
  const message = `<script>alert(1)</script>\nSmartcard ID: 5555 0000 0002 <img src=x onerror=alert(1)>\nno workgroup in CSMS`;

  it("is stored verbatim, returned verbatim in JSON, and rendered escaped", async () => {
    const created = await postRequest({ name, email: "xss@nhs.example", odsCode: A81001, message }, "203.0.113.60");
    expect(created.status).toBe(201);
    const row = await db.accessRequest.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row).toMatchObject({ name, message, smartcardId: demoPeople.noWorkgroup });

    await signInAs("agent@ra.example");
    const { status, body } = await getRequest(created.body.id);
    expect(status).toBe(200);
    expect(body.name).toBe(name);
    expect(body.message).toBe(message);
    expect(body.parsedSmartcardIds).toStrictEqual([demoPeople.noWorkgroup]);

    const markup = renderToStaticMarkup(createElement(HighlightedText, { text: body.message, spans: triageText(body.message).spans }));
    expect(markup).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(markup).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(markup).not.toMatch(/<script|<img/i);
    expect(markup).toContain("<mark"); // the smartcard ID is still highlighted
  });
});

describe("GET /api/v1/requests/{id} access", () => {
  async function requestAtA81001(): Promise<string> {
    const { status, body } = await postRequest(valid("access"), "203.0.113.70");
    expect(status).toBe(201);
    return body.id;
  }

  it("signed out is 401", async () => {
    const id = await requestAtA81001();
    const { status, body } = await getRequest(id);
    expect(status).toBe(401);
    expect(body).toStrictEqual(errorBody("not_signed_in"));
  });

  it("an agent who does not act for A81001 is 403 and sees nothing of the request", async () => {
    const id = await requestAtA81001();
    await signInAs("agent-sussex@ra.example");
    const { status, body } = await getRequest(id);
    expect(status).toBe(403);
    expect(body).toStrictEqual(errorBody("forbidden"));
    expect(JSON.stringify(body)).not.toMatch(/5555|nhs\.example|CSMS-/);
    expect(await failure(changeRequest({ id, version: 1, status: "in_progress" }))).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("the auditor reads it (200) but cannot change it (403, nothing written)", async () => {
    const id = await requestAtA81001();
    await signInAs("auditor@ra.example");
    const { status, body } = await getRequest(id);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id, status: "new", odsCode: A81001 });
    const before = await requestWrites();
    expect(await failure(changeRequest({ id, version: 1, status: "in_progress" }))).toMatchObject({ status: 403, code: "forbidden" });
    expect(await requestWrites()).toEqual(before);
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "new", version: 1 });
  });

  it.each(["not-a-uuid", "../../people/555500000002", "' OR 1=1 --", "00000000-0000-0000-0000-000000000000"])(
    "%j is 404",
    async (id) => {
      await signInAs("agent@ra.example");
      const { status, body } = await getRequest(id);
      expect(status).toBe(404);
      expect(body).toStrictEqual(errorBody("not_found"));
    },
  );
});

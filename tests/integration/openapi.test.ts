// The OpenAPI document: valid OpenAPI 3.1, covering every route file under app/api/v1 and each method it exports,
// and real answers from the route handlers validate against the schemas it gives for their status.
import { readdirSync } from "node:fs";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import * as auditRoute from "@/app/api/v1/audit/route";
import * as verifyRoute from "@/app/api/v1/audit/verify/route";
import * as reviewsRoute from "@/app/api/v1/reviews/route";
import * as organisationsRoute from "@/app/api/v1/organisations/route";
import * as workgroupRoute from "@/app/api/v1/organisations/[odsCode]/workgroup/route";
import * as bulkRoute from "@/app/api/v1/bulk/route";
import { DENSHAM, QUEENS_PARK, demoPeople } from "@/prisma/seed/demo";
import { api, buildRequest, versionOf, type ApiResult } from "./support/api";
import { getRequest, postRequest, requester, suggestedText } from "./support/requests-api";
import { approvalsApi } from "./support/time-bound";
import { signInAs, signOut } from "./support/session";

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: object };
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const API_ROOT = path.join(process.cwd(), "app/api/v1");
const BASE = "https://ra-console.test/openapi.json";
// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

let doc: Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

type Handler = (r: Request, c: { params: Promise<object> }) => Promise<Response>;
async function call(handler: Handler, url: string, params: object = {}, method = "GET", body?: unknown, headers?: Record<string, string>): Promise<ApiResult> {
  const request = typeof body === "string" ? buildRequest(method, url, undefined, { rawBody: body, headers }) : buildRequest(method, url, body, { headers });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, contentType: response.headers.get("content-type") };
}

/** The route files under app/api/v1 as OpenAPI paths: `[smartcardId]` is `{smartcardId}`. */
function routeFiles(dir = API_ROOT): { file: string; openApiPath: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const relative = path.relative(path.join(process.cwd(), "app"), path.dirname(full)).split(path.sep).join("/");
    return [{ file: full, openApiPath: `/${relative.replace(/\[([^\]]+)\]/g, "{$1}")}` }];
  });
}

/** Checks a real answer against the document's schema for that operation and status (listed explicitly, not "default"). */
function expectDocumented(pathTemplate: string, method: string, result: ApiResult) {
  const answer = doc.paths[pathTemplate]?.[method]?.responses[String(result.status)];
  expect(answer, `${method.toUpperCase()} ${pathTemplate} answers ${result.status}, which the document does not list`).toBeDefined();
  const schema = answer!.content?.["application/json"]?.schema;
  expect(schema, `${method.toUpperCase()} ${pathTemplate} ${result.status} has no JSON schema`).toBeDefined();
  const absolute = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${BASE}#/components/`));
  const check = ajv.compile(absolute);
  const valid = check(result.body);
  expect(valid, `${method.toUpperCase()} ${pathTemplate} ${result.status}: ${ajv.errorsText(check.errors)}\n${JSON.stringify(result.body).slice(0, 400)}`).toBe(true);
}

beforeAll(async () => {
  const result = await call(openApiRoute.GET, "/api/v1/openapi.json");
  expect(result.status).toBe(200);
  doc = result.body;
  ajv.addSchema({ $id: BASE, components: doc.components });
});
afterEach(() => signOut());

describe("GET /api/v1/openapi.json", () => {
  it("is valid OpenAPI 3.1, answered without signing in", async () => {
    signOut();
    expect((await call(openApiRoute.GET, "/api/v1/openapi.json")).status).toBe(200);
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? "" : compileErrors(result)).toBe("");
    expect(result.specification).toBe("OpenAPI");
    expect((doc as unknown as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("lists every route file under app/api/v1 and each method it exports, and nothing else", async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(17);
    const fromFiles: string[] = [];
    for (const { file, openApiPath } of files) {
      const exported = Object.keys(await import(file)).filter((name) => HTTP_METHODS.includes(name));
      expect(exported.length, `${file} exports no HTTP method`).toBeGreaterThan(0);
      fromFiles.push(...exported.map((method) => `${method} ${openApiPath}`));
    }
    const documented = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(fromFiles.sort());
  });

  it("describes every error answer with the contract's error shape", () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, answer] of Object.entries(operation.responses)) {
          if (status !== "default" && Number(status) < 400) continue;
          expect(answer.content?.["application/json"]?.schema, `${method} ${p} ${status}`).toEqual({ $ref: "#/components/schemas/ErrorResponse" });
        }
      }
    }
  });
});

describe("real answers validate against the document", () => {
  it("GET person, POST role (200), an ig_warning 409, a 202 pending change and a 400", async () => {
    await signInAs("agent@ra.example");
    expectDocumented("/api/v1/people/{smartcardId}", "get", await api.getPerson(demoPeople.noWorkgroup));

    const newRole = demoPeople.workgroupOnly;
    const added = await api.addRole(newRole, { odsCode: QUEENS_PARK.odsCode, roleCode: "R1480", reason: "New HCA", version: await versionOf(newRole) });
    expect(added.status).toBe(200);
    expectDocumented("/api/v1/people/{smartcardId}/roles", "post", added);

    const ready = demoPeople.canLogIn; // can log in at A81001 already: another role there draws the IG warning
    const body = { odsCode: DENSHAM.odsCode, roleCode: "R0620", reason: "Covers the nurse-led clinic", version: await versionOf(ready) };
    const warned = await api.addRole(ready, body);
    expect(warned.body.error.code).toBe("ig_warning");
    expectDocumented("/api/v1/people/{smartcardId}/roles", "post", warned);
    const pending = await api.addRole(ready, { ...body, acknowledgeWarning: true, justification: "Runs the practice's extra sample-taking clinic" });
    expect(pending.status).toBe(202);
    expectDocumented("/api/v1/people/{smartcardId}/roles", "post", pending);

    const bad = await api.addRole(ready, { odsCode: "nope", roleCode: "X", reason: "", version: 0 });
    expect(bad.status).toBe(400);
    expectDocumented("/api/v1/people/{smartcardId}/roles", "post", bad);

    await signInAs("manager@ra.example");
    const approvals = await approvalsApi.list();
    expect(approvals.body.approvals.length).toBeGreaterThan(0);
    expectDocumented("/api/v1/approvals", "get", approvals);
    const approved = await approvalsApi.approve(pending.body.pendingChangeId, { acknowledgeWarning: true, justification: "Runs the practice's extra sample-taking clinic" });
    expect(approved.status).toBe(200);
    expectDocumented("/api/v1/approvals/{pendingChangeId}/approve", "post", approved);
  });

  it("POST request (201), GET request, and a bad request id", async () => {
    const created = await postRequest({ ...requester(), smartcardId: demoPeople.noWorkgroup, odsCode: DENSHAM.odsCode, message: suggestedText(demoPeople.noWorkgroup) }, "192.0.2.10");
    expect(created.status).toBe(201);
    expectDocumented("/api/v1/requests", "post", created);
    await signInAs("agent@ra.example");
    const read = await getRequest(created.body.id);
    expect(read.status).toBe(200);
    expectDocumented("/api/v1/requests/{requestId}", "get", read);
    expectDocumented("/api/v1/requests/{requestId}", "get", await getRequest("not-a-request"));
  });

  it("GET audit, verify, reviews and organisations, and the 401 and 403 refusals", async () => {
    await signInAs("manager@ra.example");
    const page = await call(auditRoute.GET, "/api/v1/audit?limit=5");
    expect(page.body.events.length).toBeGreaterThan(0);
    expectDocumented("/api/v1/audit", "get", page);
    expectDocumented("/api/v1/audit", "get", await call(auditRoute.GET, "/api/v1/audit?from=2026-02-30"));
    expectDocumented("/api/v1/audit/verify", "get", await call(verifyRoute.GET, "/api/v1/audit/verify"));
    const reviews = await call(reviewsRoute.GET, "/api/v1/reviews");
    expect(reviews.status).toBe(200);
    expectDocumented("/api/v1/reviews", "get", reviews);
    const organisations = await call(organisationsRoute.GET, "/api/v1/organisations?q=Densham");
    expect(organisations.body.organisations.length).toBeGreaterThan(0);
    expectDocumented("/api/v1/organisations", "get", organisations);

    await signInAs("agent@ra.example");
    const forbidden = await call(auditRoute.GET, "/api/v1/audit");
    expect(forbidden.status).toBe(403);
    expectDocumented("/api/v1/audit", "get", forbidden);
    signOut();
    const anonymous = await api.getPerson(demoPeople.noWorkgroup);
    expect(anonymous.status).toBe(401);
    expectDocumented("/api/v1/people/{smartcardId}", "get", anonymous);
  });

  it("POST organisation workgroup (created, then 409 already there) and a bulk dry run", async () => {
    await signInAs("manager@ra.example");
    const url = `/api/v1/organisations/${DENSHAM.odsCode}/workgroup`;
    const first = await call(workgroupRoute.POST as Handler, url, { odsCode: DENSHAM.odsCode }, "POST", { reason: "Practice joins CSMS" });
    expect([200, 409]).toContain(first.status);
    expectDocumented("/api/v1/organisations/{odsCode}/workgroup", "post", first);
    const again = await call(workgroupRoute.POST as Handler, url, { odsCode: DENSHAM.odsCode }, "POST", { reason: "Practice joins CSMS" });
    expect(again.body.error.code).toBe("already_exists");
    expectDocumented("/api/v1/organisations/{odsCode}/workgroup", "post", again);

    const csv = `smartcard id,ods code,action,role code,reason,end date\n${demoPeople.noWorkgroup},${DENSHAM.odsCode},add,cervicalscreening,Bulk onboarding,\n`;
    const dryRun = await call(bulkRoute.POST as Handler, "/api/v1/bulk?dryRun=true", {}, "POST", csv, { "content-type": "text/csv" });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.rows).toHaveLength(1);
    expectDocumented("/api/v1/bulk", "post", dryRun);
  });
});

// Generated bad input on every API route handler, found on disk: hostile path parameters, query strings,
// bodies, content types and callers (each console role, and nobody). Never a 500: the contract's error
// JSON for every refusal, never cached, and nothing written when refused.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { DENSHAM, QUEENS_PARK, demoPeople } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routeModules = import.meta.glob<Record<string, unknown>>("/app/api/v1/**/route.ts", { eager: true });
const calls = Object.entries(routeModules).flatMap(([file, mod]) => {
  const pattern = file.replace(/^\/app/, "").replace(/\/route\.ts$/, "");
  const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof mod[m] === "function");
  return methods.map((method) => ({ pattern, method, handler: mod[method] as RouteHandler }));
});

const ACCOUNTS = ["manager@ra.example", "advanced@ra.example", "agent@ra.example", "agent-sussex@ra.example", "auditor@ra.example"];
const sessions = new Map<string | null, string | null>([[null, null]]);
const realIds: string[] = [];

beforeAll(async () => {
  for (const email of ACCOUNTS) sessions.set(email, await signInAs(email));
  const [requests, pending, events] = await Promise.all([
    db.accessRequest.findMany({ select: { id: true, reference: true }, take: 3 }),
    db.pendingChange.findMany({ select: { id: true }, take: 3 }),
    db.auditEvent.findMany({ select: { id: true }, take: 2 }),
  ]);
  realIds.push(...requests.flatMap((r) => [r.id, r.reference]), ...pending.map((p) => String(p.id)), ...events.map((e) => String(e.id)));
});
afterAll(() => signOut());

/**
 * Every change goes through one audited transaction, so a change always leaves a change event and moves
 * one of these counts; a cheap fingerprint of them (support/api.ts's full snapshot is too slow per case).
 */
async function writeFingerprint() {
  // Quoted names and coalesce(sum(...)): the same statement on SQLite and PostgreSQL.
  return db.$queryRawUnsafe(`SELECT
    (SELECT count(*) FROM "AuditEvent" WHERE "action" NOT LIKE 'security.%') AS "changeEvents",
    (SELECT count(*) FROM "RoleAssignment") AS "roles",
    (SELECT count(*) FROM "RoleAssignment" WHERE "endedAt" IS NULL) AS "activeRoles",
    (SELECT count(*) FROM "WorkgroupMembership") AS "workgroups",
    (SELECT count(*) FROM "WorkgroupMembership" WHERE "endedAt" IS NULL) AS "activeWorkgroups",
    (SELECT coalesce(sum("version"), 0) FROM "Person") AS "personVersions",
    (SELECT count(*) FROM "PendingChange") AS "pending", (SELECT count(*) FROM "PendingChange" WHERE "status" = 'pending') AS "stillPending",
    (SELECT count(*) FROM "AccessRequest") AS "requests", (SELECT coalesce(sum("version"), 0) FROM "AccessRequest") AS "requestVersions"`);
}

function actAs(email: string | null) {
  (globalThis as { testSessionId?: string | null }).testSessionId = sessions.get(email) ?? null;
}

// Strings that have broken parsers before: empty, huge, control characters, lone surrogates, NUL, SQL and
// path tricks, look-alike digits, prototype keys, React's reply markers, numbers written oddly.
const NASTY = [
  "", " ", "\t\n", "\u0000", "\uD800", "\uDFFF", "\u202E5555", "５５５５０００００００３", "555500000003\u0000", "' OR 1=1 --", "\"; DROP TABLE Person; --",
  "../../etc/passwd", "%ZZ", "%00", "__proto__", "constructor", "toString", "$Q", "$@0", "${7*7}", "{{7*7}}", "<script>alert(1)</script>", "=HYPERLINK(\"x\")",
  "NaN", "Infinity", "-1", "0", "1e309", "9007199254740993", "0x10", "1.5", "null", "undefined", "true", "[]", "{}", "x".repeat(20_000),
];
const PLAUSIBLE = [demoPeople.canLogIn, demoPeople.noWorkgroup, demoPeople.alexAgent, "5555 0000 0003", DENSHAM.odsCode, QUEENS_PARK.odsCode, "RYR", "H82065", "R8001", "R8010", "R0260", "cervicalscreening"];
const hostileString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.constantFrom(...PLAUSIBLE),
  fc.nat(99).map((n) => realIds[n % realIds.length] ?? "1"),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ maxLength: 12 }),
);

const FIELDS = [
  "odsCode", "roleCode", "reason", "version", "requestId", "acknowledgeWarning", "justification", "name", "email", "message", "smartcardId", "organisation",
  "decision", "note", "endDate", "id", "status", "reply", "rejectionReason", "kind", "action", "from", "to", "cursor", "limit", "q", "actor", "mine", "__proto__",
];
const { value: jsonValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.integer({ min: 1, max: 5 })),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie("value"), { maxKeys: 4 }),
  ),
}));
const fieldsObject = fc.dictionary(fc.constantFrom(...FIELDS), jsonValue, { minKeys: 1, maxKeys: 8 });

const body = fc.oneof(
  { weight: 4, arbitrary: fieldsObject.map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: jsonValue.map((v) => JSON.stringify(v) ?? "") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("", "{", "[1,", "null", "\u0000", `{"reason":"${"x".repeat(20_000)}"}`, "{".repeat(5000), '{"__proto__":{"admin":true}}'),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
);
const query = fc.array(fc.tuple(fc.constantFrom(...FIELDS), hostileString), { maxLength: 4 });
const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-16",
  "text/plain",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  undefined,
);
const caller = fc.constantFrom<string | null>(null, ...ACCOUNTS);

const hostileCall = fc.record({
  call: fc.constantFrom(...calls),
  params: fc.array(hostileString, { minLength: 3, maxLength: 3 }),
  query,
  body,
  contentType,
  caller,
  crossSite: fc.nat(9).map((n) => n === 0),
});

function encodeOrKeep(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.replace(/[\uD800-\uDFFF]/g, "%EF%BF%BD");
  }
}

let cases = 0;

describe("every API route handler, generated bad input", () => {
  it("finds the routes", () => {
    expect(calls.map((c) => `${c.method} ${c.pattern}`)).toEqual(
      expect.arrayContaining([
        "GET /api/v1/people/[smartcardId]",
        "POST /api/v1/requests",
        "DELETE /api/v1/people/[smartcardId]/roles/[odsCode]/[roleCode]",
      ]),
    );
  });

  it("answers 4xx with the contract's error (or succeeds), never 5xx, never cached, and writes nothing when it refuses", async () => {
    await fc.assert(
      fc.asyncProperty(hostileCall, async ({ call, params: values, query: pairs, body: text, contentType: type, caller: who, crossSite }) => {
        cases += 1;
        const params: Record<string, string> = {};
        let i = 0;
        // Next.js hands the handler the decoded segment; the URL carries it encoded.
        const path = call.pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => encodeOrKeep((params[name] = values[i++]!)));
        const search = new URLSearchParams(pairs.map(([k, v]) => [k, v.replace(/[\uD800-\uDFFF]/g, "?")])).toString();
        const origin = crossSite ? "http://evil.example" : "http://localhost";
        const headers: Record<string, string> = { host: "localhost", origin, "x-forwarded-for": "203.0.113.9" };
        if (type) headers["content-type"] = type;
        const init: RequestInit = { method: call.method, headers };
        if (call.method !== "GET") init.body = text;
        actAs(who);

        const before = await writeFingerprint();
        const url = `http://localhost${path}${search ? `?${search}` : ""}`;
        const response = await call.handler(new Request(url, init), { params: Promise.resolve(params) });
        const content = await response.text(); // exports stream: read to the end, where a late failure would show

        const label = `${call.method} ${path} as ${who}: ${response.status} ${content.slice(0, 300)}`;
        expect(response.status, label).toBeLessThan(500);
        expect(response.headers.get("cache-control"), label).toBe("no-store");
        if (response.status >= 400) {
          expect(response.headers.get("content-type"), label).toMatch(/^application\/json/);
          const error = JSON.parse(content).error;
          expect(error, label).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/\S/) });
          expect(content.length, "a refusal never echoes a huge input").toBeLessThan(2_000);
          expect(await writeFingerprint(), label).toEqual(before);
        }
      }),
      { numRuns: 800 },
    );
    expect(cases).toBeGreaterThanOrEqual(800);
  }, 120_000);
});

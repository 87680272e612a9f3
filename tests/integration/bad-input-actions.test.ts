// Generated bad input on every Server Action, found on disk, called with whatever React's decoder can hand
// it once the proxy has let a payload through (plain data: also undefined, NaN, -0, dates, BigInts and a
// form's FormData), by each console role and by nobody. An action never throws and never answers 5xx, and
// a refused call writes nothing. (What the proxy refuses first: tests/integration/bad-input-proxy.test.ts.)
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/data/db";
import { DENSHAM, QUEENS_PARK, demoPeople } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";

// Actions read the caller's address from the request headers; there is no request here.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7" }) }));

type Action = (...args: unknown[]) => Promise<unknown>;
const actionModules = import.meta.glob<Record<string, unknown>>(["/app/**/actions.ts", "/app/**/*-actions.ts"], { eager: true });
const actions = Object.entries(actionModules).flatMap(([file, mod]) =>
  Object.entries(mod)
    .filter(([, value]) => typeof value === "function")
    .map(([name, action]) => ({ name: `${file.replace(/^\/app\//, "")}#${name}`, action: action as Action })),
);

const ACCOUNTS = ["manager@ra.example", "advanced@ra.example", "agent@ra.example", "agent-sussex@ra.example", "auditor@ra.example"];
const sessions = new Map<string | null, string | null>([[null, null]]);
const realIds: string[] = [];

beforeAll(async () => {
  for (const email of ACCOUNTS) sessions.set(email, await signInAs(email));
  const [requests, pending, users] = await Promise.all([
    db.accessRequest.findMany({ select: { id: true, reference: true }, take: 3 }),
    db.pendingChange.findMany({ select: { id: true }, take: 3 }),
    db.consoleUser.findMany({ select: { id: true }, take: 3 }),
  ]);
  realIds.push(...requests.flatMap((r) => [r.id, r.reference]), ...pending.map((p) => p.id), ...users.map((u) => String(u.id)));
});
afterAll(() => signOut());

async function writeFingerprint() {
  // Quoted names and coalesce(sum(...)): the same statement on SQLite and PostgreSQL.
  return db.$queryRawUnsafe(`SELECT
    (SELECT count(*) FROM "AuditEvent" WHERE "action" NOT LIKE 'security.%') AS "changeEvents",
    (SELECT count(*) FROM "RoleAssignment" WHERE "endedAt" IS NULL) AS "activeRoles",
    (SELECT count(*) FROM "WorkgroupMembership" WHERE "endedAt" IS NULL) AS "activeWorkgroups",
    (SELECT coalesce(sum("version"), 0) FROM "Person") AS "personVersions", (SELECT count(*) FROM "PendingChange" WHERE "status" = 'pending') AS "stillPending",
    (SELECT count(*) FROM "AccessRequest") AS "requests", (SELECT coalesce(sum("version"), 0) FROM "AccessRequest") AS "requestVersions",
    (SELECT count(*) FROM "JobRole") AS "jobRoles", (SELECT count(*) FROM "ConsoleUser") AS "consoleUsers"`);
}

const NASTY = [
  "", " ", "\u0000", "\uD800", "５５５５０００００００３", "' OR 1=1 --", "__proto__", "constructor", "then", "$Q", "<script>alert(1)</script>", "=cmd|' /C calc'!A0",
  "x".repeat(20_000), "NaN", "-1", "1e309", "R8001", "A81001", demoPeople.canLogIn, demoPeople.noWorkgroup, DENSHAM.odsCode, QUEENS_PARK.odsCode, "pat@nhs.example",
  "role.add", "role.remove", "workgroup.add", "workgroup.remove", "add", "update", "approve", "reject", "still_needed", "end", "closed", "new",
];
const FIELDS = [
  "smartcardId", "odsCode", "roleCode", "reason", "version", "requestId", "acknowledgeWarning", "justification", "name", "email", "message", "organisation",
  "id", "decision", "note", "endDate", "status", "reply", "rejectionReason", "code", "userGroup", "functions", "csmsAccess", "role", "odsCodes", "active",
  "password", "senderName", "senderEmail", "text", "reference", "method", "__proto__", "constructor",
];
const leaf = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.nat(99).map((n) => realIds[n % realIds.length] ?? "1"),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.oneof(fc.integer(), fc.integer({ min: 0, max: 6 }), fc.constantFrom(NaN, Infinity, -Infinity, -0, 1.5, Number.MAX_SAFE_INTEGER + 2)),
  fc.boolean(),
  fc.constantFrom(null, undefined, new Date("2026-12-01T00:00:00Z"), new Date(Number.NaN), 12n, -(10n ** 40n)),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie("value"), { maxKeys: 5 }),
  ),
}));
const formData = fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.string({ maxLength: 20 })), { maxLength: 5 }).map((entries) => {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
});
const argument = fc.oneof(
  { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value, { minKeys: 1, maxKeys: 10 }) },
  { weight: 2, arbitrary: value },
  { weight: 1, arbitrary: formData },
);
const argumentList = fc.array(argument, { maxLength: 3 });
const caller = fc.constantFrom<string | null>(null, ...ACCOUNTS);

let calls = 0;

describe("every Server Action, generated bad input", () => {
  it("finds the actions", () => {
    const some = ["people/[smartcardId]/actions.ts#changePersonAction", "requests/actions.ts#submitRequestAction", "admin-actions.ts#saveJobRoleAction"];
    expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining(some));
  });

  it("answers with a 4xx result (or succeeds), never throws or answers 5xx, and writes nothing when it refuses", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...actions), argumentList, caller, async ({ name, action }, args, who) => {
        calls += 1;
        (globalThis as { testSessionId?: string | null }).testSessionId = sessions.get(who) ?? null;
        const before = await writeFingerprint();

        const result = (await action(...args)) as { ok: boolean; status?: number; code?: string; message?: string } | undefined;

        const label = `${name} as ${who}: ${JSON.stringify(result)?.slice(0, 300)}`;
        expect(result, label).toMatchObject({ ok: expect.any(Boolean) });
        if (!result!.ok) {
          expect(result!.status, label).toBeGreaterThanOrEqual(400);
          expect(result!.status, label).toBeLessThan(500);
          expect(result, label).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/\S/) });
          expect(await writeFingerprint(), label).toEqual(before);
        }
      }),
      { numRuns: 600 },
    );
    expect(calls).toBeGreaterThanOrEqual(600);
  }, 120_000);
});

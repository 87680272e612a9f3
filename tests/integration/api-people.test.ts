// The JSON API v1 for people, through the real route handlers, against CONTRACT.md.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addMonths } from "date-fns";
import { db } from "@/lib/data/db";
import { ukDay } from "@/lib/domain/grant-dates";
import { DENSHAM, LANCING_PRACTICES, QUEENS_PARK, demoPeople } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";
import { activeGrants, api, apiChange, errorBody, versionOf, writeSnapshot, type ChangeKind } from "./support/api";
import { injectAuditFailure, removeAuditFailure } from "./support/database";

const A81001 = DENSHAM.odsCode;
const A81002 = QUEENS_PARK.odsCode;

/** A grant just made, open-ended: started between `since` and now, due for review a year after it started (UK day). */
function newGrant(kind: "role" | "workgroup", code: string, since: number) {
  return {
    kind,
    code,
    startedAt: expect.toSatisfy((iso: string) => Date.parse(iso) >= since && Date.parse(iso) <= Date.now()),
    endDate: null,
    reviewDue: expect.toSatisfy((day: string) => [since, Date.now()].some((t) => day === ukDay(addMonths(new Date(t), 12)))),
  };
}

beforeEach(async () => {
  await signInAs("agent@ra.example");
});
afterEach(() => signOut());

describe("GET /api/v1/people/{smartcardId}", () => {
  it("returns exactly the contract's shape", async () => {
    const { status, body, contentType } = await api.getPerson(demoPeople.noWorkgroup);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/json/);
    expect(body).toStrictEqual({
      smartcardId: "555500000002",
      name: "Priya Shah",
      version: 1,
      positions: [
        {
          odsCode: "A81001",
          orgName: "The Densham Surgery",
          roles: ["R8001"],
          cervicalScreeningWorkgroup: false,
          // The seed's grant: open-ended, so due for review a year after it was granted.
          grants: [{ kind: "role", code: "R8001", startedAt: "2025-09-01T09:00:00.000Z", endDate: null, reviewDue: "2026-09-01" }],
        },
      ],
      verdict: { canLogIn: false, error: "no_workgroup", selectable: [], coveredOdsCodes: [] },
    });
  });

  it("reports a PCN practice's coverage and selectable roles", async () => {
    const { status, body } = await api.getPerson(demoPeople.canLogInPracticeManager);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      smartcardId: "555500000007",
      name: "David Hughes",
      version: 1,
      positions: [
        {
          odsCode: "H82096",
          orgName: LANCING_PRACTICES.orchard.name,
          roles: ["R1780"],
          cervicalScreeningWorkgroup: true,
          grants: [
            { kind: "role", code: "R1780", startedAt: "2025-02-17T09:00:00.000Z", endDate: null, reviewDue: "2026-02-17" },
            { kind: "workgroup", code: "cervicalscreening", startedAt: "2025-02-17T09:00:00.000Z", endDate: null, reviewDue: "2026-02-17" },
          ],
        },
      ],
      verdict: { canLogIn: true, error: null, selectable: [{ odsCode: "H82096", roleCode: "R1780" }], coveredOdsCodes: ["H82065", "H82091", "H82096"] },
    });
  });

  it.each(["5555 0000 0002", "5555-0000-0002", " 555500000002 ", "5555\u00A00000\u00A00002"])(
    "accepts %j and answers with 12 bare digits",
    async (written) => {
      const { status, body } = await api.getPerson(written);
      expect(status).toBe(200);
      expect(body.smartcardId).toBe("555500000002");
      expect(body.name).toBe("Priya Shah");
    },
  );

  it("is 401 when signed out", async () => {
    signOut();
    const { status, body } = await api.getPerson(demoPeople.noWorkgroup);
    expect(status).toBe(401);
    expect(body).toStrictEqual(errorBody("not_signed_in"));
  });

  it("is 404 for an unknown smartcard ID", async () => {
    const { status, body } = await api.getPerson("5555 9999 9999");
    expect(status).toBe(404);
    expect(body).toStrictEqual(errorBody("not_found"));
  });

  it("is 400 naming the field for a malformed smartcard ID", async () => {
    const { status, body } = await api.getPerson("5555-0000-00O2");
    expect(status).toBe(400);
    expect(body).toStrictEqual(errorBody("bad_input", { smartcardId: expect.stringContaining('"O"') }));
  });
});

describe("mutations", () => {
  // Workgroups are for RA managers and advanced RA agents only (an RA agent's 403 is in safe-grants.test.ts).
  it("POST workgroups fixes 'no workgroup' and writes exactly one audit event", async () => {
    await signInAs("advanced@ra.example");
    const smartcardId = demoPeople.noWorkgroup;
    const eventsBefore = await db.auditEvent.count();
    const version = await versionOf(smartcardId);

    const started = Date.now();
    const { status, body } = await api.addWorkgroup("5555 0000 0002", { odsCode: "a81001", reason: "Asked by practice manager", version });

    expect(status).toBe(200);
    expect(body).toStrictEqual({
      smartcardId: "555500000002",
      name: "Priya Shah",
      version: version + 1,
      positions: [
        {
          odsCode: "A81001",
          orgName: "The Densham Surgery",
          roles: ["R8001"],
          cervicalScreeningWorkgroup: true,
          grants: [
            { kind: "role", code: "R8001", startedAt: "2025-09-01T09:00:00.000Z", endDate: null, reviewDue: "2026-09-01" },
            newGrant("workgroup", "cervicalscreening", started),
          ],
        },
      ],
      verdict: { canLogIn: true, error: null, selectable: [{ odsCode: "A81001", roleCode: "R8001" }], coveredOdsCodes: ["A81001"] },
    });
    expect((await api.getPerson(smartcardId)).body).toStrictEqual(body);
    expect(await db.auditEvent.count()).toBe(eventsBefore + 1);
    expect(await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).toMatchObject({
      action: "workgroup.added",
      smartcardId,
      odsCode: "A81001",
      actorEmail: "advanced@ra.example",
      reason: "Asked by practice manager",
      safeguards: null,
    });
  });

  it("POST roles adds a role and returns the updated person", async () => {
    const smartcardId = demoPeople.workgroupOnly; // workgroup at A81002, no role: "no valid role"
    const version = await versionOf(smartcardId);
    const started = Date.now();
    const { status, body } = await api.addRole(smartcardId, { odsCode: A81002, roleCode: "r1480", reason: "New HCA", version });
    expect(status).toBe(200);
    expect(body.positions).toStrictEqual([
      {
        odsCode: A81002,
        orgName: QUEENS_PARK.name,
        roles: ["R1480"],
        cervicalScreeningWorkgroup: true,
        grants: [
          newGrant("role", "R1480", started),
          { kind: "workgroup", code: "cervicalscreening", startedAt: "2025-11-03T09:00:00.000Z", endDate: null, reviewDue: "2026-11-03" },
        ],
      },
    ]);
    expect(body.verdict).toStrictEqual({ canLogIn: true, error: null, selectable: [{ odsCode: A81002, roleCode: "R1480" }], coveredOdsCodes: [A81002] });
    expect(await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).toMatchObject({ action: "role.added", roleCode: "R1480", requestId: null });
  });

  it("DELETE roles/{odsCode}/{roleCode} ends that role only", async () => {
    const smartcardId = demoPeople.canLogInTwoRoles; // R0620 + R8001 + workgroup at A81002
    const eventsBefore = await db.auditEvent.count();
    const { status, body } = await api.removeRole(smartcardId, A81002, "R0620", { reason: "No longer a practice nurse", version: await versionOf(smartcardId) });
    expect(status).toBe(200);
    expect(body.positions).toStrictEqual([
      {
        odsCode: A81002,
        orgName: QUEENS_PARK.name,
        roles: ["R8001"],
        cervicalScreeningWorkgroup: true,
        grants: [
          { kind: "role", code: "R8001", startedAt: "2025-03-10T09:00:00.000Z", endDate: null, reviewDue: "2026-03-10" },
          { kind: "workgroup", code: "cervicalscreening", startedAt: "2025-03-10T09:00:00.000Z", endDate: null, reviewDue: "2026-03-10" },
        ],
      },
    ]);
    expect(body.verdict.selectable).toStrictEqual([{ odsCode: A81002, roleCode: "R8001" }]);
    expect(await activeGrants(smartcardId, A81002)).toEqual({ roles: ["R8001"], workgroups: 1 });
    expect(await db.auditEvent.count()).toBe(eventsBefore + 1);
  });

  it("DELETE workgroups/{odsCode} ends the workgroup: 'no workgroup'", async () => {
    await signInAs("advanced@ra.example");
    const smartcardId = demoPeople.canLogIn; // R8001 + workgroup at A81001
    const eventsBefore = await db.auditEvent.count();
    const { status, body } = await api.removeWorkgroup(smartcardId, A81001, { reason: "Left the screening team", version: await versionOf(smartcardId) });
    expect(status).toBe(200);
    expect(body.positions).toStrictEqual([
      {
        odsCode: A81001,
        orgName: DENSHAM.name,
        roles: ["R8001"],
        cervicalScreeningWorkgroup: false,
        grants: [{ kind: "role", code: "R8001", startedAt: "2025-04-07T09:00:00.000Z", endDate: null, reviewDue: "2026-04-07" }],
      },
    ]);
    expect(body.verdict).toStrictEqual({ canLogIn: false, error: "no_workgroup", selectable: [], coveredOdsCodes: [] });
    expect(await db.auditEvent.count()).toBe(eventsBefore + 1);
  });

  it("DELETE of a role the person does not hold is 404 and writes nothing", async () => {
    const smartcardId = demoPeople.canLogInGp;
    const before = await writeSnapshot();
    const { status, body } = await api.removeRole(smartcardId, A81002, "R8001", { reason: "Tidy up", version: await versionOf(smartcardId) });
    expect(status).toBe(404);
    expect(body).toStrictEqual(errorBody("not_found"));
    expect(await writeSnapshot()).toEqual(before);
  });
});

// Each of these would succeed with the current version and a same-site request.
const refusedChanges: { kind: ChangeKind; smartcardId: string; odsCode: string; roleCode?: string }[] = [
  { kind: "role.add", smartcardId: demoPeople.noWorkgroupClerical, odsCode: A81002, roleCode: "R8001" },
  { kind: "role.remove", smartcardId: demoPeople.canLogInClerical, odsCode: A81002, roleCode: "R8010" },
  { kind: "workgroup.add", smartcardId: demoPeople.noWorkgroupClerical, odsCode: A81002 },
  { kind: "workgroup.remove", smartcardId: demoPeople.canLogInClerical, odsCode: A81002 },
];

describe("concurrency and faults", () => {
  it("three concurrent adds from the same page version: one 200, two 409, one grant, one event", async () => {
    const smartcardId = demoPeople.noWorkgroupTwoOrgs; // R8003 at A81001 and A81002
    const version = await versionOf(smartcardId);
    const eventsBefore = await db.auditEvent.count();
    const results = await Promise.all(
      [1, 2, 3].map(() => api.addRole(smartcardId, { odsCode: A81002, roleCode: "R8001", reason: "Double click", version })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    for (const r of results.filter((r) => r.status === 409)) expect(r.body).toStrictEqual(errorBody("version_conflict"));
    expect(await activeGrants(smartcardId, A81002)).toEqual({ roles: ["R8001", "R8003"], workgroups: 0 });
    expect(await versionOf(smartcardId)).toBe(version + 1);
    expect(await db.auditEvent.count()).toBe(eventsBefore + 1);
  });

  it("a database fault mid-change is a 500 that says nothing changed, and nothing did", async () => {
    await signInAs("advanced@ra.example"); // may add the workgroup, so the fault (not a refusal) is what fails it
    const smartcardId = demoPeople.noWorkgroupTwoOrgs;
    const before = await writeSnapshot();
    await injectAuditFailure();
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const { status, body } = await api.addWorkgroup(smartcardId, { odsCode: A81001, reason: "Fault", version: await versionOf(smartcardId) });
      expect(status).toBe(500);
      expect(body.error.message).toMatch(/nothing was changed/);
      expect(JSON.stringify(body)).not.toMatch(/injected|SQLITE|postgres|prisma/i);
    } finally {
      quiet.mockRestore();
      await removeAuditFailure();
    }
    expect(await writeSnapshot()).toEqual(before);
  });
});

describe("refused mutations write nothing", () => {
  // The advanced RA agent may make all four changes, so each refusal below is about the request alone.
  beforeEach(async () => {
    await signInAs("advanced@ra.example");
  });

  it.each(refusedChanges)("$kind with a stale version is 409 version_conflict", async ({ kind, ...target }) => {
    const version = await versionOf(target.smartcardId);
    const grants = await activeGrants(target.smartcardId, target.odsCode);
    const before = await writeSnapshot();

    const { status, body } = await apiChange(kind, { ...target, reason: "From an old tab", version: version - 1 || version + 1 });

    expect(status).toBe(409);
    expect(body).toStrictEqual(errorBody("version_conflict"));
    expect(await writeSnapshot()).toEqual(before);
    expect(await activeGrants(target.smartcardId, target.odsCode)).toEqual(grants);
  });

  it.each(
    refusedChanges.flatMap((change) => [
      { ...change, headers: { origin: "https://evil.example" } as Record<string, string> },
      { ...change, headers: { origin: "null" } as Record<string, string> },
      { ...change, headers: { "sec-fetch-site": "cross-site" } as Record<string, string> },
    ]),
  )("$kind with cross-site headers $headers is 403 forbidden", async ({ kind, headers, ...target }) => {
    const before = await writeSnapshot();
    const { status, body } = await apiChange(kind, { ...target, reason: "Cross-site", version: await versionOf(target.smartcardId) }, { headers });
    expect(status).toBe(403);
    expect(body).toStrictEqual(errorBody("forbidden"));
    expect(await writeSnapshot()).toEqual(before);
  });

  it.each([
    { name: "invalid JSON", rawBody: '{"odsCode": "A81002", "reason": ', message: /not valid JSON/ },
    { name: "a JSON array", rawBody: '[{"odsCode": "A81002"}]', message: /JSON object/ },
    { name: "a JSON string", rawBody: '"A81002"', message: /JSON object/ },
    { name: "JSON null", rawBody: "null", message: /JSON object/ },
    {
      name: "a body over 16 KB",
      rawBody: JSON.stringify({ odsCode: A81002, reason: "x".repeat(16 * 1024), version: 1 }),
      message: /16 KB/,
    },
    {
      name: "a body over 16 KB in multi-byte characters",
      rawBody: JSON.stringify({ odsCode: A81002, reason: "é".repeat(8200), version: 1 }),
      message: /16 KB/,
    },
  ])("$name is 400 bad_input", async ({ rawBody, message }) => {
    for (const { kind, ...target } of refusedChanges) {
      const before = await writeSnapshot();
      const { status, body } = await apiChange(kind, { ...target, reason: "", version: 0 }, { rawBody });
      expect({ kind, status }).toEqual({ kind, status: 400 });
      expect(body).toStrictEqual(errorBody("bad_input"));
      expect(body.error.message).toMatch(message);
      expect(await writeSnapshot()).toEqual(before);
    }
  });

  it("a request without a body is 400 naming the missing fields", async () => {
    const before = await writeSnapshot();
    const { status, body } = await api.addWorkgroup(demoPeople.noWorkgroupClerical, undefined);
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad_input");
    expect(Object.keys(body.error.fields).sort()).toEqual(["odsCode", "reason", "version"]);
    expect(await writeSnapshot()).toEqual(before);
  });

  it("the same changes go through once same-site and current (control)", async () => {
    for (const { kind, ...target } of refusedChanges) {
      const { status } = await apiChange(kind, { ...target, reason: "Control", version: await versionOf(target.smartcardId) });
      expect({ kind, status }).toEqual({ kind, status: 200 });
    }
  });
});

// GET /api/v1/audit against CONTRACT.md: who may read it, each filter, keyset pagination, bad filters; and the
// security events and access log that sit beside the change log.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/data/db";
import { addRole, addWorkgroup, removeRole, removeWorkgroup } from "@/lib/data/changes";
import { recordSecurityEvent, type Actor } from "@/lib/data/audited";
import { listAccessLog } from "@/lib/data/audit";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { AuditFilterSchema } from "@/lib/validations/audit";
import { DEFAULT_DEMO_PASSWORD, DENSHAM, QUEENS_PARK, demoPeople } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";
import { api, errorBody, versionOf } from "./support/api";
import { auditJson, type AuditQuery } from "./support/audit-helpers";

type Event = Awaited<ReturnType<typeof db.auditEvent.findFirstOrThrow>>;
const actors: Record<string, Actor> = {};
const allEvents = () => db.auditEvent.findMany({ orderBy: { id: "desc" } });
const newEventsSince = (id: number) => db.auditEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } });
const lastEventId = async () => (await db.auditEvent.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;

/** Runs `work` with the clock at `iso`, so the events it writes carry that time. */
async function at<T>(iso: string, work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
  try {
    return await work();
  } finally {
    vi.useRealTimers();
  }
}

type Extra = { roleCode?: string; requestId?: string; acknowledgeWarning?: boolean; justification?: string };
const change = async (smartcardId: string, odsCode: string, extra: Extra = {}) => ({
  smartcardId, odsCode, roleCode: "", reason: "Audit API test", version: await versionOf(smartcardId), ...extra,
});

beforeAll(async () => {
  for (const email of ["agent@ra.example", "manager@ra.example", "auditor@ra.example"]) {
    const user = await db.consoleUser.findUniqueOrThrow({ where: { email } });
    actors[email] = { id: user.id, email: user.email };
  }
  const [agent, manager] = [actors["agent@ra.example"]!, actors["manager@ra.example"]!];
  await at("2030-01-10T10:00:00Z", async () => addWorkgroup(agent, await change(demoPeople.noWorkgroup, DENSHAM.odsCode, { requestId: "REQ-100" })));
  await at("2030-02-15T12:00:00Z", async () => addRole(manager, await change(demoPeople.canLogInGp, QUEENS_PARK.odsCode, { roleCode: "R8001", requestId: "REQ-200", acknowledgeWarning: true, justification: "Second role for the audit API test" })));
  await at("2030-03-20T09:00:00Z", async () => removeRole(agent, await change(demoPeople.canLogInTwoRoles, QUEENS_PARK.odsCode, { roleCode: "R0620" })));
  await at("2030-03-20T23:59:59.500Z", async () => removeWorkgroup(manager, await change(demoPeople.noWorkgroup, DENSHAM.odsCode, { requestId: "REQ-100" })));
  await at("2030-03-21T00:00:00Z", async () => addWorkgroup(agent, await change(demoPeople.trustNoWorkgroup, "RYR")));
  for (let k = 0; k < 20; k++) {
    const who = Object.values(actors)[k % 3]!;
    await at(new Date(Date.UTC(2030, 3, 1, k)).toISOString(), () => recordSecurityEvent(who, { action: "security.sign_in", reason: "Signed in with credentials" }));
  }
});
afterEach(() => signOut());

describe("who may read GET /api/v1/audit", () => {
  it.each(["auditor@ra.example", "manager@ra.example"])("%s gets { events, nextCursor }, newest first", async (email) => {
    await signInAs(email);
    const { status, body, contentType } = await auditJson("list", { limit: 5 });
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/json/);
    expect(Object.keys(body).sort()).toEqual(["events", "nextCursor"]);
    const newest = (await allEvents()).slice(0, 5);
    expect(body.events.map((e: Event) => e.id)).toEqual(newest.map((e) => e.id));
    expect(body.events[0]).toMatchObject({ ...newest[0], occurredAt: newest[0]!.occurredAt.toISOString() });
    expect(body.nextCursor).toBe(String(newest[4]!.id));
  });

  it("is 403 for an RA agent, and the refusal is one security.access_denied event", async () => {
    await signInAs("agent@ra.example");
    const last = await lastEventId();
    const { status, body } = await auditJson("list");
    expect(status).toBe(403);
    expect(body).toStrictEqual(errorBody("forbidden"));
    const written = await newEventsSince(last);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ action: "security.access_denied", actorId: actors["agent@ra.example"]!.id, actorEmail: "agent@ra.example", reason: expect.stringContaining("audit:read") });
  });

  it("is 401 signed out, and writes nothing", async () => {
    const last = await lastEventId();
    const { status, body } = await auditJson("list");
    expect(status).toBe(401);
    expect(body).toStrictEqual(errorBody("not_signed_in"));
    expect(await newEventsSince(last)).toEqual([]);
  });
});

describe("filters", () => {
  const filters: { name: string; query: AuditQuery; match: (e: Event) => boolean; expected: number }[] = [
    { name: "smartcardId with spaces", query: { smartcardId: "5555 0000 0002" }, match: (e) => e.smartcardId === "555500000002", expected: 2 },
    { name: "actor email, any case", query: { actor: " Manager@RA.example " }, match: (e) => e.actorEmail === "manager@ra.example", expected: 9 },
    { name: "action", query: { action: "role.added" }, match: (e) => e.action === "role.added", expected: 1 },
    { name: "odsCode, lower case", query: { odsCode: "a81002" }, match: (e) => e.odsCode === "A81002", expected: 2 },
    { name: "requestId", query: { requestId: "REQ-100" }, match: (e) => e.requestId === "REQ-100", expected: 2 },
    {
      name: "from and to the same day (the whole day)", query: { from: "2030-03-20", to: "2030-03-20" },
      match: (e) => e.occurredAt >= new Date("2030-03-20T00:00:00Z") && e.occurredAt < new Date("2030-03-21T00:00:00Z"), expected: 2,
    },
    { name: "to a day", query: { to: "2030-01-31" }, match: (e) => e.occurredAt < new Date("2030-02-01T00:00:00Z"), expected: 2 },
    { name: "from an instant", query: { from: "2030-03-20T10:00:00Z", to: "2030-04-01T04:30:00Z" }, match: (e) => e.occurredAt >= new Date("2030-03-20T10:00:00Z") && e.occurredAt <= new Date("2030-04-01T04:30:00Z"), expected: 7 },
    { name: "actor and odsCode together", query: { actor: "agent@ra.example", odsCode: "A81002" }, match: (e) => e.actorEmail === "agent@ra.example" && e.odsCode === "A81002", expected: 1 },
  ];

  it.each(filters)("$name narrows to exactly the matching events", async ({ query, match, expected }) => {
    await signInAs("auditor@ra.example");
    const all = await allEvents();
    const { status, body } = await auditJson("list", { ...query, limit: 200 });
    expect(status).toBe(200);
    const want = all.filter(match).map((e) => e.id);
    expect(want).toHaveLength(expected);
    expect(body.events.map((e: Event) => e.id)).toEqual(want);
    expect(body.nextCursor).toBeNull();
  });
});

describe("keyset pagination", () => {
  async function follow(query: AuditQuery, limit: number) {
    const ids: number[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const { status, body } = await auditJson("list", { ...query, limit, cursor });
      expect(status).toBe(200);
      expect(body.events.length).toBeLessThanOrEqual(limit);
      ids.push(...body.events.map((e: Event) => e.id));
      if (body.nextCursor === null) return ids;
      expect(body.events).toHaveLength(limit);
      expect(body.nextCursor).toBe(String(ids.at(-1)));
      cursor = body.nextCursor;
    }
    throw new Error("pagination did not end");
  }

  it("visits every event exactly once, in descending id order", async () => {
    await signInAs("auditor@ra.example");
    const all = (await allEvents()).map((e) => e.id);
    expect(all.length).toBeGreaterThan(20);
    expect(await follow({}, 3)).toEqual(all);
  });

  it("does the same within a filter, and a page size that divides the total ends cleanly", async () => {
    await signInAs("manager@ra.example");
    const signIns = (await allEvents()).filter((e) => e.action === "security.sign_in").map((e) => e.id);
    expect(signIns).toHaveLength(20);
    expect(await follow({ action: "security.sign_in" }, 4)).toEqual(signIns);
    expect(await follow({ action: "security.sign_in" }, 7)).toEqual(signIns);
  });
});

describe("bad filters are 400 naming the field", () => {
  it.each<[AuditQuery, string]>([
    [{ smartcardId: "5555-0000-00O2" }, "smartcardId"],
    [{ odsCode: "A81-001" }, "odsCode"],
    [{ action: "role.deleted" }, "action"],
    [{ from: "last tuesday" }, "from"],
    [{ from: "2026-03-02", to: "2026-03-01" }, "to"],
    // Impossible calendar dates must not roll over into the next month (2026-02-30 → 2 March).
    [{ from: "2026-02-30" }, "from"],
    [{ to: "2026-02-29" }, "to"],
    [{ limit: 0 }, "limit"],
    [{ limit: 500 }, "limit"],
    [{ cursor: "abc" }, "cursor"],
    [{ cursor: "-5" }, "cursor"],
  ])("%j", async (query, field) => {
    await signInAs("auditor@ra.example");
    const { status, body } = await auditJson("list", query);
    expect(status).toBe(400);
    expect(body).toStrictEqual(errorBody("bad_input", { [field]: expect.stringMatching(/\S/) }));
  });
});

describe("security events", () => {
  const PASSWORD = "wrong-password-123";

  it.each([
    { email: "Auditor@RA.example", logged: "auditor@ra.example" },
    { email: "nobody@ra.example", logged: "nobody@ra.example" },
    // Whatever is typed into the email box that is not an email (perhaps a password) is not recorded.
    { email: "not an email", logged: "(not an email address)" },
  ])("a failed sign-in as $email is one security.sign_in_failed event without the password", async ({ email, logged }) => {
    const last = await lastEventId();
    expect(await authorizeCredentials({ email, password: PASSWORD })).toBeNull();
    const written = await newEventsSince(last);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ action: "security.sign_in_failed", actorId: null, actorEmail: logged });
    expect(JSON.stringify(written[0])).not.toContain(PASSWORD);
    expect(JSON.stringify(written[0]).toLowerCase()).not.toContain("wrong-password");
  });

  it("the right password signs in and writes no failure", async () => {
    const last = await lastEventId();
    const user = await authorizeCredentials({ email: "auditor@ra.example", password: process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD });
    expect(user).toMatchObject({ email: "auditor@ra.example" });
    expect((await newEventsSince(last)).filter((e) => e.action === "security.sign_in_failed")).toEqual([]);
  });
});

describe("access log", () => {
  it("GET person through the API writes one access-log entry (via api) and no audit event", async () => {
    await signInAs("agent@ra.example");
    const [lastEvent, lastEntry] = [await lastEventId(), (await db.accessLogEntry.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0];
    const { status } = await api.getPerson("5555 0000 0003");
    expect(status).toBe(200);
    expect(await newEventsSince(lastEvent)).toEqual([]);
    const entries = await db.accessLogEntry.findMany({ where: { id: { gt: lastEntry } } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: actors["agent@ra.example"]!.id, actorEmail: "agent@ra.example", smartcardId: demoPeople.canLogIn, personName: expect.any(String), via: "api" });
  });

  it("a 404 lookup writes no access-log entry", async () => {
    await signInAs("agent@ra.example");
    const before = await db.accessLogEntry.count();
    expect((await api.getPerson("5555 9999 9999")).status).toBe(404);
    expect(await db.accessLogEntry.count()).toBe(before);
  });

  it("listAccessLog filters by smartcard ID and by actor", async () => {
    for (const [email, smartcardId] of [["manager@ra.example", demoPeople.canLogIn], ["manager@ra.example", demoPeople.canLogInGp], ["auditor@ra.example", demoPeople.canLogInGp]] as const) {
      await signInAs(email);
      expect((await api.getPerson(smartcardId)).status).toBe(200);
    }
    const all = await db.accessLogEntry.findMany({ orderBy: { id: "desc" } });
    const cases: [Record<string, string>, (e: (typeof all)[number]) => boolean][] = [
      [{ smartcardId: "5555-0000-0003" }, (e) => e.smartcardId === demoPeople.canLogIn],
      [{ actor: "MANAGER@ra.example" }, (e) => e.actorEmail === "manager@ra.example"],
      [{ smartcardId: demoPeople.canLogInGp, actor: "auditor@ra.example" }, (e) => e.smartcardId === demoPeople.canLogInGp && e.actorEmail === "auditor@ra.example"],
    ];
    for (const [query, match] of cases) {
      const { entries, nextCursor } = await listAccessLog(AuditFilterSchema.parse(query));
      const want = all.filter(match);
      expect(want.length).toBeGreaterThan(0);
      expect(want.length).toBeLessThan(all.length);
      expect(entries.map((e) => e.id)).toEqual(want.map((e) => e.id));
      expect(nextCursor).toBeNull();
    }
  });
});

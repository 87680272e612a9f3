// Who may change whom: role, scope, own profile, revocation and session lifetime, through the JSON API route
// handlers and the page's Server Action, with nothing written whenever the answer is no.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { changePersonAction } from "@/app/people/[smartcardId]/actions";
import { DENSHAM, demoPeople } from "@/prisma/seed/demo";
import { signInAs, signOut } from "./support/session";
import { api, apiChange, errorBody, versionOf, writeSnapshot, type ChangeInput, type ChangeKind } from "./support/api";

afterEach(() => signOut());

const A81001 = DENSHAM.odsCode;

// All at A81001, each valid with the current version for an officer who may make it (the control at the end
// proves it): job roles for agent@ra.example, workgroups for advanced@ra.example (RA agents may not).
const targets: { kind: ChangeKind; smartcardId: string; roleCode?: string }[] = [
  // Someone who cannot log in yet, so the IG guard has nothing to warn about.
  { kind: "role.add", smartcardId: demoPeople.noWorkgroup, roleCode: "R0620" },
  { kind: "role.remove", smartcardId: demoPeople.canLogIn, roleCode: "R8001" },
  { kind: "workgroup.add", smartcardId: demoPeople.noWorkgroup },
  { kind: "workgroup.remove", smartcardId: demoPeople.canLogIn },
];

async function input(target: { smartcardId: string; roleCode?: string }, odsCode = A81001): Promise<ChangeInput> {
  return { smartcardId: target.smartcardId, odsCode, roleCode: target.roleCode, reason: "Authorisation test", version: await versionOf(target.smartcardId) };
}

/** Runs a change through both entry points and returns both statuses, asserting nothing was written. */
async function tryBothWays(kind: ChangeKind, change: ChangeInput) {
  const before = await writeSnapshot();
  const viaApi = await apiChange(kind, change);
  const viaAction = await changePersonAction(kind, change);
  expect(await writeSnapshot()).toEqual(before);
  return { viaApi, viaAction };
}

describe.each([
  { who: "an auditor", email: "auditor@ra.example", message: /Auditors can read but not change/ },
  { who: "an RA agent acting only for the Lancing PCN", email: "agent-sussex@ra.example", message: /do not act for A81001/ },
])("$who", ({ email, message }) => {
  it.each(targets)("gets 403 for $kind through the API and the Server Action, and nothing is written", async ({ kind, ...target }) => {
    await signInAs(email);
    const { viaApi, viaAction } = await tryBothWays(kind, await input(target));
    expect(viaApi.status).toBe(403);
    expect(viaApi.body).toStrictEqual(errorBody("forbidden"));
    expect(viaApi.body.error.message).toMatch(message);
    expect(viaAction).toEqual({ ok: false, status: 403, code: "forbidden", message: expect.stringMatching(message) });
  });

  it("can still read the profile", async () => {
    await signInAs(email);
    const { status, body } = await api.getPerson(demoPeople.canLogIn);
    expect(status).toBe(200);
    expect(body.smartcardId).toBe(demoPeople.canLogIn);
  });
});

describe("an auditor learns nothing from input checks", () => {
  it("gets 403, not 400, for a change with bad input", async () => {
    await signInAs("auditor@ra.example");
    const { viaApi, viaAction } = await tryBothWays("workgroup.add", { smartcardId: demoPeople.noWorkgroup, odsCode: "!!", reason: "", version: -1 });
    expect(viaApi.status).toBe(403);
    expect(viaAction).toMatchObject({ ok: false, status: 403, code: "forbidden" });
  });
});

describe("the Lancing agent in their own scope", () => {
  it("can add a job role for a Lancing practice (control for the 403s above)", async () => {
    await signInAs("agent-sussex@ra.example");
    const smartcardId = demoPeople.noWorkgroupPcnPractice; // R8001 at H82065
    const result = await changePersonAction("role.add", { smartcardId, odsCode: "H82065", roleCode: "R0620", reason: "In scope", version: await versionOf(smartcardId) });
    expect(result).toStrictEqual({ ok: true, message: expect.stringMatching(/Job role added/) });
  });
});

describe("nobody changes their own profile", () => {
  const own = [
    { kind: "role.add" as const, roleCode: "R8001" },
    { kind: "role.remove" as const, roleCode: "R8010" },
    { kind: "workgroup.add" as const },
    { kind: "workgroup.remove" as const },
  ];
  it.each(own)("agent@ra.example gets 403 for $kind on their own profile", async ({ kind, roleCode }) => {
    await signInAs("agent@ra.example");
    const { viaApi, viaAction } = await tryBothWays(kind, await input({ smartcardId: demoPeople.alexAgent, roleCode }));
    expect(viaApi.status).toBe(403);
    expect(viaApi.body.error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/own Care Identity profile/) });
    expect(viaAction).toMatchObject({ ok: false, status: 403, code: "forbidden", message: expect.stringMatching(/own/) });
  });

  it("written with dashes, the own profile is still refused", async () => {
    await signInAs("agent@ra.example");
    const change = { ...(await input({ smartcardId: demoPeople.alexAgent })), smartcardId: "5555-0000-0001" };
    const { viaApi, viaAction } = await tryBothWays("workgroup.add", change);
    expect(viaApi.status).toBe(403);
    expect(viaAction).toMatchObject({ ok: false, status: 403 });
  });
});

describe("a revoked role or organisation takes effect at once", () => {
  // A change the agent may make while nothing is revoked (the control at the end makes it).
  const roleAdd = targets.find((t) => t.kind === "role.add")!;
  async function agent() {
    return db.consoleUser.findUniqueOrThrow({ where: { email: "agent@ra.example" }, include: { organisations: true } });
  }

  it("removing the agent's organisations makes the next change 403 in the same session", async () => {
    await signInAs("agent@ra.example");
    const user = await agent();
    expect((await api.getPerson(demoPeople.noWorkgroup)).status).toBe(200);
    await db.consoleUserOrganisation.deleteMany({ where: { consoleUserId: user.id } });
    try {
      const { viaApi, viaAction } = await tryBothWays("role.add", await input(roleAdd));
      expect(viaApi.status).toBe(403);
      expect(viaApi.body.error.message).toMatch(/do not act for A81001/);
      expect(viaAction).toMatchObject({ ok: false, status: 403, code: "forbidden" });
    } finally {
      await db.consoleUserOrganisation.createMany({
        data: user.organisations.map(({ consoleUserId, organisationId }) => ({ consoleUserId, organisationId })),
      });
    }
  });

  it("demoting the agent to auditor makes the next change 403 in the same session", async () => {
    await signInAs("agent@ra.example");
    const user = await agent();
    await db.consoleUser.update({ where: { id: user.id }, data: { role: "auditor" } });
    try {
      const { viaApi, viaAction } = await tryBothWays("role.add", await input(roleAdd));
      expect(viaApi.status).toBe(403);
      expect(viaApi.body.error.message).toMatch(/Auditors can read but not change/);
      expect(viaAction).toMatchObject({ ok: false, status: 403, code: "forbidden" });
    } finally {
      await db.consoleUser.update({ where: { id: user.id }, data: { role: user.role } });
    }
  });

  it("deactivating the account makes the next request 401 in the same session", async () => {
    await signInAs("agent@ra.example");
    const user = await agent();
    await db.consoleUser.update({ where: { id: user.id }, data: { active: false } });
    try {
      const { viaApi, viaAction } = await tryBothWays("role.add", await input(roleAdd));
      expect(viaApi.status).toBe(401);
      expect(viaAction).toMatchObject({ ok: false, status: 401, code: "not_signed_in" });
    } finally {
      await db.consoleUser.update({ where: { id: user.id }, data: { active: true } });
    }
  });
});

const MINUTE = 60_000;

describe("session lifetime", () => {
  it.each([
    { state: "signed out", times: null },
    { state: "ended at sign-out", times: () => ({ endedAt: new Date() }) },
    { state: "idle for 31 minutes", times: () => ({ lastSeenAt: new Date(Date.now() - 31 * MINUTE) }) },
    {
      state: "older than 8 hours though active a minute ago",
      times: () => ({ createdAt: new Date(Date.now() - 8 * 60 * MINUTE - MINUTE), lastSeenAt: new Date(Date.now() - MINUTE) }),
    },
    { state: "unknown to the server", times: "unknown" as const },
  ])("$state → 401 for reads and changes, nothing written", async ({ times }) => {
    const sessionId = await signInAs("agent@ra.example");
    if (times === null) signOut();
    else if (times === "unknown") (globalThis as { testSessionId?: string }).testSessionId = "no-such-session";
    else await db.consoleSession.update({ where: { id: sessionId }, data: times() });

    const read = await api.getPerson(demoPeople.noWorkgroup);
    expect(read.status).toBe(401);
    expect(read.body).toStrictEqual(errorBody("not_signed_in"));
    for (const { kind, ...target } of targets) {
      const { viaApi, viaAction } = await tryBothWays(kind, await input(target));
      expect({ kind, status: viaApi.status }).toEqual({ kind, status: 401 });
      expect(viaApi.body).toStrictEqual(errorBody("not_signed_in"));
      expect(viaAction).toMatchObject({ ok: false, status: 401, code: "not_signed_in" });
    }
  });

  it("idle for 29 minutes is still signed in, and the request refreshes lastSeenAt", async () => {
    const sessionId = await signInAs("agent@ra.example");
    const lastSeenAt = new Date(Date.now() - 29 * MINUTE);
    await db.consoleSession.update({ where: { id: sessionId }, data: { lastSeenAt } });
    expect((await api.getPerson(demoPeople.noWorkgroup)).status).toBe(200);
    const session = await db.consoleSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - MINUTE);
  });

  it("an idle-expired session is not revived by trying again", async () => {
    const sessionId = await signInAs("agent@ra.example");
    await db.consoleSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - 31 * MINUTE) } });
    expect((await api.getPerson(demoPeople.noWorkgroup)).status).toBe(401);
    expect((await api.getPerson(demoPeople.noWorkgroup)).status).toBe(401);
  });
});

describe("workgroups are for RA managers and advanced RA agents", () => {
  it.each(targets.filter((t) => t.kind.startsWith("workgroup.")))(
    "agent@ra.example gets 403 for $kind through the API and the Server Action, and nothing is written",
    async ({ kind, ...target }) => {
      await signInAs("agent@ra.example");
      const { viaApi, viaAction } = await tryBothWays(kind, await input(target));
      expect(viaApi.status).toBe(403);
      expect(viaApi.body).toStrictEqual(errorBody("forbidden"));
      expect(viaApi.body.error.message).toMatch(/advanced RA agent or RA manager/);
      expect(viaAction).toEqual({ ok: false, status: 403, code: "forbidden", message: expect.stringMatching(/advanced RA agent or RA manager/) });
    },
  );
});

describe("control", () => {
  it.each(targets.map((t) => ({ ...t, email: t.kind.startsWith("role.") ? "agent@ra.example" : "advanced@ra.example" })))(
    "$email may make $kind",
    async ({ kind, email, ...target }) => {
      await signInAs(email);
      const eventsBefore = await db.auditEvent.count();
      const { status } = await apiChange(kind, await input(target));
      expect(status).toBe(200);
      expect(await db.auditEvent.count()).toBe(eventsBefore + 1);
    },
  );
});

import { describe, expect, it } from "vitest";
import { consoleRoleNames, decide, managesWorkgroups, type ChangeSubject, type ConsoleActor, type ConsoleRole, type Permission } from "@/lib/auth/rules";
import { sessionIsLive, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "@/lib/auth/session-policy";

const agent: ConsoleActor = { id: 1, email: "a@x", name: "A", role: "ra_agent", odsCodes: ["A81001", "H82065"], ownSmartcardId: "555500000001" };
const manager: ConsoleActor = { ...agent, id: 2, role: "ra_manager", ownSmartcardId: null };
const auditor: ConsoleActor = { ...agent, id: 3, role: "auditor", odsCodes: [], ownSmartcardId: null };
const advanced: ConsoleActor = { ...agent, id: 4, role: "advanced_ra_agent", ownSmartcardId: "555500000004" };

const change = (smartcardId: string, odsCode: string, subject: ChangeSubject = "role"): Permission => ({ kind: "person:change", smartcardId, odsCode, subject });
const ask = (smartcardId: string, odsCode: string): Permission => ({ kind: "change:ask", smartcardId, odsCode });
const decideOn = (smartcardId: string, odsCode: string, proposedById: number): Permission => ({ kind: "change:decide", smartcardId, odsCode, proposedById });

describe("decide", () => {
  it.each([
    ["agent reads a person", agent, { kind: "person:read" }, true],
    ["auditor reads a person", auditor, { kind: "person:read" }, true],
    ["agent reads the change log", agent, { kind: "audit:read" }, false],
    ["manager reads the change log", manager, { kind: "audit:read" }, true],
    ["auditor reads the change log", auditor, { kind: "audit:read" }, true],
    ["agent may change something", agent, { kind: "person:change-any" }, true],
    ["auditor may change nothing", auditor, { kind: "person:change-any" }, false],
    ["agent changes someone at an organisation they act for", agent, change("555500000002", "A81001"), true],
    ["agent changes someone at another organisation", agent, change("555500000002", "A81002"), false],
    ["agent changes their own profile", agent, change("555500000001", "A81001"), false],
    ["manager changes someone in scope", manager, change("555500000002", "H82065"), true],
    ["manager out of scope", manager, change("555500000002", "RYR"), false],
    ["auditor changes someone", auditor, change("555500000002", "A81001"), false],
    ["advanced agent may change something", advanced, { kind: "person:change-any" }, true],
    ["advanced agent does not read the change log", advanced, { kind: "audit:read" }, false],
    ["manager sees the dashboard", manager, { kind: "dashboard:read" }, true],
    ["auditor sees the dashboard", auditor, { kind: "dashboard:read" }, true],
    ["agent does not see the dashboard", agent, { kind: "dashboard:read" }, false],
    ["advanced agent does not see the dashboard", advanced, { kind: "dashboard:read" }, false],
    ["advanced agent does not edit the catalogue", advanced, { kind: "reference:change" }, false],
    ["advanced agent does not manage users", advanced, { kind: "users:manage" }, false],
    ["advanced agent creates a request from an email", advanced, { kind: "request:create" }, true],
  ] as const)("%s", (_name, actor, permission, allowed) => {
    expect(decide(actor, permission as Permission).allowed).toBe(allowed);
  });

  it("says why a change is refused", () => {
    const own = decide(agent, change("555500000001", "A81001"));
    expect(own).toEqual({ allowed: false, reason: expect.stringContaining("your own") });
    const scope = decide(agent, change("555500000002", "RYR"));
    expect(scope).toEqual({ allowed: false, reason: expect.stringContaining("RYR") });
  });
});

describe("decide for role and workgroup changes", () => {
  const someone = "555500000002";
  const actors: Record<ConsoleRole, ConsoleActor> = { ra_agent: agent, advanced_ra_agent: advanced, ra_manager: { ...manager, ownSmartcardId: "555500000003" }, auditor };
  // [console role, what the change touches, allowed for someone else at an organisation the actor acts for]
  const expected: [ConsoleRole, ChangeSubject, boolean][] = [
    ["ra_agent", "role", true],
    ["ra_agent", "workgroup", false],
    ["advanced_ra_agent", "role", true],
    ["advanced_ra_agent", "workgroup", true],
    ["ra_manager", "role", true],
    ["ra_manager", "workgroup", true],
    ["auditor", "role", false],
    ["auditor", "workgroup", false],
  ];

  it.each(expected)("%s changes a %s in scope: %s", (role, subject, allowed) => {
    expect(decide(actors[role], change(someone, "A81001", subject)).allowed).toBe(allowed);
  });

  it.each(expected)("%s changes a %s out of scope: never", (role, subject) => {
    expect(decide(actors[role], change(someone, "RYR", subject)).allowed).toBe(false);
  });

  it.each(expected.filter(([role]) => role !== "auditor"))("%s changes a %s on their own profile: never", (role, subject) => {
    const actor = actors[role];
    expect(decide(actor, change(actor.ownSmartcardId!, "A81001", subject))).toEqual({ allowed: false, reason: expect.stringContaining("your own") });
  });

  it("an RA agent refused a workgroup is told to ask for it", () => {
    expect(decide(agent, change(someone, "A81001", "workgroup"))).toEqual({ allowed: false, reason: expect.stringContaining("ask for this") });
  });

  it("scope and own profile are checked before the subject, so the reason is the real one", () => {
    expect(decide(agent, change(someone, "RYR", "workgroup"))).toEqual({ allowed: false, reason: expect.stringContaining("RYR") });
    expect(decide(agent, change(agent.ownSmartcardId!, "A81001", "workgroup"))).toEqual({ allowed: false, reason: expect.stringContaining("your own") });
  });

  it("only managers and advanced agents manage workgroups", () => {
    expect((Object.keys(consoleRoleNames) as ConsoleRole[]).filter((r) => managesWorkgroups(actors[r]))).toEqual(["advanced_ra_agent", "ra_manager"]);
    expect(consoleRoleNames.advanced_ra_agent).toBe("Advanced RA agent");
  });
});

describe("decide for asking and deciding on a change", () => {
  const someone = "555500000002";
  const otherManager: ConsoleActor = { ...manager, id: 5 };
  it.each([
    ["agent asks for a change in scope", agent, ask(someone, "A81001"), true],
    ["agent asks out of scope", agent, ask(someone, "RYR"), false],
    ["agent asks for a change to their own profile", agent, ask(agent.ownSmartcardId!, "A81001"), false],
    ["advanced agent asks: they can do it themselves", advanced, ask(someone, "A81001"), false],
    ["manager asks: they can do it themselves", manager, ask(someone, "A81001"), false],
    ["auditor asks", auditor, ask(someone, "A81001"), false],

    ["manager decides on an agent's ask", manager, decideOn(someone, "A81001", agent.id), true],
    ["advanced agent decides on an agent's ask", advanced, decideOn(someone, "H82065", agent.id), true],
    ["another manager decides on a manager's ask", otherManager, decideOn(someone, "A81001", manager.id), true],
    ["the proposer decides on their own ask", manager, decideOn(someone, "A81001", manager.id), false],
    ["an advanced agent decides on their own ask", advanced, decideOn(someone, "A81001", advanced.id), false],
    ["an agent decides", agent, decideOn(someone, "A81001", manager.id), false],
    ["an auditor decides", auditor, decideOn(someone, "A81001", agent.id), false],
    ["a manager decides out of scope", manager, decideOn(someone, "RYR", agent.id), false],
    ["an advanced agent decides on their own profile", advanced, decideOn(advanced.ownSmartcardId!, "A81001", agent.id), false],
    ["a manager decides on their own profile", { ...manager, ownSmartcardId: someone }, decideOn(someone, "A81001", agent.id), false],
  ] as const)("%s", (_name, actor, permission, allowed) => {
    expect(decide(actor, permission as Permission).allowed).toBe(allowed);
  });

  it("says why", () => {
    expect(decide(manager, ask(someone, "A81001"))).toEqual({ allowed: false, reason: "You can make this change yourself." });
    expect(decide(manager, decideOn(someone, "A81001", manager.id))).toEqual({ allowed: false, reason: expect.stringContaining("other than the person who asked") });
    expect(decide(agent, decideOn(someone, "A81001", manager.id))).toEqual({ allowed: false, reason: expect.stringContaining("Only advanced RA agents and RA managers") });
    expect(decide(manager, decideOn(someone, "RYR", agent.id))).toEqual({ allowed: false, reason: expect.stringContaining("RYR") });
  });
});

describe("sessionIsLive", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it.each([
    ["fresh", { createdAt: ago(1000), lastSeenAt: ago(1000), endedAt: null }, true],
    ["idle just under the limit", { createdAt: ago(SESSION_IDLE_MS), lastSeenAt: ago(SESSION_IDLE_MS - 1), endedAt: null }, true],
    ["idle too long", { createdAt: ago(SESSION_IDLE_MS + 2), lastSeenAt: ago(SESSION_IDLE_MS + 1), endedAt: null }, false],
    ["active but past the absolute limit", { createdAt: ago(SESSION_ABSOLUTE_MS + 1), lastSeenAt: ago(1000), endedAt: null }, false],
    ["signed out", { createdAt: ago(1000), lastSeenAt: ago(1000), endedAt: ago(500) }, false],
  ])("%s", (_name, session, live) => {
    expect(sessionIsLive(session, now)).toBe(live);
  });
});

describe("decide for requests", () => {
  it.each([
    ["agent reads a request for their organisation", agent, { kind: "request:read", odsCode: "A81001" }, true],
    ["agent reads a request naming no organisation", agent, { kind: "request:read", odsCode: null }, true],
    ["agent reads a request for another organisation", agent, { kind: "request:read", odsCode: "RYR" }, false],
    ["auditor reads any request", auditor, { kind: "request:read", odsCode: "RYR" }, true],
    ["auditor changes a request", auditor, { kind: "request:change", odsCode: null }, false],
    ["agent changes a request in scope", agent, { kind: "request:change", odsCode: "H82065" }, true],
    ["agent changes a request out of scope", agent, { kind: "request:change", odsCode: "A81002" }, false],
    ["auditor creates a request from an email", auditor, { kind: "request:create" }, false],
    ["manager creates a request from an email", manager, { kind: "request:create" }, true],
    ["auditor opens the inbox", auditor, { kind: "request:inbox" }, true],
  ] as const)("%s", (_name, actor, permission, allowed) => {
    expect(decide(actor, permission as Permission).allowed).toBe(allowed);
  });
});

describe("decide for creating an organisation's workgroup", () => {
  const create = (odsCode: string): Permission => ({ kind: "organisation:create-workgroup", odsCode });
  it.each([
    ["RA manager, organisation they act for", manager, "A81001", true],
    ["advanced RA agent, organisation they act for", advanced, "H82065", true],
    ["RA manager, organisation they do not act for", manager, "RYR", false],
    ["advanced RA agent, organisation they do not act for", advanced, "RYR", false],
    ["RA agent, even where they act", agent, "A81001", false],
    ["auditor", auditor, "A81001", false],
  ] as const)("%s: allowed is %s", (_name, actor, odsCode, allowed) => {
    expect(decide(actor, create(odsCode)).allowed).toBe(allowed);
  });

  it("says why", () => {
    expect(decide(agent, create("A81001"))).toEqual({ allowed: false, reason: expect.stringContaining("advanced RA agents and RA managers") });
    expect(decide(manager, create("RYR"))).toEqual({ allowed: false, reason: expect.stringContaining("You do not act for RYR") });
  });
});

describe("decide for console users and reference data", () => {
  const change = (targetRole: "ra_agent" | "ra_manager" | "auditor", newRole: "ra_agent" | "ra_manager" | "auditor", odsCodes: string[], targetId = 9): Permission => ({
    kind: "users:change",
    target: { id: targetId, role: targetRole },
    newRole,
    odsCodes,
  });
  it.each([
    ["manager edits the catalogue", manager, { kind: "reference:change" }, true],
    ["agent edits the catalogue", agent, { kind: "reference:change" }, false],
    ["auditor manages users", auditor, { kind: "users:manage" }, false],
    ["manager gives an agent organisations they act for", manager, change("ra_agent", "ra_agent", ["A81001"]), true],
    ["manager turns an agent into an auditor", manager, change("ra_agent", "auditor", []), true],
    ["manager gives an organisation they do not act for", manager, change("ra_agent", "ra_agent", ["RYR"]), false],
    ["manager promotes someone to manager", manager, change("ra_agent", "ra_manager", []), false],
    ["manager changes another manager", manager, change("ra_manager", "ra_agent", []), false],
    ["manager changes their own account", manager, change("ra_agent", "ra_agent", [], manager.id), false],
    ["agent changes a user", agent, change("auditor", "auditor", []), false],
  ] as const)("%s", (_name, actor, permission, allowed) => {
    expect(decide(actor, permission as Permission).allowed).toBe(allowed);
  });
});

describe("decide for bulk changes", () => {
  it.each([
    ["RA manager", manager, true],
    ["advanced RA agent", advanced, true],
    ["RA agent", agent, false],
    ["auditor", auditor, false],
  ] as const)("%s: bulk changes allowed is %s", (_name, actor, allowed) => {
    expect(decide(actor, { kind: "bulk:run" }).allowed).toBe(allowed);
  });

  it("says who may make them", () => {
    expect(decide(agent, { kind: "bulk:run" })).toEqual({ allowed: false, reason: "Only advanced RA agents and RA managers make bulk changes." });
  });

  it("each row is still checked as one change: a bulk runner keeps their scope and never changes their own profile", () => {
    expect(decide(manager, change("555500000002", "RYR", "workgroup")).allowed).toBe(false);
    expect(decide(advanced, change("555500000004", "A81001")).allowed).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { decide, type ConsoleActor, type Permission } from "@/lib/auth/rules";
import { sessionIsLive, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "@/lib/auth/session-policy";

const agent: ConsoleActor = { id: 1, email: "a@x", name: "A", role: "ra_agent", odsCodes: ["A81001", "H82065"], ownSmartcardId: "555500000001" };
const manager: ConsoleActor = { ...agent, id: 2, role: "ra_manager", ownSmartcardId: null };
const auditor: ConsoleActor = { ...agent, id: 3, role: "auditor", odsCodes: [], ownSmartcardId: null };

const change = (smartcardId: string, odsCode: string): Permission => ({ kind: "person:change", smartcardId, odsCode });

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

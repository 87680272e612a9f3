// Pure authorisation rules: who may do what to whom. Tested exhaustively in tests/unit/auth-rules.test.ts.
export type ConsoleRole = "ra_agent" | "advanced_ra_agent" | "ra_manager" | "auditor";

export const consoleRoleNames: Record<ConsoleRole, string> = {
  ra_agent: "RA agent",
  advanced_ra_agent: "Advanced RA agent",
  ra_manager: "RA manager",
  auditor: "Auditor",
};

/** What a change touches: in Care Identity Management only RA managers and advanced RA agents manage workgroups. */
export type ChangeSubject = "role" | "workgroup";

export type ConsoleActor = {
  id: number;
  email: string;
  name: string;
  role: ConsoleRole;
  /** ODS codes of the organisations this user acts for, read from the database on every request. */
  odsCodes: string[];
  /** The user's own Care Identity profile, if linked. */
  ownSmartcardId: string | null;
};

export type Permission =
  | { kind: "person:read" }
  | { kind: "person:change-any" }
  | { kind: "person:change"; smartcardId: string; odsCode: string; subject: ChangeSubject }
  // An RA agent asks for a workgroup change they may not make; an RA manager or advanced RA agent decides.
  | { kind: "change:ask"; smartcardId: string; odsCode: string }
  | { kind: "change:queue" }
  | { kind: "review:work" }
  // Creating an organisation's cervicalscreening workgroup, which CSMS access there needs before anyone is added.
  | { kind: "organisation:create-workgroup"; odsCode: string }
  // Changes from a CSV file: every row is still checked as a single change would be.
  | { kind: "bulk:run" }
  | { kind: "change:decide"; smartcardId: string; odsCode: string; proposedById: number }
  | { kind: "audit:read" }
  // Service figures for the organisations the actor answers for (auditors: every organisation).
  | { kind: "dashboard:read" }
  | { kind: "request:inbox" }
  | { kind: "request:create" }
  // `unrouted`: no RA officer in the console acts for the request's organisation (RA managers route those).
  | { kind: "request:read"; odsCode: string | null; unrouted?: boolean }
  | { kind: "request:change"; odsCode: string | null; unrouted?: boolean }
  | { kind: "outbox:read" }
  | { kind: "reference:change" }
  | { kind: "users:manage" }
  | { kind: "users:change"; target: { id: number; role: ConsoleRole }; newRole: ConsoleRole; odsCodes: string[] };

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };

export function decide(actor: ConsoleActor, permission: Permission): Decision {
  switch (permission.kind) {
    case "person:read":
      return allow;
    case "audit:read":
      return actor.role === "auditor" || actor.role === "ra_manager"
        ? allow
        : { allowed: false, reason: "Only auditors and RA managers can read the change log." };
    case "dashboard:read":
      return actor.role === "auditor" || actor.role === "ra_manager"
        ? allow
        : { allowed: false, reason: "Only RA managers and auditors can see the dashboard." };
    case "request:inbox":
      return allow;
    case "request:create":
      return canChangeAnything(actor) ? allow : { allowed: false, reason: "Auditors can read requests but not create them." };
    case "request:read":
      if (actor.role === "auditor") return allow;
      return inRequestScope(actor, permission.odsCode, permission.unrouted);
    case "request:change":
      if (actor.role === "auditor") return { allowed: false, reason: "Auditors can read requests but not change them." };
      return inRequestScope(actor, permission.odsCode, permission.unrouted);
    case "outbox:read":
      return actor.role === "ra_manager" ? allow : { allowed: false, reason: "Only RA managers can see the outbox." };
    case "reference:change":
    case "users:manage":
      return actor.role === "ra_manager" ? allow : { allowed: false, reason: "Only RA managers can do this." };
    case "users:change":
      return decideUserChange(actor, permission);
    case "person:change-any":
      return canChangeAnything(actor) ? allow : { allowed: false, reason: "Auditors can read but not change profiles." };
    case "person:change": {
      const scope = inPersonScope(actor, permission.smartcardId, permission.odsCode);
      if (!scope.allowed || permission.subject === "role") return scope;
      return managesWorkgroups(actor)
        ? allow
        : { allowed: false, reason: "Workgroup changes need an advanced RA agent or RA manager: use \"ask for this\" to send it to them." };
    }
    case "change:queue":
      return managesWorkgroups(actor) ? allow : { allowed: false, reason: "Only advanced RA agents and RA managers approve changes." };
    case "review:work":
      return managesWorkgroups(actor) ? allow : { allowed: false, reason: "Only advanced RA agents and RA managers run access reviews." };
    case "bulk:run":
      return managesWorkgroups(actor) ? allow : { allowed: false, reason: "Only advanced RA agents and RA managers make bulk changes." };
    case "organisation:create-workgroup":
      if (!managesWorkgroups(actor)) return { allowed: false, reason: "Only advanced RA agents and RA managers create an organisation's workgroup." };
      return actor.odsCodes.includes(permission.odsCode)
        ? allow
        : { allowed: false, reason: `You do not act for ${permission.odsCode}: ask that organisation's registration authority.` };
    case "change:ask": {
      const scope = inPersonScope(actor, permission.smartcardId, permission.odsCode);
      if (!scope.allowed) return scope;
      return managesWorkgroups(actor) ? { allowed: false, reason: "You can make this change yourself." } : allow;
    }
    case "change:decide": {
      const scope = inPersonScope(actor, permission.smartcardId, permission.odsCode);
      if (!scope.allowed) return scope;
      if (!managesWorkgroups(actor)) return { allowed: false, reason: "Only advanced RA agents and RA managers can decide on asked-for changes." };
      if (permission.proposedById === actor.id) return { allowed: false, reason: "Someone other than the person who asked must decide." };
      return allow;
    }
  }
}

function inPersonScope(actor: ConsoleActor, smartcardId: string, odsCode: string): Decision {
  if (actor.role === "auditor") return { allowed: false, reason: "Auditors can read but not change profiles." };
  if (actor.ownSmartcardId === smartcardId) {
    return { allowed: false, reason: "You cannot change your own Care Identity profile: ask another RA officer." };
  }
  if (!actor.odsCodes.includes(odsCode)) {
    return { allowed: false, reason: `You do not act for ${odsCode}: ask that organisation's registration authority.` };
  }
  return allow;
}

export function managesWorkgroups(actor: ConsoleActor): boolean {
  return actor.role === "ra_manager" || actor.role === "advanced_ra_agent";
}

// RA managers manage RA agents and auditors, never themselves or another manager, and give out
// only organisations they act for themselves.
function decideUserChange(actor: ConsoleActor, change: Extract<Permission, { kind: "users:change" }>): Decision {
  if (actor.role !== "ra_manager") return { allowed: false, reason: "Only RA managers can manage console users." };
  if (change.target.id === actor.id) return { allowed: false, reason: "You cannot change your own console account: ask another RA manager." };
  if (change.target.role === "ra_manager" || change.newRole === "ra_manager") {
    return { allowed: false, reason: "RA manager accounts are managed by the service's administrators, not in the console." };
  }
  const outside = change.odsCodes.filter((code) => !actor.odsCodes.includes(code));
  if (outside.length > 0) return { allowed: false, reason: `You do not act for ${outside.join(", ")}, so you cannot give it to someone else.` };
  return allow;
}

// A request naming no organisation is open to every RA officer, so that someone can route it; one for an
// organisation nobody in the console acts for is open to RA managers, who route it.
function inRequestScope(actor: ConsoleActor, odsCode: string | null, unrouted = false): Decision {
  if (odsCode === null || actor.odsCodes.includes(odsCode)) return allow;
  if (unrouted && actor.role === "ra_manager") return allow;
  return { allowed: false, reason: `This request is for ${odsCode}, which you do not act for.` };
}

export function canChangeAnything(actor: ConsoleActor): boolean {
  return actor.role !== "auditor";
}

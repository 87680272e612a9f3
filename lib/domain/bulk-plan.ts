// What each row of a bulk file would do, in file order: rows about the same person see the rows before them.
// Pure: the caller loads the facts (profiles, organisations, catalogue) and says what the officer may change.
import type { BulkChange, BulkRow } from "./bulk-csv";
import { NO_ORG_WORKGROUP_FIELD } from "./fix";
import { igWarnings, type Grant } from "./ig-guard";
import { formatSmartcardId } from "./smartcard";
import { csmsVerdict, type VerdictInput } from "./verdict";

export type BulkPerson = { name: string; verdictInput: VerdictInput; consoleUser: boolean };
export type BulkFacts = {
  people: Map<string, BulkPerson>;
  organisations: Set<string>;
  jobRoles: Map<string, { name: string; csmsAccess: boolean }>;
  /** Why the officer may not make this change (scope, own profile, workgroup rights), or null. */
  refusal: (change: BulkChange) => string | null;
};

/** `change`: would change (dry run); `applied`: changed. Rows with any other status change nothing. */
export type BulkStatus = "change" | "applied" | "no_change" | "warning" | "needs_approval" | "error";
export type VerdictSummary = { canLogIn: boolean; error: string | null; selectable: { odsCode: string; roleCode: string }[]; coveredOdsCodes: string[] };
export type BulkOutcome = { line: number; status: BulkStatus; problems: string[]; before: VerdictSummary | null; after: VerdictSummary | null };

export function verdictSummary(input: VerdictInput): VerdictSummary {
  const { canLogIn, error, selectable, coveredOdsCodes } = csmsVerdict(input);
  return { canLogIn, error, selectable, coveredOdsCodes };
}

/** The change in words, for the table and the annotated file. */
export function describeChange(change: BulkChange, roleName?: string): string {
  const what = change.roleCode ? `${change.roleCode}${roleName ? ` (${roleName})` : ""}` : "the cervicalscreening workgroup";
  const add = change.kind.endsWith(".add");
  return `${add ? "Add" : "Remove"} ${what} ${add ? "at" : "from"} ${change.odsCode}${change.endDate ? `, ending ${change.endDate}` : ""}`;
}

export function grantOfChange(change: BulkChange): Grant | null {
  if (change.kind === "role.add") return { kind: "add_role", odsCode: change.odsCode, roleCode: change.roleCode! };
  if (change.kind === "workgroup.add") return { kind: "add_workgroup", odsCode: change.odsCode };
  return null;
}

/** The person's facts with the change made. */
export function applyChange(input: VerdictInput, change: BulkChange): VerdictInput {
  return {
    ...input,
    positions: input.positions.map((p) => {
      if (p.odsCode !== change.odsCode) return p;
      switch (change.kind) {
        case "role.add":
          return { ...p, roles: [...p.roles, change.roleCode!] };
        case "role.remove":
          return { ...p, roles: p.roles.filter((code) => code !== change.roleCode) };
        case "workgroup.add":
          return { ...p, cervicalScreeningWorkgroup: true };
        case "workgroup.remove":
          return { ...p, cervicalScreeningWorkgroup: false };
      }
    }),
  };
}

const errorRow = (line: number, problems: string[], before: VerdictSummary | null = null): BulkOutcome => ({ line, status: "error", problems, before, after: before });

/**
 * One row against the facts as earlier rows left them. Returns the outcome and, when the row would change
 * something, the person's facts afterwards.
 */
export function planRow(row: BulkRow, facts: BulkFacts, state: Map<string, VerdictInput>): { outcome: BulkOutcome; next?: VerdictInput } {
  const { line, change } = row;
  if (!change) return { outcome: errorRow(line, row.problems) };
  const person = facts.people.get(change.smartcardId);
  const current = person ? (state.get(change.smartcardId) ?? person.verdictInput) : undefined;
  const before = current ? verdictSummary(current) : null;
  const problems: string[] = [];
  if (!person) problems.push(`No Care Identity profile with smartcard ID ${formatSmartcardId(change.smartcardId)}.`);
  if (!facts.organisations.has(change.odsCode)) problems.push(`No organisation with ODS code ${change.odsCode} is known to the console.`);
  else {
    const refused = facts.refusal(change);
    if (refused) problems.push(refused);
  }
  const role = change.roleCode ? facts.jobRoles.get(change.roleCode) : undefined;
  if (change.kind === "role.add" && !role) problems.push(`${change.roleCode} is not in the job role catalogue.`);
  else if (change.kind === "role.add" && !role!.csmsAccess) problems.push(`${change.roleCode} (${role!.name}) is not a CSMS job role: CSMS would still refuse this person.`);
  const position = current?.positions.find((p) => p.odsCode === change.odsCode);
  if (person && current && facts.organisations.has(change.odsCode) && !position) problems.push(`${person.name} has no position at ${change.odsCode}.`);
  // As for a single change: nobody is added to a workgroup the organisation does not have (held already is no change).
  if (change.kind === "workgroup.add" && position && !position.cervicalScreeningWorkgroup && !position.orgHasWorkgroup) problems.push(NO_ORG_WORKGROUP_FIELD);
  if (problems.length > 0 || !person || !current || !position) return { outcome: errorRow(line, problems, before) };

  const held = change.roleCode ? position.roles.includes(change.roleCode) : position.cervicalScreeningWorkgroup;
  const adding = change.kind.endsWith(".add");
  if (held === adding) {
    const what = change.roleCode ?? "The cervicalscreening workgroup";
    const note = adding ? `${what} is already held at ${change.odsCode}: nothing to do.` : `${what} is not held at ${change.odsCode}: nothing to do.`;
    return { outcome: { line, status: "no_change", problems: [note], before, after: before } };
  }
  const grant = grantOfChange(change);
  const warnings = grant ? igWarnings(current, grant).map((w) => w.message) : [];
  if (warnings.length > 0) return { outcome: { line, status: "warning", problems: warnings, before, after: before } };
  if (person.consoleUser) {
    const why = `${person.name} is a console user: a change to their profile needs a second person, so make it from their profile.`;
    return { outcome: { line, status: "needs_approval", problems: [why], before, after: before } };
  }
  const next = applyChange(current, change);
  return { outcome: { line, status: "change", problems: [], before, after: verdictSummary(next) }, next };
}

/** Every row in file order; the catalogue decides which codes CSMS accepts, for roles added along the way too. */
export function planBulk(rows: BulkRow[], facts: BulkFacts): BulkOutcome[] {
  const isCsmsRole = (code: string) => facts.jobRoles.get(code)?.csmsAccess ?? false;
  const state = new Map<string, VerdictInput>();
  for (const [id, person] of facts.people) state.set(id, { ...person.verdictInput, isCsmsRole });
  return rows.map((row) => {
    const { outcome, next } = planRow(row, facts, state);
    if (next && row.change) state.set(row.change.smartcardId, next);
    return outcome;
  });
}

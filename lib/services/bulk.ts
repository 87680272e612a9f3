import "server-only";
import { randomUUID } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import { decide, type ConsoleActor } from "@/lib/auth/rules";
import { loadBulkFacts, loadBulkPerson } from "@/lib/data/bulk";
import { BULK_COLUMNS, parseBulkCsv, type BulkChange, type BulkRow } from "@/lib/domain/bulk-csv";
import { describeChange, planBulk, planRow, type BulkFacts, type BulkOutcome } from "@/lib/domain/bulk-plan";
import type { PersonProfile } from "@/lib/data/people";
import { badInput, toProblem } from "@/lib/errors";
import { changePersonAs } from "./person-changes";

/** A row as the page shows it: the API's outcome, plus the cells from the file and the change in words. */
export type BulkRowView = BulkOutcome & { cells: BulkRow["cells"]; summary: string };

/** Reads a whole file, or refuses it (400) with the reason; a bad row is not a bad file. */
export function readBulkFile(text: string, now = new Date()): BulkRow[] {
  const file = parseBulkCsv(text, now);
  if (!file.ok) throw badInput(file.message, { file: file.message });
  return file.rows;
}

// Scope, own profile and workgroup rights, as for one change: the pure rules, so a dry run writes nothing.
const refusalFor = (actor: ConsoleActor) => (change: BulkChange) => {
  const subject = change.kind.startsWith("role.") ? "role" : "workgroup";
  const decision = decide(actor, { kind: "person:change", smartcardId: change.smartcardId, odsCode: change.odsCode, subject });
  return decision.allowed ? null : decision.reason;
};

/** The dry run: every row's verdict before and after and every problem, rows about one person in file order. */
export async function dryRunBulk(actor: ConsoleActor, rows: BulkRow[]): Promise<BulkRowView[]> {
  const changes = rows.flatMap((r) => (r.change ? [r.change] : []));
  const loaded = await loadBulkFacts(changes.map((c) => c.smartcardId), changes.map((c) => c.odsCode));
  const facts: BulkFacts = { ...loaded, refusal: refusalFor(actor) };
  return planBulk(rows, facts).map((outcome, i) => view(outcome, rows[i]!, facts));
}

function view(outcome: BulkOutcome, row: BulkRow, facts: Pick<BulkFacts, "jobRoles">): BulkRowView {
  const summary = row.change ? describeChange(row.change, row.change.roleCode ? facts.jobRoles.get(row.change.roleCode)?.name : undefined) : "";
  return { ...outcome, cells: row.cells, summary };
}

export const newBatchId = () => randomUUID();

/**
 * Applies rows in file order, each through the same audited path as a single change, each in its own
 * transaction: a row that fails leaves nothing of itself behind and the next row goes on. Every row is checked
 * again against the person as they are now, so a file applied twice changes nothing the second time.
 */
export async function applyBulk(actor: ConsoleActor, rows: BulkRow[], batch: { id: string; file?: string }): Promise<BulkRowView[]> {
  const changes = rows.flatMap((r) => (r.change ? [r.change] : []));
  const reference = await loadBulkFacts([], changes.map((c) => c.odsCode));
  const refusal = refusalFor(actor);
  const done: BulkRowView[] = [];
  for (const row of rows) {
    const loaded = row.change ? await loadBulkPerson(row.change.smartcardId) : null;
    const facts: BulkFacts = { ...reference, people: new Map(loaded && row.change ? [[row.change.smartcardId, loaded.person]] : []), refusal };
    const { outcome } = planRow(row, facts, new Map());
    done.push(view(outcome.status === "change" ? await applyRow(actor, row, outcome, loaded!.profile, batch) : outcome, row, facts));
  }
  return done;
}

async function applyRow(actor: ConsoleActor, row: BulkRow, planned: BulkOutcome, profile: PersonProfile, batch: { id: string; file?: string }): Promise<BulkOutcome> {
  const change = row.change!;
  const input = { smartcardId: change.smartcardId, odsCode: change.odsCode, roleCode: change.roleCode, reason: change.reason, endDate: change.endDate, version: profile.version };
  try {
    const outcome = await changePersonAs(actor, change.kind, input, { profile, batch: { id: batch.id, line: row.line, ...(batch.file ? { file: batch.file } : {}) } });
    if (outcome.needsApproval) return { ...planned, status: "needs_approval", problems: [outcome.message], after: planned.before };
    // The planned "after" is the person's facts with exactly this change made, which is what was committed.
    return { ...planned, status: "applied" };
  } catch (error) {
    const problem = toProblem(error);
    if (problem?.code === "ig_warning") return { ...planned, status: "warning", problems: problem.warnings ?? [problem.message], after: planned.before };
    if (problem) return { ...planned, status: "error", problems: [problem.message, ...Object.values(problem.fields ?? {})], after: planned.before };
    console.error(`Bulk change failed at line ${row.line}`, error);
    return { ...planned, status: "error", problems: ["Something went wrong on our side; this row was not changed."], after: planned.before };
  }
}

/** The API's row: exactly the contract's fields. */
export const apiRow = ({ line, status, problems, before, after }: BulkOutcome): BulkOutcome => ({ line, status, problems, before, after });

// Spreadsheet programs run cells that start with these as formulas; a leading apostrophe keeps them text.
const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The input columns plus what the run found, for the officer to fix and upload again. */
export function annotatedCsv(rows: BulkRowView[]): string {
  const header = ["line", ...BULK_COLUMNS, "change", "status", "problems"];
  const records = rows.map((r) => [String(r.line), ...BULK_COLUMNS.map((c) => r.cells[c]), r.summary, r.status, r.problems.join(" ")].map(inert));
  return stringify([header, ...records]);
}

import "server-only";
import { randomUUID } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import { decide, type ConsoleActor } from "@/lib/auth/rules";
import { checkpointAfterBatch } from "@/lib/data/audited";
import { loadBulkFacts, loadBulkPerson } from "@/lib/data/bulk";
import { inertCell, textCell } from "@/lib/domain/csv-cells";
import { BULK_COLUMNS, parseBulkCsv, type BulkChange, type BulkRow } from "@/lib/domain/bulk-csv";
import { describeChange, planBulk, planRow, type BulkFacts, type BulkOutcome } from "@/lib/domain/bulk-plan";
import type { VerdictInput } from "@/lib/domain/verdict";
import { badInput, toProblem } from "@/lib/errors";
import { parseInput } from "@/lib/validations/parse";
import { changes as changeKinds, type ParsedChange } from "./person-change-core";

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
 * Applies rows in file order, each through the same audited data function as a single change, each in its own
 * transaction: a row that fails leaves nothing of itself behind and the next row goes on. The people, the
 * organisations and the catalogue are read once; each row is planned against them as the rows before it left
 * them (the same plan as the dry run: scope, IG warnings, console users), and its transaction claims the
 * person's version and checks the change again, so a file applied twice changes nothing the second time.
 */
export async function applyBulk(actor: ConsoleActor, rows: BulkRow[], batch: { id: string; file?: string }): Promise<BulkRowView[]> {
  const changes = rows.flatMap((r) => (r.change ? [r.change] : []));
  const { versions, ...loaded } = await loadBulkFacts(changes.map((c) => c.smartcardId), changes.map((c) => c.odsCode));
  const facts: BulkFacts = { ...loaded, refusal: refusalFor(actor) };
  const isCsmsRole = (code: string) => facts.jobRoles.get(code)?.csmsAccess ?? false;
  const state = new Map<string, VerdictInput>();
  for (const [id, person] of facts.people) state.set(id, { ...person.verdictInput, isCsmsRole });
  // Someone else changed the person since they were read (or a grant of theirs lapsed): read them again.
  const reread = async (smartcardId: string) => {
    const fresh = await loadBulkPerson(smartcardId);
    if (!fresh) return void (facts.people.delete(smartcardId), state.delete(smartcardId));
    facts.people.set(smartcardId, fresh.person);
    state.set(smartcardId, { ...fresh.person.verdictInput, isCsmsRole });
    versions.set(smartcardId, fresh.profile.version);
  };
  const done: BulkRowView[] = [];
  try {
    for (const row of rows) {
      let outcome = await applyPlanned(actor, row, facts, state, versions, batch);
      if (outcome === "stale") {
        await reread(row.change!.smartcardId);
        outcome = await applyPlanned(actor, row, facts, state, versions, batch);
      }
      if (outcome === "stale") {
        const { before } = planRow(row, facts, state).outcome;
        outcome = { line: row.line, status: "error", problems: [STILL_CHANGING], before, after: before };
      }
      done.push(view(outcome, row, facts));
    }
  } finally {
    await checkpointAfterBatch();
  }
  return done;
}

type Versions = Map<string, number>;

// Read again and still changed by someone else before this row could claim it: nothing of the row was written.
const STILL_CHANGING = "This person's profile changed twice while the file was applied; this row was not changed: check the file again.";

/** Plans one row against the people as the earlier rows left them and, when it would change something, makes the change. */
async function applyPlanned(actor: ConsoleActor, row: BulkRow, facts: BulkFacts, state: Map<string, VerdictInput>, versions: Versions, batch: { id: string; file?: string }): Promise<BulkOutcome | "stale"> {
  const { outcome: planned, next } = planRow(row, facts, state);
  if (planned.status !== "change" || !next) return planned;
  const change = row.change!;
  const { schema, run } = changeKinds[change.kind];
  const version = versions.get(change.smartcardId)!;
  const input = { smartcardId: change.smartcardId, odsCode: change.odsCode, roleCode: change.roleCode, reason: change.reason, endDate: change.endDate, version };
  try {
    // The same input checks as a single change (the file's cells were checked once already).
    const parsed = parseInput(schema, input) as ParsedChange & { endDate?: Date };
    const safeguards = { batch: { id: batch.id, line: row.line, ...(batch.file ? { file: batch.file } : {}) } };
    // The facts this row was planned on, at `version`: the transaction's IG guard re-checks them once it has claimed it.
    const plannedFacts = state.get(change.smartcardId);
    await run(actor, { ...parsed, endsAt: parsed.endDate ?? null, safeguards, plannedFacts }, { deferCheckpoint: true });
    state.set(change.smartcardId, next);
    versions.set(change.smartcardId, version + 1);
    // The planned "after" is the person's facts with exactly this change made, which is what was committed.
    return { ...planned, status: "applied" };
  } catch (error) {
    const problem = toProblem(error);
    if (problem?.code === "version_conflict") return "stale";
    if (problem?.code === "ig_warning") return { ...planned, status: "warning", problems: problem.warnings ?? [problem.message], after: planned.before };
    if (problem) return { ...planned, status: "error", problems: [problem.message, ...Object.values(problem.fields ?? {})], after: planned.before };
    console.error(`Bulk change failed at line ${row.line}`, error);
    return { ...planned, status: "error", problems: ["Something went wrong on our side; this row was not changed."], after: planned.before };
  }
}

/** The API's row: exactly the contract's fields. */
export const apiRow = ({ line, status, problems, before, after }: BulkOutcome): BulkOutcome => ({ line, status, problems, before, after });

const idColumns = new Set<string>(["smartcard_id", "ods_code"]);

/** The input columns plus what the run found, for the officer to fix and upload again (the annotations are ignored then). */
export function annotatedCsv(rows: BulkRowView[]): string {
  const header = ["line", ...BULK_COLUMNS, "change", "status", "problems"];
  const records = rows.map((r) => [
    String(r.line),
    ...BULK_COLUMNS.map((c) => (idColumns.has(c) ? textCell(r.cells[c].trim()) : inertCell(r.cells[c]))),
    ...[r.summary, r.status, r.problems.join(" ")].map(inertCell),
  ]);
  return stringify([header, ...records]);
}

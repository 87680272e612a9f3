// Bulk changes from a CSV file: reading the file and checking each row's cells. Pure: whether the person,
// organisation and role exist, and what the change would do, is for lib/domain/bulk-plan.ts.
import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import { readCell } from "./csv-cells";
import { parseEndDate } from "./grant-dates";
import { parseOdsCode } from "./ods";
import { parseSmartcardId } from "./smartcard";

import { BULK_ANNOTATIONS, BULK_COLUMNS, MAX_BULK_BYTES, MAX_BULK_ROWS, WORKGROUP_TARGET, type BulkColumn } from "./bulk-columns";

export { BULK_COLUMNS, MAX_BULK_BYTES, MAX_BULK_ROWS, WORKGROUP_TARGET, type BulkColumn };

// Header cells are matched loosely (case, spaces, dashes, underscores): people type them by hand.
const HEADER_NAMES: Record<BulkColumn, string[]> = {
  smartcard_id: ["smartcardid", "smartcard", "uuid"],
  ods_code: ["odscode", "ods", "organisation"],
  action: ["action"],
  role: ["role", "rolecode", "jobrole", "roleorworkgroup"],
  reason: ["reason"],
  end_date: ["enddate"],
};
const REQUIRED: BulkColumn[] = ["smartcard_id", "ods_code", "action", "role", "reason"];
const headerKey = (cell: string) => cell.toLowerCase().replace(/[\s_-]+/g, "");

export type BulkCells = Record<BulkColumn, string>;
export type BulkAction = "role.add" | "role.remove" | "workgroup.add" | "workgroup.remove";
/** One row's change once its cells are valid. */
export type BulkChange = { kind: BulkAction; smartcardId: string; odsCode: string; roleCode?: string; reason: string; endDate?: string; endsAt?: Date };
export type BulkRow = { line: number; cells: BulkCells; change: BulkChange | null; problems: string[] };
export type BulkFile = { ok: true; rows: BulkRow[] } | { ok: false; message: string; line?: number };

const MAX_REASON = 500;

// The shared parsers' messages may or may not end in a full stop; a row's problems always do, once.
const problem = (cell: string, message: string) => `${cell}: ${message.replace(/\.$/, "")}.`;

/** Checks one row's cells; `now` decides whether an end date is after today. */
export function checkBulkCells(line: number, cells: BulkCells, now: Date): BulkRow {
  const problems: string[] = [];
  const smartcard = parseSmartcardId(cells.smartcard_id);
  if (!smartcard.ok) problems.push(problem("Smartcard ID", smartcard.message));
  const ods = parseOdsCode(cells.ods_code);
  if (!ods.ok) problems.push(problem("ODS code", ods.message));
  const action = cells.action.trim().toLowerCase();
  if (action !== "add" && action !== "remove") problems.push(`Action: enter add or remove, not "${cells.action.trim()}".`);
  const target = cells.role.trim();
  const workgroup = target.toLowerCase() === WORKGROUP_TARGET;
  const roleCode = target.toUpperCase();
  if (!workgroup && !/^R\d{4}$/.test(roleCode)) {
    problems.push(target === "" ? "Role: enter a job role code (e.g. R8001) or cervicalscreening." : `Role: "${target}" is neither a job role code (R followed by 4 digits) nor cervicalscreening.`);
  }
  const reason = cells.reason.trim();
  if (reason === "") problems.push("Reason: enter why this change is made.");
  else if (reason.length > MAX_REASON) problems.push(`Reason: keep it to ${MAX_REASON} characters or fewer.`);
  let end: { day: string; endsAt: Date } | undefined;
  if (cells.end_date.trim() !== "") {
    if (action === "remove") problems.push("End date: only an added grant has an end date; leave it empty for remove.");
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(cells.end_date.trim())) problems.push(`End date: write it as YYYY-MM-DD, for example 2027-03-31, not "${cells.end_date.trim()}".`);
    else {
      const parsed = parseEndDate(cells.end_date, now);
      if (parsed.ok) end = { day: parsed.day, endsAt: parsed.endsAt };
      else problems.push(problem("End date", parsed.message));
    }
  }
  if (problems.length > 0 || !smartcard.ok || !ods.ok) return { line, cells, change: null, problems };
  const kind = `${workgroup ? "workgroup" : "role"}.${action}` as BulkAction;
  const change: BulkChange = { kind, smartcardId: smartcard.value, odsCode: ods.value.code, reason, ...(workgroup ? {} : { roleCode }), ...(end ? { endDate: end.day, endsAt: end.endsAt } : {}) };
  return { line, cells, change, problems };
}

function columnIndexes(header: string[]): Record<BulkColumn, number> | string {
  const found = {} as Record<BulkColumn, number>;
  const unknown: string[] = [];
  header.forEach((cell, index) => {
    if ((BULK_ANNOTATIONS as readonly string[]).includes(headerKey(cell))) return;
    const column = BULK_COLUMNS.find((c) => HEADER_NAMES[c].includes(headerKey(cell)));
    if (!column) unknown.push(cell.trim() || `(empty, column ${index + 1})`);
    else if (found[column] === undefined) found[column] = index;
    else unknown.push(`${cell.trim()} (twice)`);
  });
  const missing = REQUIRED.filter((c) => found[c] === undefined);
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      ...(missing.length ? [`missing ${missing.join(", ")}`] : []),
      ...(unknown.length ? [`not understood: ${unknown.map((u) => `"${u}"`).join(", ")}`] : []),
    ];
    return `The header row must name the columns ${BULK_COLUMNS.join(", ")} (end_date may be left out): ${parts.join("; ")}.`;
  }
  return found;
}

type Parsed = { record: string[]; info: { lines: number } };

/**
 * Reads a bulk file: a header row, then one change per line. A problem with the file as a whole (not CSV,
 * no header, too many rows) refuses it; a problem with a row stays on that row, with its line number.
 */
export function parseBulkCsv(text: string, now: Date): BulkFile {
  if (new TextEncoder().encode(text).length > MAX_BULK_BYTES) return { ok: false, message: `The file is over ${MAX_BULK_BYTES / 1024 / 1024} MB: split it into smaller files.` };
  // One line ending throughout, so line numbers count the same whatever wrote the file.
  const normalised = text.replace(/\r\n?/g, "\n");
  let records: Parsed[];
  try {
    records = parse(normalised, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, record_delimiter: "\n" }) as unknown as Parsed[];
  } catch (error) {
    const line = error instanceof CsvError && typeof error.lines === "number" ? error.lines : undefined;
    const why = error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED" ? "a quoted field is never closed" : "it could not be read as CSV";
    return { ok: false, message: `The file is not valid CSV${line ? ` at line ${line}` : ""}: ${why}.`, ...(line ? { line } : {}) };
  }
  const blank = (r: Parsed) => r.record.every((cell) => cell.trim() === "");
  records = records.filter((r) => !blank(r));
  if (records.length === 0) return { ok: false, message: "The file is empty: it needs a header row and one line per change." };
  const columns = columnIndexes(records[0]!.record);
  if (typeof columns === "string") return { ok: false, message: columns, line: startLine(records[0]!) };
  const body = records.slice(1);
  if (body.length === 0) return { ok: false, message: "The file has a header row but no changes." };
  if (body.length > MAX_BULK_ROWS) return { ok: false, message: `The file has ${body.length.toLocaleString("en-GB")} rows; upload at most ${MAX_BULK_ROWS.toLocaleString("en-GB")} at a time.` };
  const width = records[0]!.record.length;
  return {
    ok: true,
    rows: body.map((r) => {
      const line = startLine(r);
      // A dry run's annotated file writes IDs as ="…" (text for Excel) and free text starting like a formula with an apostrophe.
      const cells = Object.fromEntries(BULK_COLUMNS.map((c) => [c, columns[c] === undefined ? "" : readCell(r.record[columns[c]] ?? "")])) as BulkCells;
      const row = checkBulkCells(line, cells, now);
      if (r.record.length === width) return row;
      // Cells out of line with the header would be read as the wrong columns: that is the one problem to fix.
      return { ...row, change: null, problems: [`This line has ${r.record.length} ${r.record.length === 1 ? "cell" : "cells"} but the header has ${width}: check for a missing or extra comma.`] };
    }),
  };
}

// csv-parse counts the line a record ends on; a quoted field spanning lines moves its start back.
function startLine(r: Parsed): number {
  const inside = r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return r.info.lines - inside;
}

// Pure parsers for the ODS extracts in prisma/seed/ods/ (no database), so tests can run them directly.
import { parse } from "csv-parse/sync";
import { titleCaseOrgName } from "./org-names";

export type OrgKind = "gp_practice" | "pcn" | "federation" | "trust" | "trust_site" | "other";

// Town and postcode only where the source gives them (epraccur does; the PCN file and the trust do not).
export type OdsOrganisation = { odsCode: string; name: string; kind: OrgKind; town?: string | null; postcode?: string | null };

export type Pcn = OdsOrganisation & { kind: "pcn"; practices: { odsCode: string; name: string }[] };

/** A problem in a source file; the import stops and writes nothing. */
export class OdsImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file} line ${line}: ${detail}`);
    this.name = "OdsImportError";
  }
}

const EPRACCUR_FIELDS = 27;
const ODS_CODE = /^[A-Z0-9]{3,10}$/;
const STATUSES = new Set(["A", "C", "D", "P"]);
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;

/**
 * The town of an epraccur row: address line 3 (fields 5-9 are lines 1-5), which holds the post town in most
 * rows (line 4 is mostly the county, or LONDON); line 4 when line 3 is empty. Null when both are.
 */
function epraccurTown(record: string[]): string | null {
  const town = record[6]!.trim() || record[7]!.trim();
  return town === "" ? null : titleCaseOrgName(town);
}

type CsvRecord = { record: string[]; info: { lines: number } };

/** One row of an epraccur.csv extract, whatever its status; `line` is where it starts in the file. */
export type EpraccurRecord = OdsOrganisation & { status: "A" | "C" | "D" | "P"; closeDate: string | null; line: number };

/**
 * Every row of an epraccur.csv extract (27 quoted fields, no header), checked: a malformed row means the file is
 * not what we think it is, so it stops the import with its line number. Close dates become YYYY-MM-DD.
 */
export function parseEpraccurRecords(text: string | Buffer, file = "epraccur.csv"): EpraccurRecord[] {
  let records: CsvRecord[];
  try {
    // relax_column_count: the field count is checked below, so the error names the line our way.
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as CsvRecord[];
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new OdsImportError(file, lines ?? 0, `not valid CSV (${(error as Error).message})`);
  }

  const seen = new Set<string>();
  const out: EpraccurRecord[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    if (record.length !== EPRACCUR_FIELDS) {
      throw new OdsImportError(file, line, `expected ${EPRACCUR_FIELDS} fields, found ${record.length}`);
    }
    const code = record[0]!.trim();
    const name = record[1]!.trim();
    const closed = record[11]!.trim();
    const status = record[12]!.trim();
    const setting = record[25]!.trim();
    if (!ODS_CODE.test(code)) throw new OdsImportError(file, line, `"${code}" is not an ODS code`);
    if (seen.has(code)) throw new OdsImportError(file, line, `${code} appears twice`);
    seen.add(code);
    if (name === "") throw new OdsImportError(file, line, `${code} has no name`);
    if (!STATUSES.has(status)) throw new OdsImportError(file, line, `${code} has unknown status "${status}"`);
    if (!/^\d{1,2}$/.test(setting)) throw new OdsImportError(file, line, `${code} has prescribing setting "${setting}"`);
    if (closed !== "" && !/^\d{8}$/.test(closed)) throw new OdsImportError(file, line, `${code} has close date "${closed}"`);
    const postcode = record[9]!.trim().toUpperCase();
    out.push({
      odsCode: code,
      name: titleCaseOrgName(name),
      kind: setting === "4" ? "gp_practice" : "other",
      town: epraccurTown(record),
      // A malformed postcode is left out rather than stopping the import: it only helps tell names apart.
      postcode: POSTCODE.test(postcode) ? postcode : null,
      status: status as EpraccurRecord["status"],
      closeDate: closed ? `${closed.slice(0, 4)}-${closed.slice(4, 6)}-${closed.slice(6, 8)}` : null,
      line,
    });
  }
  return out;
}

/** The active organisations in an epraccur.csv extract (what the seed loads). */
export function parseEpraccur(text: string | Buffer, file = "epraccur.csv"): OdsOrganisation[] {
  return parseEpraccurRecords(text, file)
    .filter((r) => r.status === "A")
    .map(({ odsCode, name, kind, town, postcode }) => ({ odsCode, name, kind, town, postcode }));
}

// Local PCN codes start here: U + 5 digits like real PCN codes, numbered in sorted-name order (see ods/README.md).
const LOCAL_PCN_BASE = 90000;

/** Sort by UTF-16 code units: unlike localeCompare, the same on every machine and ICU version. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The PCNs in west-sussex-gp-pcn.json with stable local codes U90001, U90002... and their member practices. */
export function parseWestSussexPcns(json: unknown, file = "west-sussex-gp-pcn.json"): Pcn[] {
  if (!Array.isArray(json)) throw new OdsImportError(file, 0, "expected a JSON array of practices");
  const byPcn = new Map<string, { odsCode: string; name: string }[]>();
  const seen = new Set<string>();
  json.forEach((entry: unknown, index) => {
    // JSON has no useful line numbers once parsed, so report the 1-based entry number instead.
    const at = index + 1;
    const e = entry as { Code?: unknown; Name?: unknown; PCN?: unknown } | null;
    const code = typeof e?.Code === "string" ? e.Code.trim().toUpperCase() : "";
    if (!/^[A-Z]\d{5}$/.test(code)) throw new OdsImportError(file, at, `entry ${at} has no practice code`);
    if (seen.has(code)) throw new OdsImportError(file, at, `${code} appears twice`);
    seen.add(code);
    if (typeof e?.Name !== "string" || e.Name.trim() === "") throw new OdsImportError(file, at, `${code} has no name`);
    if (typeof e.PCN !== "string" || e.PCN.trim() === "") throw new OdsImportError(file, at, `${code} has no PCN`);
    const pcn = e.PCN.trim();
    const members = byPcn.get(pcn) ?? [];
    members.push({ odsCode: code, name: e.Name.trim() });
    byPcn.set(pcn, members);
  });

  return [...byPcn.keys()].sort(byCodeUnits).map((name, i) => ({
    odsCode: `U${LOCAL_PCN_BASE + i + 1}`,
    name,
    kind: "pcn" as const,
    practices: byPcn.get(name)!.sort((a, b) => byCodeUnits(a.odsCode, b.odsCode)),
  }));
}

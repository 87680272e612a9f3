// Job-role catalogue import: a CSV of (code, name, user group, CSMS access yes/no) read and checked line by line,
// then compared with the catalogue. Pure: the caller reads the file and the catalogue, and writes the plan.
import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import { JobRoleSchema } from "@/lib/validations/admin";
import { canonicalUserGroup, CSMS_USER_GROUPS, NOT_A_CSMS_USER_GROUP } from "./csms-user-groups";

// The CSMS catalogue is tens of codes; each applied code is its own audited transaction (~18 ms measured here).
export const MAX_IMPORT_ROWS = 500;

export type ImportedJobRole = { line: number; code: string; name: string; userGroup: string; csmsAccess: boolean };
export type ImportProblem = { line: number; message: string };
export type CatalogueEntry = { code: string; name: string; userGroup: string; functions: string[]; csmsAccess: boolean };

export type PlannedChange = {
  code: string;
  line: number;
  kind: "new" | "changed" | "unchanged";
  before: CatalogueEntry | null;
  after: CatalogueEntry;
  /** What differs, in words ("name", "user group", "CSMS access"); empty unless changed. */
  differences: string[];
};

const COLUMNS = { code: ["code", "job role code", "role code"], name: ["name", "job role", "job role name"], userGroup: ["user group", "csms user group", "usergroup", "user_group"], csmsAccess: ["csms access", "csms_access", "csmsaccess", "csms access (yes/no)"] } as const;
type Column = keyof typeof COLUMNS;

const headerKey = (cell: string) => cell.trim().toLowerCase().replace(/\s+/g, " ");

function columnIndexes(header: string[]): Record<Column, number> | string {
  const found = {} as Record<Column, number>;
  for (const column of Object.keys(COLUMNS) as Column[]) {
    const index = header.findIndex((cell) => (COLUMNS[column] as readonly string[]).includes(headerKey(cell)));
    if (index < 0) return `The header row needs the columns code, name, user group and CSMS access; "${COLUMNS[column][0]}" is missing.`;
    found[column] = index;
  }
  return found;
}

function yesNo(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (value === "yes" || value === "y") return true;
  if (value === "no" || value === "n") return false;
  return null;
}

const CodeAndName = JobRoleSchema.pick({ code: true, name: true });
const groupNames = CSMS_USER_GROUPS.map((g) => g.name).join("; ");

/** Reads the file: every line either becomes a role or a problem naming the line and what to fix. */
export function parseJobRoleCsv(text: string): { roles: ImportedJobRole[]; problems: ImportProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // csv-parse's types do not follow `info: true` to the { record, info } shape it returns.
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const line = error instanceof CsvError && typeof error.lines === "number" ? error.lines : 1;
    return { roles: [], problems: [{ line, message: `The file is not valid CSV here: ${error instanceof Error ? error.message : "unreadable"}` }] };
  }
  if (records.length === 0) return { roles: [], problems: [{ line: 1, message: "The file is empty: it needs a header row and one line per job role." }] };
  const columns = columnIndexes(records[0]!.record);
  if (typeof columns === "string") return { roles: [], problems: [{ line: records[0]!.info.lines, message: columns }] };
  const rows = records.slice(1);
  if (rows.length > MAX_IMPORT_ROWS) return { roles: [], problems: [{ line: 1, message: `The file has ${rows.length} job roles; import at most ${MAX_IMPORT_ROWS} at a time.` }] };

  const roles: ImportedJobRole[] = [];
  const problems: ImportProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const cell = (column: Column) => record[columns[column]] ?? "";
    const fields = CodeAndName.safeParse({ code: cell("code"), name: cell("name") });
    const userGroup = canonicalUserGroup(cell("userGroup"));
    const csmsAccess = yesNo(cell("csmsAccess"));
    const lineProblems: string[] = fields.success ? [] : fields.error.issues.map((issue) => issue.message);
    if (!cell("userGroup").trim()) lineProblems.push("Enter the CSMS user group");
    else if (!userGroup) lineProblems.push(`"${cell("userGroup").trim()}" is not a CSMS user group; use one of: ${groupNames}; or "${NOT_A_CSMS_USER_GROUP}"`);
    if (csmsAccess === null) lineProblems.push(`CSMS access must be yes or no, not "${cell("csmsAccess").trim()}"`);
    if (userGroup === NOT_A_CSMS_USER_GROUP && csmsAccess) lineProblems.push(`A role in "${NOT_A_CSMS_USER_GROUP}" cannot have CSMS access`);
    if (fields.success) {
      const earlier = firstLine.get(fields.data.code);
      if (earlier !== undefined) lineProblems.push(`${fields.data.code} is already on line ${earlier}; list each code once`);
      else firstLine.set(fields.data.code, line);
    }
    if (lineProblems.length > 0) problems.push({ line, message: lineProblems.join(". ") + "." });
    else roles.push({ line, code: fields.data!.code, name: fields.data!.name, userGroup: userGroup!, csmsAccess: csmsAccess! });
  }
  if (roles.length === 0 && problems.length === 0) problems.push({ line: 1, message: "The file has a header row but no job roles." });
  return { roles, problems };
}

/**
 * What applying the file would do. Codes in the catalogue but not in the file stay as they are (a partial list
 * never removes anything). The CSV carries no functions: an entry keeps its own while its group is unchanged,
 * otherwise it takes those of its group's other entries (functions belong to the group, not the code).
 */
export function planJobRoleImport(catalogue: readonly CatalogueEntry[], roles: readonly ImportedJobRole[]): PlannedChange[] {
  const byCode = new Map(catalogue.map((entry) => [entry.code, entry]));
  const groupFunctions = new Map<string, string[]>();
  for (const entry of catalogue) if (entry.functions.length > 0 && !groupFunctions.has(entry.userGroup)) groupFunctions.set(entry.userGroup, entry.functions);

  return roles.map((role) => {
    const before = byCode.get(role.code) ?? null;
    const functions = before && before.userGroup === role.userGroup ? before.functions : (groupFunctions.get(role.userGroup) ?? before?.functions ?? []);
    const after: CatalogueEntry = { code: role.code, name: role.name, userGroup: role.userGroup, functions, csmsAccess: role.csmsAccess };
    if (!before) return { code: role.code, line: role.line, kind: "new", before, after, differences: [] };
    const differences = [
      before.name !== after.name && "name",
      before.userGroup !== after.userGroup && "user group",
      before.csmsAccess !== after.csmsAccess && "CSMS access",
      JSON.stringify(before.functions) !== JSON.stringify(after.functions) && "functions",
    ].filter((d): d is string => Boolean(d));
    return { code: role.code, line: role.line, kind: differences.length > 0 ? "changed" : "unchanged", before, after, differences };
  });
}

import "server-only";
import { authorise } from "@/lib/auth/authorise";
import { importJobRole, listJobRoles } from "@/lib/data/job-roles";
import { parseJobRoleCsv, planJobRoleImport, type ImportProblem, type PlannedChange } from "@/lib/domain/job-role-import";
import { badInput } from "@/lib/errors";
import { JobRoleImportSchema } from "@/lib/validations/job-role-import";
import { parseInput } from "@/lib/validations/parse";

export type JobRoleImportPreview = { problems: ImportProblem[]; changes: PlannedChange[] };

async function readAndPlan(input: unknown) {
  const actor = await authorise({ kind: "reference:change" });
  const { csv, fileName } = parseInput(JobRoleImportSchema, input);
  const { roles, problems } = parseJobRoleCsv(csv);
  return { actor, fileName, problems, changes: planJobRoleImport(await listJobRoles(), roles) };
}

/** The dry run: every line's problem, and each code as new, changed or unchanged. Writes nothing. */
export async function previewJobRoleImport(input: unknown): Promise<JobRoleImportPreview> {
  const { problems, changes } = await readAndPlan(input);
  return { problems, changes };
}

/**
 * Applies a file with no problems (a file with any is refused whole: reference data is loaded clean). Each
 * new or changed code is its own audited change — one event per code, the same path as a single edit — and
 * each is re-read inside its transaction, so applying the same file again writes nothing more.
 */
export async function applyJobRoleImport(input: unknown): Promise<{ added: number; updated: number; unchanged: number }> {
  const { actor, fileName, problems, changes } = await readAndPlan(input);
  if (problems.length > 0) {
    const fields = Object.fromEntries(problems.map((p) => [`line ${p.line}`, p.message]));
    throw badInput(`The file has ${problems.length} line${problems.length === 1 ? "" : "s"} to fix; nothing was imported.`, fields);
  }
  const reason = `Catalogue import${fileName ? ` from ${fileName}` : ""}`;
  const counts = { added: 0, updated: 0, unchanged: 0 };
  for (const change of changes) {
    const done = change.kind === "unchanged" ? "unchanged" : await importJobRole(actor, change.after, reason);
    counts[done] += 1;
  }
  return counts;
}

"use client";

import { useState } from "react";
import { applyJobRoleImportAction, previewJobRoleImportAction } from "@/app/admin-actions";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionForm } from "@/components/forms/use-action-form";
import type { JobRoleImportPreview } from "@/lib/services/job-role-import";
import { MAX_IMPORT_BYTES } from "@/lib/validations/job-role-import";

const kindLabel = { new: "New", changed: "Changed", unchanged: "Unchanged" } as const;

/** Upload, dry run, apply: the file is read in the browser and checked again in full on the server each time. */
export function JobRoleImport() {
  const { run, failure, attempt } = useActionForm();
  const [file, setFile] = useState<{ csv: string; fileName: string }>();
  const [preview, setPreview] = useState<JobRoleImportPreview>();
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<string>();
  const toApply = preview?.changes.filter((c) => c.kind !== "unchanged").length ?? 0;

  async function check(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = (event.currentTarget.elements.namedItem("job-role-file") as HTMLInputElement).files?.[0];
    setPreview(undefined);
    setImported(undefined);
    const refusal = !chosen ? "Choose a CSV file" : chosen.size > MAX_IMPORT_BYTES ? "The file must be 1 MB or smaller" : null;
    if (!chosen || refusal) {
      await run(async () => ({ ok: false, message: "There is a problem with the file", fields: { "job-role-file": refusal! } }));
      return;
    }
    const next = { csv: await chosen.text(), fileName: chosen.name };
    setFile(next);
    setBusy(true);
    setPreview(await run(() => previewJobRoleImportAction(next)));
    setBusy(false);
  }

  async function apply() {
    if (!file) return;
    setBusy(true);
    const counts = await run(() => applyJobRoleImportAction(file));
    setBusy(false);
    if (!counts) return;
    setPreview(undefined);
    setImported(`Imported: ${counts.added} added, ${counts.updated} changed, ${counts.unchanged} unchanged. Each is in the change log.`);
  }

  return (
    <div className="mt-3">
      <div role="status">{imported && <p className="mb-3 font-bold text-nhs-green">{imported}</p>}</div>
      <ErrorSummary message={failure?.message} fields={failure?.fields?.["job-role-file"] ? { "job-role-file": failure.fields["job-role-file"] } : {}} focusKey={attempt} />
      <form onSubmit={check} noValidate>
        <label htmlFor="job-role-file" className="block font-bold">CSV file</label>
        <p id="job-role-file-hint" className="mb-2 text-sm">
          A header row, then one line per job role: code, name, user group, CSMS access (yes or no). Codes not in the file stay as they are.
        </p>
        <input id="job-role-file" name="job-role-file" type="file" accept=".csv,text/csv" aria-describedby="job-role-file-hint" className="mb-4 block" />
        <button type="submit" className="button" disabled={busy}>Check file (nothing is changed)</button>
      </form>
      {preview && (
        <section aria-labelledby="job-role-preview-heading" className="mt-6">
          <h3 id="job-role-preview-heading" className="text-lg font-bold">What the import would do</h3>
          {preview.problems.length > 0 && (
            <div className="my-3 border-l-4 border-nhs-red pl-3">
              <p className="font-bold">Fix these lines and check the file again; nothing can be imported until then.</p>
              <ul className="list-disc pl-5">
                {preview.problems.map((p) => (
                  <li key={p.line}>Line {p.line}: {p.message}</li>
                ))}
              </ul>
            </div>
          )}
          <table className="table">
            <caption className="sr-only">Codes in the file</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Code</th>
                <th scope="col">Result</th>
                <th scope="col">Name</th>
                <th scope="col">User group</th>
                <th scope="col">CSMS access</th>
              </tr>
            </thead>
            <tbody>
              {preview.changes.map((c) => (
                <tr key={c.code}>
                  <td data-label="Line">{c.line}</td>
                  <td data-label="Code" className="font-mono">{c.code}</td>
                  <td data-label="Result">{kindLabel[c.kind]}{c.differences.length > 0 && `: ${c.differences.join(", ")}`}</td>
                  <td data-label="Name">{c.after.name}</td>
                  <td data-label="User group">{c.after.userGroup}</td>
                  <td data-label="CSMS access">{c.after.csmsAccess ? "Yes" : "No"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.problems.length === 0 && (
            <button type="button" className="button mt-4" disabled={busy || toApply === 0} onClick={apply}>
              {toApply === 0 ? "Nothing to import: the catalogue already matches" : `Import ${toApply} new or changed code${toApply === 1 ? "" : "s"}`}
            </button>
          )}
        </section>
      )}
    </div>
  );
}

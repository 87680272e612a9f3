"use client";

import { useEffect, useMemo, useState, type FormEvent } from "react";
import { applyBulkChunkAction, dryRunBulkAction } from "@/app/bulk/actions";
import { ErrorSummary, useFailedAttempts } from "@/components/forms/error-summary";
import { BULK_CHUNK_ROWS, MAX_BULK_BYTES } from "@/lib/domain/bulk-columns";
import type { BulkStatus } from "@/lib/domain/bulk-plan";
import type { BulkRowView } from "@/lib/services/bulk";
import { BulkTable, statusLabels } from "./bulk-table";

const count = (n: number) => n.toLocaleString("en-GB");

type Checked = { fileName: string; rows: BulkRowView[]; csvUrl: string };
type Applying = { batchId?: string; done: number; total: number; rows: BulkRowView[]; finished: boolean };

function tally(rows: BulkRowView[]): string {
  const counts = new Map<BulkStatus, number>();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${statusLabels[status]}: ${count(n)}`).join(" · ");
}

/** Upload → dry run → apply in chunks with progress, then the batch in the change log. */
export function BulkUpload({ canReadAudit }: { canReadAudit: boolean }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<Checked>();
  const [applying, setApplying] = useState<Applying>();
  const { attempt, failed } = useFailedAttempts();
  const willChange = useMemo(() => checked?.rows.filter((r) => r.status === "change").length ?? 0, [checked]);

  // The annotated file is a blob URL held only while it is offered.
  useEffect(() => () => (checked ? URL.revokeObjectURL(checked.csvUrl) : undefined), [checked]);

  function fail(message: string) {
    setError(message);
    failed();
  }

  async function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setApplying(undefined);
    const file = (event.currentTarget.elements.namedItem("bulk-file") as HTMLInputElement).files?.[0];
    if (!file) return fail("Choose a CSV file to check.");
    if (file.size > MAX_BULK_BYTES) return fail("The file is over 1 MB: split it into smaller files.");
    setBusy(true);
    try {
      const result = await dryRunBulkAction({ csv: await file.text() });
      if (!result.ok) return fail(result.message);
      const csvUrl = URL.createObjectURL(new Blob([result.value.csv], { type: "text/csv" }));
      setChecked({ fileName: file.name, rows: result.value.rows, csvUrl });
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!checked) return;
    setError(undefined);
    setBusy(true);
    const total = checked.rows.length;
    let state: Applying = { done: 0, total, rows: [], finished: false };
    setApplying(state);
    try {
      for (let start = 0; start < total; start += BULK_CHUNK_ROWS) {
        const chunk = checked.rows.slice(start, start + BULK_CHUNK_ROWS).map((r) => ({ line: r.line, cells: r.cells }));
        const result = await applyBulkChunkAction({ batchId: state.batchId, file: checked.fileName.slice(0, 200), rows: chunk });
        if (!result.ok) {
          fail(`Applying stopped after ${count(state.done)} of ${count(total)} rows: ${result.message} The rows applied so far are in the change log; applying the file again carries on without repeating them.`);
          break;
        }
        state = { ...state, batchId: result.value.batchId, done: state.done + chunk.length, rows: [...state.rows, ...result.value.rows] };
        setApplying(state);
      }
    } finally {
      setApplying({ ...state, finished: true });
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorSummary message={error} focusKey={attempt} />
      <form onSubmit={check} className="card mb-6" aria-labelledby="bulk-upload-heading">
        <h2 id="bulk-upload-heading" className="mb-3 text-xl font-bold">1. Check a file (dry run)</h2>
        <label htmlFor="bulk-file" className="label">CSV file</label>
        <p id="bulk-file-hint" className="hint">Nothing is changed by checking.</p>
        <input id="bulk-file" name="bulk-file" type="file" accept=".csv,text/csv" aria-describedby="bulk-file-hint" className="mb-4 block" />
        <button type="submit" className="button" disabled={busy}>Check the file</button>
      </form>

      {checked && !applying && (
        <section aria-labelledby="bulk-dry-run-heading" className="mb-6">
          <h2 id="bulk-dry-run-heading" className="mb-2 text-xl font-bold">2. Dry run of {checked.fileName}</h2>
          <p className="mb-2">{count(checked.rows.length)} rows. {tally(checked.rows)}</p>
          <p className="mb-4">
            <a href={checked.csvUrl} download={`${checked.fileName.replace(/\.csv$/i, "")}-dry-run.csv`}>Download the file with each row&apos;s status and problems (CSV)</a>
          </p>
          {willChange > 0 ? (
            <button type="button" className="button mb-4" onClick={apply} disabled={busy}>Apply {count(willChange)} {willChange === 1 ? "change" : "changes"}</button>
          ) : (
            <p className="mb-4 font-bold">No row would change anything: fix the problems and check the file again.</p>
          )}
          <BulkTable rows={checked.rows} caption="What each row would do" />
        </section>
      )}

      {applying && (
        <section aria-labelledby="bulk-apply-heading" className="mb-6">
          <h2 id="bulk-apply-heading" className="mb-2 text-xl font-bold">{applying.finished ? "3. Applied" : "3. Applying…"}</h2>
          <p role="status" aria-live="polite" className="mb-2 font-bold">
            {applying.finished ? "Finished: " : ""}
            {count(applying.done)} of {count(applying.total)} rows
          </p>
          {applying.finished && applying.rows.length > 0 && <p className="mb-2">{tally(applying.rows)}</p>}
          {applying.finished && applying.batchId && (
            <p className="mb-4">
              Batch reference <code>{applying.batchId}</code>.{" "}
              {canReadAudit ? <a href={`/audit?batchId=${applying.batchId}`}>See this batch in the change log</a> : "RA managers and auditors can find it in the change log."}
            </p>
          )}
          {applying.rows.length > 0 && <BulkTable rows={applying.rows} caption="What each row did" />}
        </section>
      )}
    </>
  );
}

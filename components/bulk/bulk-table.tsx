import type { BulkStatus, VerdictSummary } from "@/lib/domain/bulk-plan";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import type { BulkRowView } from "@/lib/services/bulk";

export const statusLabels: Record<BulkStatus, string> = {
  change: "Will change",
  applied: "Applied",
  no_change: "No change",
  warning: "IG warning: not applied",
  needs_approval: "Needs approval: not applied",
  error: "Problem",
};

const statusClass: Record<BulkStatus, string> = {
  change: "text-nhs-blue",
  applied: "text-nhs-green",
  no_change: "",
  warning: "text-nhs-red",
  needs_approval: "text-nhs-red",
  error: "text-nhs-red",
};

function verdictText(v: VerdictSummary | null): string {
  if (!v) return "—";
  if (v.canLogIn) return "Can log in";
  return v.error === "no_workgroup" ? "No workgroup" : "No valid role";
}

type Props = { rows: BulkRowView[]; caption: string };

/** Every row with what it would do (or did): the cells that matter, the status in words, the verdict before and after. */
export function BulkTable({ rows, caption }: Props) {
  return (
    <div className="card">
      <table className="table">
        <caption className="mb-2 text-left font-bold">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Smartcard ID</th>
            <th scope="col">Change</th>
            <th scope="col">Status</th>
            <th scope="col">Problems</th>
            <th scope="col">CSMS before</th>
            <th scope="col">CSMS after</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.line}>
              <td data-label="Line">{r.line}</td>
              <td data-label="Smartcard ID" className="whitespace-nowrap">{/^\d{12}$/.test(r.cells.smartcard_id.trim()) ? formatSmartcardId(r.cells.smartcard_id.trim()) : r.cells.smartcard_id}</td>
              <td data-label="Change">{r.summary || `${r.cells.action} ${r.cells.role} at ${r.cells.ods_code}`}</td>
              <td data-label="Status" className={`font-bold ${statusClass[r.status]}`}>{statusLabels[r.status]}</td>
              <td data-label="Problems">
                {r.problems.length > 0 && (
                  <ul className="list-none">
                    {r.problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td data-label="CSMS before">{verdictText(r.before)}</td>
              <td data-label="CSMS after">{verdictText(r.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

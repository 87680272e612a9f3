import { auditActions } from "@/lib/domain/audit-text";

export type FilterValues = Partial<Record<"smartcardId" | "actor" | "action" | "odsCode" | "requestId" | "batchId" | "from" | "to", string>>;

type Props = { values: FilterValues; errors: Record<string, string>; action: string; withActions?: boolean };

const fields: { name: keyof FilterValues; label: string; hint?: string; type?: string }[] = [
  { name: "smartcardId", label: "Smartcard ID" },
  { name: "actor", label: "Changed by (email)" },
  { name: "odsCode", label: "ODS code" },
  { name: "requestId", label: "Request reference" },
  { name: "batchId", label: "Bulk batch reference" },
  { name: "from", label: "From (UTC)", type: "date" },
  { name: "to", label: "To (UTC)", type: "date" },
];

/** A plain GET form: filters live in the address, so a filtered view can be bookmarked and shared. */
export function FilterForm({ values, errors, action, withActions = true }: Props) {
  const shown = withActions ? fields : fields.filter((f) => f.name !== "odsCode" && f.name !== "requestId" && f.name !== "batchId");
  return (
    <form method="get" action={action} className="card" aria-labelledby="filter-heading">
      <h2 id="filter-heading" className="mb-3 text-xl font-bold">Filter</h2>
      <div className="grid gap-x-6 sm:grid-cols-2">
        {shown.map((f) => (
          <div key={f.name} className="mb-4">
            <label htmlFor={`filter-${f.name}`} className="label">{f.label}</label>
            {errors[f.name] && <span id={`filter-${f.name}-error`} className="field-error">Error: {errors[f.name]}</span>}
            <input
              id={`filter-${f.name}`}
              name={f.name}
              type={f.type ?? "text"}
              defaultValue={values[f.name] ?? ""}
              aria-invalid={errors[f.name] ? true : undefined}
              aria-describedby={errors[f.name] ? `filter-${f.name}-error` : undefined}
              className="input"
              maxLength={254}
            />
          </div>
        ))}
        {withActions && (
          <div className="mb-4">
            <label htmlFor="filter-action" className="label">Action</label>
            {errors.action && <span id="filter-action-error" className="field-error">Error: {errors.action}</span>}
            <select id="filter-action" name="action" defaultValue={values.action ?? ""} className="input">
              <option value="">Any action</option>
              {Object.entries(auditActions).map(([value, label]) => (
                <option key={value} value={value}>{label}</option>
              ))}
            </select>
          </div>
        )}
      </div>
      <button type="submit" className="button mr-4">Apply filters</button>
      <a href={action}>Clear filters</a>
    </form>
  );
}

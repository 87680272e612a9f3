import { DateInput } from "@/components/forms/date-input";
import { auditActions } from "@/lib/domain/audit-text";
import { dayToParts, readDateParts, type DatePart } from "@/lib/domain/date-parts";

export type FilterValues = Partial<Record<string, string>>;

type Props = { values: FilterValues; errors: Record<string, string>; action: string; withActions?: boolean };

const fields: { name: string; label: string }[] = [
  { name: "smartcardId", label: "Smartcard ID" },
  { name: "actor", label: "Changed by (email)" },
  { name: "odsCode", label: "ODS code" },
  { name: "requestId", label: "Request reference" },
  { name: "batchId", label: "Bulk batch reference" },
];

const dates = [
  { edge: "from", legend: "Date from" },
  { edge: "to", legend: "Date to" },
] as const;

/** One end of the date window in the NHS date input; what was typed comes back as typed, its wrong boxes marked. */
function DateFilter({ edge, legend, values, error }: { edge: "from" | "to"; legend: string; values: FilterValues; error?: string }) {
  const key = (part: DatePart) => `${edge}${part[0]!.toUpperCase()}${part.slice(1)}`;
  const typed = { day: values[key("day")], month: values[key("month")], year: values[key("year")] };
  // A link with the API's own from=YYYY-MM-DD fills the boxes with that day.
  const shown = Object.values(typed).some((v) => v !== undefined) ? typed : dayToParts(values[edge]?.slice(0, 10));
  const read = readDateParts(shown, legend);
  const input = (part: DatePart) => ({ name: key(part), defaultValue: shown[part] ?? "" });
  return (
    <DateInput
      id={`filter-${edge}`}
      legend={legend}
      hint="A whole day, UK time. For example, 27 3 2027"
      error={error}
      wrongParts={read.ok ? [] : read.parts}
      inputs={{ day: input("day"), month: input("month"), year: input("year") }}
    />
  );
}

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
              type="text"
              defaultValue={values[f.name] ?? ""}
              aria-invalid={errors[f.name] ? true : undefined}
              aria-describedby={errors[f.name] ? `filter-${f.name}-error` : undefined}
              className="input"
              maxLength={254}
            />
          </div>
        ))}
        {dates.map((d) => (
          <DateFilter key={d.edge} edge={d.edge} legend={d.legend} values={values} error={errors[d.edge]} />
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

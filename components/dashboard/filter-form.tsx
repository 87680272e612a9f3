import { DateInput } from "@/components/forms/date-input";
import { dayToParts } from "@/lib/domain/date-parts";

type Props = {
  values: Record<string, string>;
  errors: Record<string, string>;
  // RA managers choose among the organisations they act for; auditors may type any ODS code.
  organisations: string[] | null;
  range: { from: string; to: string } | null;
};

const errorId = (name: string) => `dashboard-${name}-error`;

function FieldError({ name, errors }: { name: string; errors: Record<string, string> }) {
  return errors[name] ? <span id={errorId(name)} className="field-error">Error: {errors[name]}</span> : null;
}

const describedBy = (name: string, errors: Record<string, string>) => (errors[name] ? errorId(name) : undefined);

/** A plain GET form: the filter lives in the address, so a view can be bookmarked and shared. */
export function DashboardFilterForm({ values, errors, organisations, range }: Props) {
  return (
    <form method="get" action="/dashboard" className="card" aria-labelledby="dashboard-filter-heading">
      <h2 id="dashboard-filter-heading" className="mb-3 text-xl font-bold">Filter</h2>
      <div className="grid gap-x-6 sm:grid-cols-3">
        <div className="mb-4">
          <label htmlFor="dashboard-odsCode" className="label">Organisation (ODS code)</label>
          <FieldError name="odsCode" errors={errors} />
          {organisations ? (
            <select id="dashboard-odsCode" name="odsCode" defaultValue={values.odsCode ?? ""} className="input" aria-invalid={errors.odsCode ? true : undefined} aria-describedby={describedBy("odsCode", errors)}>
              <option value="">All your organisations</option>
              {organisations.map((code) => (
                <option key={code} value={code}>{code}</option>
              ))}
            </select>
          ) : (
            <input id="dashboard-odsCode" name="odsCode" defaultValue={values.odsCode ?? ""} className="input" maxLength={20} aria-invalid={errors.odsCode ? true : undefined} aria-describedby={describedBy("odsCode", errors)} />
          )}
        </div>
        {(["from", "to"] as const).map((name) => {
          // What was typed comes back as typed; otherwise the range shown, as its three boxes.
          const typed = [`${name}Day`, `${name}Month`, `${name}Year`].some((key) => values[key] !== undefined);
          const parts = typed
            ? { day: values[`${name}Day`] ?? "", month: values[`${name}Month`] ?? "", year: values[`${name}Year`] ?? "" }
            : dayToParts(values[name] ?? range?.[name]);
          return (
            <DateInput
              key={name}
              id={`dashboard-${name}`}
              legend={name === "from" ? "Date from" : "Date to"}
              error={errors[name]}
              inputs={{
                day: { name: `${name}Day`, defaultValue: parts.day },
                month: { name: `${name}Month`, defaultValue: parts.month },
                year: { name: `${name}Year`, defaultValue: parts.year },
              }}
            />
          );
        })}
      </div>
      <button type="submit" className="button-secondary">Show figures</button>
    </form>
  );
}

import Link from "next/link";
import { categoryNames } from "@/components/requests/inbox-table";
import { AGE_BANDS, CHANGE_KINDS, OPEN_SLA_STATES, weekOf, weeksBetween } from "@/lib/domain/dashboard";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { ukDate } from "@/lib/dates";
import type { DashboardFigures } from "@/lib/services/dashboard";
import { BarChart, ChartFigure, ColumnChart, DataTable, type Series } from "./charts";

// NHS palette colours, told apart by the legend and the table, never by colour alone.
const SLA_COLOURS = { on_time: "#007f3b", amber: "#ffb81c", red: "#d5281b", paused: "#4c6272" } as const;
const KIND_COLOURS = ["#005eb8", "#003087", "#007f3b", "#00a499", "#d5281b", "#ffb81c", "#330072"];
const shortWeek = (week: string) => ukDate(new Date(`${week}T12:00:00Z`)).replace(/ \d{4}$/, "");
const weekName = (week: string) => `Week of ${ukDate(new Date(`${week}T12:00:00Z`))}`;
const hours = (h: number | null) => (h === null ? "none resolved" : `${h.toLocaleString("en-GB")} hours`);

export function OpenRequestsChart({ open }: { open: DashboardFigures["open"] }) {
  const series: Series[] = OPEN_SLA_STATES.map((s) => ({ label: s.label, color: SLA_COLOURS[s.key] }));
  const rows = AGE_BANDS.map((b) => ({ label: b.label, values: OPEN_SLA_STATES.map((s) => open.byBand[b.key][s.key]) }));
  return (
    <ChartFigure
      id="open-requests"
      title={`Open requests: ${open.total.toLocaleString("en-GB")}`}
      description="Requests not yet resolved or rejected, by how long ago they arrived and where they stand against the service level (2 working days due soon, 5 breached). Open now, whatever the date range."
      chart={<BarChart label={`Open requests by age and service level: ${rows.map((r) => `${r.label} ${r.values.reduce((a, b) => a + b, 0)}`).join(", ")}`} rows={rows} series={series} />}
    >
      <DataTable
        caption="Open requests by age and service level"
        columns={["Age", ...OPEN_SLA_STATES.map((s) => s.label), "Total"]}
        rows={rows.map((r) => ({ key: r.label, cells: [r.label, ...r.values, r.values.reduce((a, b) => a + b, 0)] }))}
      />
    </ChartFigure>
  );
}

export function ResolveTimesChart({ weeks }: { weeks: DashboardFigures["resolveTimes"] }) {
  const series: Series[] = [
    { label: "Median", color: "#005eb8" },
    { label: "90th percentile", color: "#ffb81c" },
  ];
  const total = weeks.reduce((a, w) => a + w.resolved, 0);
  return (
    <ChartFigure
      id="resolve-times"
      title="Time to resolve, per week"
      description={`Hours from a request arriving to its resolution, for the ${total.toLocaleString("en-GB")} requests resolved in the range, by the week they were resolved (weeks start on Monday).`}
      chart={
        <ColumnChart
          label={`Median and 90th percentile hours to resolve per week, ${total} requests resolved in all`}
          rows={weeks.map((w) => ({ label: shortWeek(w.week), values: [w.medianHours ?? 0, w.p90Hours ?? 0] }))}
          series={series}
          mode="grouped"
          unit="h"
        />
      }
    >
      <DataTable
        caption="Hours to resolve per week"
        columns={["Week", "Resolved", "Median", "90th percentile"]}
        rows={weeks.map((w) => ({ key: w.week, cells: [weekName(w.week), w.resolved, hours(w.medianHours), hours(w.p90Hours)] }))}
      />
    </ChartFigure>
  );
}

export function DiagnosesChart({ diagnoses }: { diagnoses: DashboardFigures["diagnoses"] }) {
  const rows = diagnoses.map((d) => ({ label: categoryNames[d.category] ?? d.category, values: [d.count] }));
  return (
    <ChartFigure
      id="diagnoses"
      title="Top diagnoses"
      description="What the requests received in the range were about, as triaged when they arrived."
      chart={
        rows.length === 0 ? (
          <p>No requests arrived in this range.</p>
        ) : (
          <BarChart label={`Requests by diagnosis: ${rows.map((r) => `${r.label} ${r.values[0]}`).join(", ")}`} rows={rows} series={[{ label: "Requests", color: "#005eb8" }]} />
        )
      }
    >
      {rows.length > 0 && <DataTable caption="Requests by diagnosis" columns={["Diagnosis", "Requests"]} rows={rows.map((r) => ({ key: r.label, cells: [r.label, r.values[0]!] }))} />}
    </ChartFigure>
  );
}

export function ChangesChart({ weeks }: { weeks: DashboardFigures["changes"] }) {
  const series: Series[] = CHANGE_KINDS.map((k, i) => ({ label: k.label, color: KIND_COLOURS[i]! }));
  const total = weeks.reduce((a, w) => a + w.total, 0);
  return (
    <ChartFigure
      id="changes"
      title={`Changes per week: ${total.toLocaleString("en-GB")}`}
      description="Access changes in the change log by kind, per week (weeks start on Monday)."
      chart={
        <ColumnChart
          label={`Access changes per week by kind, ${total} in all`}
          rows={weeks.map((w) => ({ label: shortWeek(w.week), values: CHANGE_KINDS.map((k) => w.byKind[k.key]) }))}
          series={series}
          mode="stacked"
        />
      }
    >
      <DataTable
        caption="Access changes per week by kind"
        columns={["Week", ...CHANGE_KINDS.map((k) => k.label), "Total"]}
        rows={weeks.map((w) => ({ key: w.week, cells: [weekName(w.week), ...CHANGE_KINDS.map((k) => w.byKind[k.key]), w.total] }))}
      />
    </ChartFigure>
  );
}

export function EndingSoonChart({ ending, now, days }: { ending: DashboardFigures["ending"]; now: Date; days: number }) {
  const weeks = weeksBetween(now, new Date(now.getTime() + days * 86_400_000));
  const rows = weeks.map((w) => ({ label: shortWeek(w), values: [ending.filter((g) => weekOf(g.endsAt) === w).length] }));
  return (
    <ChartFigure
      id="ending-soon"
      title={`Grants ending in the next ${days} days: ${ending.length}`}
      description="Job roles and workgroups with a planned end date, by the week they end. Open each profile to extend or end one."
      chart={<ColumnChart label={`Grants ending per week: ${rows.map((r) => `${r.label} ${r.values[0]}`).join(", ")}`} rows={rows} series={[{ label: "Grants", color: "#005eb8" }]} mode="stacked" />}
    >
      {ending.length === 0 ? (
        <p>No grants end in the next {days} days.</p>
      ) : (
        <table className="table text-sm max-sm:block">
          <caption className="mb-2 text-left font-bold">Grants ending soon</caption>
          <thead className="max-sm:sr-only">
            <tr>
              <th scope="col">Ends</th>
              <th scope="col">Person</th>
              <th scope="col">Grant</th>
              <th scope="col">Organisation</th>
            </tr>
          </thead>
          <tbody className="max-sm:block">
            {ending.map((g) => (
              <tr key={`${g.kind}-${g.code}-${g.smartcardId}-${g.odsCode}`} className="max-sm:mb-3 max-sm:block max-sm:border max-sm:border-nhs-border">
                <td data-label="Ends" className="max-sm:block">{ukDate(g.endsAt)}</td>
                <td data-label="Person" className="max-sm:block"><Link href={`/people/${g.smartcardId}`}>{g.personName} ({formatSmartcardId(g.smartcardId)})</Link></td>
                <td data-label="Grant" className="max-sm:block">{g.kind === "role" ? `Job role ${g.code}` : `${g.code} workgroup`}</td>
                <td data-label="Organisation" className="max-sm:block">{g.odsCode}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ChartFigure>
  );
}

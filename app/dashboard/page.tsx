import type { Metadata } from "next";
import { ChangesChart, DiagnosesChart, EndingSoonChart, OpenRequestsChart, ResolveTimesChart } from "@/components/dashboard/dashboard-charts";
import { DashboardFilterForm } from "@/components/dashboard/filter-form";
import { ErrorSummary } from "@/components/forms/error-summary";
import type { RawSearchParams } from "@/lib/search-params";
import { ENDING_WITHIN_DAYS, loadDashboard } from "@/lib/services/dashboard";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { ukDate } from "@/lib/dates";

export const generateMetadata = (): Promise<Metadata> => pageMetadata({ kind: "dashboard:read" }, "Dashboard");

type Props = { searchParams: Promise<RawSearchParams> };

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function DashboardPage({ searchParams }: Props) {
  const { actor, now, query, errors, figures, range } = await loadDashboard(await searchParams);
  const shown = range && { from: day(range.start), to: day(new Date(range.end.getTime() - 1)) };
  const where = query.odsCode && figures ? query.odsCode.toUpperCase() : actor.role === "auditor" ? "every organisation" : "your organisations";
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">Dashboard</h1>
      <ErrorSummary title="The figures cannot be shown" fields={Object.fromEntries(Object.entries(errors).map(([k, v]) => [`dashboard-${k}`, v]))} />
      <p className="mb-6 max-w-3xl">
        How the registration authority is doing at {where}
        {shown && <>, from {ukDate(new Date(`${shown.from}T12:00:00Z`))} to {ukDate(new Date(`${shown.to}T12:00:00Z`))}</>}. Each chart is followed by its figures as a table.
      </p>
      <DashboardFilterForm values={query} errors={errors} organisations={actor.role === "auditor" ? null : actor.odsCodes} range={shown} />
      {figures ? (
        <div className="grid gap-x-6 lg:grid-cols-2 [&>*]:min-w-0">
          <OpenRequestsChart open={figures.open} />
          <DiagnosesChart diagnoses={figures.diagnoses} />
          <ResolveTimesChart weeks={figures.resolveTimes} />
          <EndingSoonChart ending={figures.ending} now={now} days={ENDING_WITHIN_DAYS} />
          <div className="lg:col-span-2">
            <ChangesChart weeks={figures.changes} />
          </div>
        </div>
      ) : (
        <p className="card">Correct the filter to see the figures.</p>
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { ChainStatus } from "@/components/audit/chain-status";
import { EventsTable } from "@/components/audit/events-table";
import { FilterForm, type FilterValues } from "@/components/audit/filter-form";
import { ErrorSummary } from "@/components/forms/error-summary";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { singleValues, type RawSearchParams } from "@/lib/search-params";
import { approximateAuditEventCount, listAuditEvents } from "@/lib/data/audit";
import { verifyAuditTrail } from "@/lib/data/audit-verify";
import { requestReferences } from "@/lib/data/requests";
import { readFilterPage } from "@/lib/validations/audit";

export const generateMetadata = (): Promise<Metadata> => pageMetadata({ kind: "audit:read" }, "Change log");

type Props = { searchParams: Promise<RawSearchParams> };

// Above this many events the full tamper check runs only when asked for, not on every page view.
const VERIFY_ON_VIEW_LIMIT = 100_000;

export default async function AuditPage({ searchParams }: Props) {
  await authorisePage({ kind: "audit:read" }, "/audit");
  const query = singleValues(await searchParams);
  const { filter, errors, apiQuery } = readFilterPage(query);
  const page = filter ? await listAuditEvents(filter) : { events: [], nextCursor: null };
  const verify = query.verify === "full" || (await approximateAuditEventCount()) <= VERIFY_ON_VIEW_LIMIT;
  const [chain, references] = await Promise.all([
    verify ? verifyAuditTrail() : null,
    requestReferences(page.events.map((e) => e.requestId)),
  ]);

  const filters: FilterValues = { ...query };
  const keep = new URLSearchParams(Object.entries(query).filter(([k]) => k !== "cursor" && k !== "verify"));
  // The page's own links keep the boxes as typed; the exports get the same window as the API's instants.
  const pageQuery = keep.toString();
  const exportQuery = new URLSearchParams(Object.entries(apiQuery).filter(([k]) => k !== "cursor" && k !== "verify")).toString();

  return (
    <>
      <ErrorSummary fields={Object.fromEntries(Object.entries(errors).map(([k, v]) => [`filter-${k}`, v]))} />
      <h1 className="mb-2 text-3xl font-bold">Change log</h1>
      <p className="mb-6">
        Every change to CSMS access and every security event, newest first. Times are UK time. See also the{" "}
        <Link href="/audit/access">profile access log</Link>.
      </p>
      <ChainStatus result={chain} />
      <FilterForm values={filters} errors={errors} action="/audit" />
      <p className="mb-4">
        Download these results: <a href={`/api/v1/audit/export.csv${exportQuery ? `?${exportQuery}` : ""}`}>CSV</a> ·{" "}
        <a href={`/api/v1/audit/export.jsonl${exportQuery ? `?${exportQuery}` : ""}`}>JSON lines</a>
      </p>
      <div className="card">
        <EventsTable events={page.events} caption="Changes, newest first" references={references} />
      </div>
      <nav aria-label="Change log pages" className="flex gap-4">
        {query.cursor && <Link href={`/audit${pageQuery ? `?${pageQuery}` : ""}`}>Newest changes</Link>}
        {page.nextCursor !== null && <Link href={`/audit?${new URLSearchParams({ ...Object.fromEntries(keep), cursor: String(page.nextCursor) })}`}>Older changes</Link>}
      </nav>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { FilterForm } from "@/components/audit/filter-form";
import { ErrorSummary } from "@/components/forms/error-summary";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { UkDateTime } from "@/components/ui/uk-time";
import { singleValues, type RawSearchParams } from "@/lib/search-params";
import { listAccessLog } from "@/lib/data/audit";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { readFilterPage } from "@/lib/validations/audit";

export const generateMetadata = (): Promise<Metadata> => pageMetadata({ kind: "audit:read" }, "Profile access log");

type Props = { searchParams: Promise<RawSearchParams> };

export default async function AccessLogPage({ searchParams }: Props) {
  await authorisePage({ kind: "audit:read" }, "/audit/access");
  const query = singleValues(await searchParams);
  const { filter, errors } = readFilterPage(query);
  const page = filter ? await listAccessLog(filter) : { entries: [], nextCursor: null };
  const keep = new URLSearchParams(Object.entries(query).filter(([k]) => k !== "cursor"));

  return (
    <>
      <ErrorSummary fields={Object.fromEntries(Object.entries(errors).map(([k, v]) => [`filter-${k}`, v]))} />
      <h1 className="mb-2 text-3xl font-bold">Profile access log</h1>
      <p className="mb-6">Who looked at whose profile, newest first. Times are UK time. <Link href="/audit">Back to the change log</Link>.</p>
      <FilterForm values={query} errors={errors} action="/audit/access" withActions={false} />
      <div className="card">
        {page.entries.length === 0 ? (
          <p>No profile views match.</p>
        ) : (
          <table className="table">
            <caption className="sr-only">Profile views, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who looked</th>
                <th scope="col">Profile</th>
                <th scope="col">Through</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((e) => (
                <tr key={e.id}>
                  <td data-label="When"><UkDateTime at={e.occurredAt} /></td>
                  <td data-label="Who looked" className="break-all">{e.actorEmail}</td>
                  <td data-label="Profile">
                    <Link href={`/people/${e.smartcardId}`}>{e.personName} ({formatSmartcardId(e.smartcardId)})</Link>
                  </td>
                  <td data-label="Through">{e.via === "api" ? "JSON API" : "Console page"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {page.nextCursor !== null && (
        <nav aria-label="Access log pages">
          <Link href={`/audit/access?${new URLSearchParams({ ...Object.fromEntries(keep), cursor: String(page.nextCursor) })}`}>Older views</Link>
        </nav>
      )}
    </>
  );
}

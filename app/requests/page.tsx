import type { Metadata } from "next";
import Link from "next/link";
import { ErrorSummary } from "@/components/forms/error-summary";
import { EmailIntakeForm } from "@/components/requests/email-intake-form";
import { categoryNames, InboxTable } from "@/components/requests/inbox-table";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { singleValues, type RawSearchParams } from "@/lib/search-params";
import { canChangeAnything } from "@/lib/auth/rules";
import { loadInbox } from "@/lib/services/request-inbox";
import { requestStatuses, requestStatusNames } from "@/lib/validations/request";

export const generateMetadata = (): Promise<Metadata> => pageMetadata({ kind: "request:inbox" }, "Requests");

type Props = { searchParams: Promise<RawSearchParams> };

export default async function InboxPage({ searchParams }: Props) {
  await authorisePage({ kind: "request:inbox" }, "/requests");
  const query = singleValues(await searchParams);
  const { actor, rows, counts, unrouted, nextCursor, errors } = await loadInbox(query);
  const now = new Date();
  const keep = new URLSearchParams(Object.entries(query).filter(([k]) => k !== "cursor"));

  return (
    <>
      <ErrorSummary fields={Object.fromEntries(Object.entries(errors).map(([k, v]) => [`inbox-${k}`, v]))} />
      <h1 className="mb-2 text-3xl font-bold">Requests</h1>
      <p className="mb-4">Access help requests, oldest first. Open requests turn amber after 2 working days and red after 5.</p>
      <ul className="mb-6 flex flex-wrap gap-3" aria-label="Requests by status">
        {requestStatuses.map((status) => (
          <li key={status}>
            <Link href={`/requests?status=${status}`} className="card mb-0 inline-block px-4 py-2 no-underline">
              <span className="block text-2xl font-bold">{counts[status]}</span> {requestStatusNames[status]}
            </Link>
          </li>
        ))}
        {unrouted !== null && (
          <li>
            <Link href="/requests?queue=unrouted" className={`card mb-0 inline-block px-4 py-2 no-underline ${unrouted > 0 ? "border-l-8 border-l-nhs-warm-yellow" : ""}`}>
              <span className="block text-2xl font-bold" data-testid="unrouted-count">{unrouted}</span> No RA for this organisation
            </Link>
          </li>
        )}
      </ul>
      <form method="get" action="/requests" role="search" className="card" aria-labelledby="inbox-search-heading">
        <h2 id="inbox-search-heading" className="mb-1 text-xl font-bold">Find a request</h2>
        <label htmlFor="inbox-q" className="label">Reference, smartcard ID, name or email</label>
        <span id="inbox-q-hint" className="hint">For example CSMS-7K4M2P9Q, 5555 0000 0001 or jo.bloggs@nhs.net. Searches closed requests too.</span>
        <div className="flex flex-wrap gap-3">
          <input id="inbox-q" name="q" type="search" defaultValue={query.q ?? ""} aria-describedby="inbox-q-hint" className="input mb-0" maxLength={100} autoComplete="off" />
          <button type="submit" className="button">Search</button>
        </div>
      </form>
      {query.queue === "unrouted" && (
        <p className="mb-4 border-l-8 border-nhs-warm-yellow bg-white p-3" data-testid="unrouted-intro">
          These requests are for organisations no RA officer in this console acts for. Read each one, then either move it to an
          organisation the console covers (attach the right ODS code), deal with it, or reject it with directions to the requester&apos;s
          own Registration Authority.
        </p>
      )}
      <form method="get" action="/requests" className="card" aria-labelledby="inbox-filter-heading">
        <h2 id="inbox-filter-heading" className="mb-3 text-xl font-bold">Filter</h2>
        <div className="grid gap-x-6 sm:grid-cols-2">
          <div className="mb-4">
            <label htmlFor="inbox-status" className="label">Status</label>
            <select id="inbox-status" name="status" defaultValue={query.status ?? ""} className="input">
              <option value="">All open requests</option>
              {requestStatuses.map((s) => (
                <option key={s} value={s}>{requestStatusNames[s]}</option>
              ))}
            </select>
          </div>
          <div className="mb-4">
            <label htmlFor="inbox-category" className="label">Category</label>
            <select id="inbox-category" name="category" defaultValue={query.category ?? ""} className="input">
              <option value="">Any category</option>
              {Object.entries(categoryNames).map(([value, label]) => (
                <option key={value} value={value}>{label}</option>
              ))}
            </select>
          </div>
          <div className="mb-4">
            <label htmlFor="inbox-odsCode" className="label">Organisation (ODS code)</label>
            <input id="inbox-odsCode" name="odsCode" defaultValue={query.odsCode ?? ""} className="input" maxLength={10} />
          </div>
          <div className="mb-4 flex items-end gap-2">
            <input id="inbox-mine" type="checkbox" name="mine" value="1" defaultChecked={query.mine === "1"} className="h-6 w-6" />
            <label htmlFor="inbox-mine" className="font-bold">Assigned to me</label>
          </div>
        </div>
        <button type="submit" className="button mr-4">Apply filters</button>
        <Link href="/requests">Clear filters</Link>
      </form>
      <div className="card">
        <InboxTable rows={rows} now={now} />
      </div>
      {nextCursor && (
        <nav aria-label="Request pages" className="mb-6">
          <Link href={`/requests?${new URLSearchParams({ ...Object.fromEntries(keep), cursor: nextCursor })}`}>More requests</Link>
        </nav>
      )}
      {canChangeAnything(actor) && (
        <details className="card">
          <summary className="cursor-pointer text-xl font-bold text-nhs-blue">Add a request from an email</summary>
          <div className="mt-4">
            <EmailIntakeForm />
          </div>
        </details>
      )}
    </>
  );
}

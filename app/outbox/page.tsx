import type { Metadata } from "next";
import Link from "next/link";
import { RetryButton } from "@/components/outbox/retry-button";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { singleValues, type RawSearchParams } from "@/lib/search-params";
import { UkDateTime } from "@/components/ui/uk-time";
import { emailStatusNames } from "@/lib/format";
import { loadOutbox } from "@/lib/services/outbox";

export const generateMetadata = (): Promise<Metadata> => pageMetadata({ kind: "outbox:read" }, "Outbox");

const statuses = ["pending", "sending", "sent", "failed"] as const;
const when = (d: Date | null) => (d ? <UkDateTime at={d} /> : "—");

type Props = { searchParams: Promise<RawSearchParams> };

export default async function OutboxPage({ searchParams }: Props) {
  const actor = await authorisePage({ kind: "outbox:read" }, "/outbox");
  const { emails, counts, status, sending } = await loadOutbox(actor, singleValues(await searchParams));

  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">Outbox</h1>
      <p className="mb-4 max-w-3xl">
        Emails to requesters, newest first. Each is written with the change that caused it and sent once; a failed delivery is retried
        after 1, 5, 30 and 120 minutes, then marked failed with the reason.
      </p>
      {!sending && (
        <p className="mb-6 border-l-8 border-nhs-warm-yellow bg-white p-3" data-testid="mail-off">
          Email is not being sent from this server: SMTP_URL is not set. Emails wait here until it is; the README says how to set it.
        </p>
      )}
      <ul className="mb-6 flex flex-wrap gap-3" aria-label="Emails by status">
        <li>
          <Link href="/outbox" aria-current={status === null ? "page" : undefined} className="card mb-0 inline-block px-4 py-2 no-underline">All</Link>
        </li>
        {statuses.map((s) => (
          <li key={s}>
            <Link href={`/outbox?status=${s}`} aria-current={status === s ? "page" : undefined} className="card mb-0 inline-block px-4 py-2 no-underline">
              <span className="block text-2xl font-bold">{counts[s]}</span> {emailStatusNames[s]}
            </Link>
          </li>
        ))}
      </ul>
      <div className="card">
        {emails.length === 0 ? (
          <p>No emails.</p>
        ) : (
          <table className="table">
            <caption className="sr-only">Emails, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Queued</th>
                <th scope="col">To and subject</th>
                <th scope="col">Request</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr key={email.id}>
                  <td data-label="Queued">{when(email.createdAt)}</td>
                  <td data-label="To and subject" className="wrap-anywhere">
                    {email.to}
                    <span className="block">{email.subject}</span>
                  </td>
                  <td data-label="Request">{email.reference && email.requestId ? <Link href={`/requests/${email.requestId}`}>{email.reference}</Link> : "—"}</td>
                  <td data-label="Status">
                    <strong>{emailStatusNames[email.status] ?? email.status}</strong>
                    <span className="block text-sm">
                      {email.status === "sent" ? <>at {when(email.sentAt)}</> : `${email.attempts} attempt${email.attempts === 1 ? "" : "s"}`}
                    </span>
                    {email.lastError && <span className="block text-sm text-nhs-red">{email.lastError}</span>}
                    {email.status === "failed" && <RetryButton id={email.id} subject={email.subject} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}

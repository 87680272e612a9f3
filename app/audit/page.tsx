import type { Metadata } from "next";
import Link from "next/link";
import { authorisePage } from "@/lib/auth/authorise";
import { listAuditEvents } from "@/lib/data/audit";
import { describeAuditEvent } from "@/lib/domain/audit-text";
import { formatSmartcardId } from "@/lib/domain/smartcard";

export const metadata: Metadata = { title: "Change log" };

type Props = { searchParams: Promise<{ before?: string }> };

const PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: Props) {
  await authorisePage({ kind: "audit:read" }, "/audit");
  const { before } = await searchParams;
  const cursor = before && /^\d{1,15}$/.test(before) ? Number(before) : undefined;
  const { events, nextCursor } = await listAuditEvents({ before: cursor, limit: PAGE_SIZE });

  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">Change log</h1>
      <p className="mb-6">Every change to CSMS access, newest first. Times are UTC.</p>
      {before !== undefined && cursor === undefined && (
        <p className="card border-l-8 border-l-nhs-red">That page link is not valid, so the newest changes are shown.</p>
      )}
      <div className="card overflow-x-auto">
        {events.length === 0 ? (
          <p>No changes recorded yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">Change</th>
                <th scope="col">Person</th>
                <th scope="col">Reason</th>
                <th scope="col">Request</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap">{e.occurredAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td>{e.actorEmail}</td>
                  <td>
                    {describeAuditEvent(e)}
                    {e.orgName && <span className="block text-sm text-nhs-grey">{e.orgName}</span>}
                  </td>
                  <td>
                    {e.smartcardId ? (
                      <Link href={`/people/${e.smartcardId}`}>
                        {e.personName} <span className="whitespace-nowrap">({formatSmartcardId(e.smartcardId)})</span>
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="whitespace-pre-wrap break-words">{e.reason ?? "—"}</td>
                  <td>{e.requestId ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <nav aria-label="Change log pages" className="flex gap-4">
        {cursor !== undefined && <Link href="/audit">Newest changes</Link>}
        {nextCursor !== null && <Link href={`/audit?before=${nextCursor}`}>Older changes</Link>}
      </nav>
    </>
  );
}

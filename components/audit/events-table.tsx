import Link from "next/link";
import type { AuditEventRow } from "@/lib/data/audit";
import { describeAuditEvent } from "@/lib/domain/audit-text";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { ukDateTime } from "@/lib/dates";


type Props = { events: AuditEventRow[]; caption: string; empty?: string; references?: Record<string, string> };

export function EventsTable({ events, caption, empty = "No changes match.", references = {} }: Props) {
  if (events.length === 0) return <p>{empty}</p>;
  return (
    <table className="table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
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
            <td data-label="When">
              <Link href={`/audit/${e.id}`} aria-label={`Event ${e.id} at ${ukDateTime(e.occurredAt)}`}>
                <time dateTime={e.occurredAt.toISOString()}>{ukDateTime(e.occurredAt)}</time>
              </Link>
            </td>
            <td data-label="Who" className="wrap-anywhere">
              {e.actorName ?? e.actorEmail}
              {e.actorName && <span className="block break-all text-sm text-nhs-grey">{e.actorEmail}</span>}
            </td>
            <td data-label="Change">
              {describeAuditEvent(e)}
              {e.orgName && <span className="block text-sm text-nhs-grey">{e.orgName}</span>}
            </td>
            <td data-label="Person">
              {e.smartcardId ? (
                <Link href={`/people/${e.smartcardId}`}>
                  {e.personName} <span className="whitespace-nowrap">({formatSmartcardId(e.smartcardId)})</span>
                </Link>
              ) : (
                "—"
              )}
            </td>
            <td data-label="Reason" className="whitespace-pre-wrap wrap-anywhere">{e.reason ?? "—"}</td>
            <td data-label="Request">{e.requestId ? <Link href={`/requests/${e.requestId}`}>{references[e.requestId] ?? e.requestId}</Link> : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

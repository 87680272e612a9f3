import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { authorisePage } from "@/lib/auth/authorise";
import { utc } from "@/lib/format";
import { findAuditEvent } from "@/lib/data/audit";
import { requestReferences } from "@/lib/data/requests";
import { auditActions, describeAuditEvent, describeDiff, type AuditAction } from "@/lib/domain/audit-text";
import { formatSmartcardId } from "@/lib/domain/smartcard";

export const metadata: Metadata = { title: "Change" };

type Props = { params: Promise<{ eventId: string }> };

export default async function AuditEventPage({ params }: Props) {
  const { eventId } = await params;
  await authorisePage({ kind: "audit:read" }, `/audit/${encodeURIComponent(eventId)}`);
  if (!/^\d{1,15}$/.test(eventId)) notFound();
  const event = await findAuditEvent(Number(eventId));
  if (!event) notFound();
  const diff = describeDiff(event.before, event.after);
  const references = await requestReferences([event.requestId]);

  return (
    <>
      <p className="mb-4"><Link href="/audit">Back to the change log</Link></p>
      <h1 className="mb-4 text-3xl font-bold">{describeAuditEvent(event)}</h1>
      <div className="card">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
          <dt className="font-bold">Event</dt>
          <dd>{event.id}</dd>
          <dt className="font-bold">When (UTC)</dt>
          <dd>{utc(event.occurredAt)}</dd>
          <dt className="font-bold">Who</dt>
          <dd>{event.actorName ? `${event.actorName} (${event.actorEmail})` : event.actorEmail}</dd>
          <dt className="font-bold">Action</dt>
          <dd>{event.action in auditActions ? auditActions[event.action as AuditAction] : event.action}</dd>
          <dt className="font-bold">Person</dt>
          <dd>
            {event.smartcardId ? (
              <Link href={`/people/${event.smartcardId}`}>{event.personName} ({formatSmartcardId(event.smartcardId)})</Link>
            ) : (
              "—"
            )}
          </dd>
          <dt className="font-bold">Organisation</dt>
          <dd>{event.odsCode ? `${event.odsCode} ${event.orgName ?? ""}` : "—"}</dd>
          <dt className="font-bold">Job role</dt>
          <dd>{event.roleCode ? `${event.roleCode} ${event.roleName ?? ""}` : "—"}</dd>
          <dt className="font-bold">Reason</dt>
          <dd className="whitespace-pre-wrap wrap-anywhere">{event.reason ?? "—"}</dd>
          <dt className="font-bold">Request</dt>
          <dd>{event.requestId ? <Link href={`/requests/${event.requestId}`}>{references[event.requestId] ?? event.requestId}</Link> : "—"}</dd>
          <dt className="font-bold">Hash</dt>
          <dd className="break-all font-mono text-sm">{event.hash}</dd>
        </dl>
      </div>
      {diff.length > 0 && (
        <section className="card" aria-labelledby="diff-heading">
          <h2 id="diff-heading" className="mb-2 text-xl font-bold">Before and after</h2>
          <ul className="list-disc pl-6">
            {diff.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

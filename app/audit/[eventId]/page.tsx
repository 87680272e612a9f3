import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { auditEventTitle, NOT_FOUND_TITLE } from "@/lib/page-title";
import { UkDateTime } from "@/components/ui/uk-time";
import { findAuditEvent } from "@/lib/data/audit";
import { requestReferences } from "@/lib/data/requests";
import { auditActions, describeAuditEvent, describeDiff, type AuditAction } from "@/lib/domain/audit-text";
import { formatSmartcardId } from "@/lib/domain/smartcard";

type Props = { params: Promise<{ eventId: string }> };

// The title and the page read the event once between them.
const eventOnce = cache(async (eventId: string) => (/^\d{1,15}$/.test(eventId) ? findAuditEvent(Number(eventId)) : null));
const actionName = (action: string) => (action in auditActions ? auditActions[action as AuditAction] : action);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { eventId } = await params;
  return pageMetadata({ kind: "audit:read" }, "Change", async () => {
    const event = await eventOnce(eventId);
    return event ? auditEventTitle(event.id, actionName(event.action)) : NOT_FOUND_TITLE;
  });
}

export default async function AuditEventPage({ params }: Props) {
  const { eventId } = await params;
  await authorisePage({ kind: "audit:read" }, `/audit/${encodeURIComponent(eventId)}`);
  const event = await eventOnce(eventId);
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
          <dt className="font-bold">When</dt>
          <dd><UkDateTime at={event.occurredAt} /></dd>
          <dt className="font-bold">Who</dt>
          <dd>{event.actorName ? `${event.actorName} (${event.actorEmail})` : event.actorEmail}</dd>
          <dt className="font-bold">Action</dt>
          <dd>{actionName(event.action)}</dd>
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

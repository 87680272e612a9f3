import "server-only";
import type { Tx } from "./db";
import { queueEmail } from "./outbox";
import { composeRequestEmail, type EmailKind } from "@/lib/domain/request-emails";
import { publicUrl } from "@/lib/mail/links";

// The emails a request's own changes cause, queued inside the change's transaction (lib/data/outbox.ts).

type RequestRow = { id: string; reference: string; name: string; email: string; status: string; reply: string | null; rejectionReason: string | null };

const statusUrl = () => publicUrl("/requests/status");

export async function queueReceivedEmail(tx: Tx, row: RequestRow, routing: { routed: boolean; orgName: string | null }) {
  await queue(tx, row, "request_received", { ...routing });
}

/** One email for each change of status: the reply when resolved, the reason when rejected, what is needed when waiting. */
export async function queueStatusEmail(tx: Tx, row: RequestRow, message: string | null) {
  const kind: EmailKind = row.status === "resolved" ? "resolved" : row.status === "rejected" ? "rejected" : "status_changed";
  await queue(tx, row, kind, { message });
}

export async function queueReplyReceivedEmail(tx: Tx, row: RequestRow) {
  await queue(tx, row, "reply_received", {});
}

async function queue(tx: Tx, row: RequestRow, kind: EmailKind, extra: { routed?: boolean; orgName?: string | null; message?: string | null }) {
  const composed = composeRequestEmail({
    kind,
    reference: row.reference,
    requesterName: row.name,
    status: row.status,
    routed: extra.routed ?? true,
    orgName: extra.orgName ?? null,
    reply: row.reply,
    reason: row.rejectionReason,
    message: extra.message ?? null,
    statusUrl: statusUrl(),
  });
  await queueEmail(tx, { requestId: row.id, to: row.email, kind, ...composed });
}

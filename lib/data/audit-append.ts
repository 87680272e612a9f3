// Appending one event to the change log's keyed hash chain. Free of server-only imports so that the seed,
// which writes the log's baseline event, appends exactly as the console does.
import type { Prisma } from "../../generated/prisma/client";
import { chainHash, GENESIS_HASH } from "./audit-chain";

/** Who did it; security events such as a failed sign-in have an email but no console user id or name. */
export type Actor = { id: number | null; email: string; name?: string | null };

export type AuditDraft = {
  action: string;
  personId?: number | null;
  smartcardId?: string | null;
  personName?: string | null;
  odsCode?: string | null;
  orgName?: string | null;
  roleCode?: string | null;
  roleName?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  requestId?: string | null;
  safeguards?: Safeguards | null;
};

/** Why a change was allowed past a safeguard; kept on its audit event (inside the keyed hash). */
export type Safeguards = {
  identity?: { method: string; note: string; confirmedBy: string };
  igWarning?: { warnings: string[]; justification: string };
  // A second person approved it: who proposed, who approved, and why it needed them.
  approval?: { pendingChangeId: string; proposedBy: string; approvedBy: string; why: string[]; note?: string };
  // One row of a bulk file: every row of one upload carries the same batch id, and its line in the file.
  batch?: { id: string; line: number; file?: string };
};

export async function appendAuditEvent(tx: Prisma.TransactionClient, actor: Actor, draft: AuditDraft): Promise<void> {
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true, occurredAt: true } });
  // Time never runs backwards along the chain (even if the clock does), so a date range is an id range.
  const now = new Date();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = {
    id: (last?.id ?? 0) + 1,
    occurredAt: last && last.occurredAt > now ? last.occurredAt : now,
    actorId: actor.id,
    actorEmail: actor.email,
    actorName: actor.name ?? null,
    action: draft.action,
    personId: draft.personId ?? null,
    smartcardId: draft.smartcardId ?? null,
    personName: draft.personName ?? null,
    odsCode: draft.odsCode ?? null,
    orgName: draft.orgName ?? null,
    roleCode: draft.roleCode ?? null,
    roleName: draft.roleName ?? null,
    before: draft.before === undefined ? null : JSON.stringify(draft.before),
    after: draft.after === undefined ? null : JSON.stringify(draft.after),
    reason: draft.reason ?? null,
    requestId: draft.requestId ?? null,
    safeguards: draft.safeguards ? JSON.stringify(draft.safeguards) : null,
  };
  await tx.auditEvent.create({ data: { ...fields, prevHash, hash: chainHash(prevHash, fields) } });
}

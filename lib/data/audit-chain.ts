import { createHmac } from "node:crypto";

// Fields covered by the chained hash, in a fixed order so the hash is reproducible by the verifier.
export type ChainedFields = {
  id: number;
  occurredAt: Date;
  actorId: number | null;
  actorEmail: string;
  actorName?: string | null;
  action: string;
  personId: number | null;
  smartcardId: string | null;
  personName: string | null;
  odsCode: string | null;
  orgName: string | null;
  roleCode: string | null;
  roleName: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
  requestId: string | null;
  safeguards?: string | null;
};

export const GENESIS_HASH = "0".repeat(64);

function auditKey(): string {
  const key = process.env.AUDIT_HMAC_KEY;
  if (!key) throw new Error("AUDIT_HMAC_KEY is not set: run `npm run setup` or set it in the environment");
  return key;
}

/** Keyed so that someone with database access alone cannot recompute the chain after editing it. */
export function chainHash(prevHash: string, event: ChainedFields): string {
  const fields: unknown[] = [
    event.id,
    event.occurredAt.toISOString(),
    event.actorId,
    event.actorEmail,
    event.action,
    event.personId,
    event.smartcardId,
    event.personName,
    event.odsCode,
    event.orgName,
    event.roleCode,
    event.roleName,
    event.before,
    event.after,
    event.reason,
    event.requestId,
  ];
  // Added after the first release, and only when present: events written before it hash exactly as they
  // did, while adding, removing or changing a name on any event still breaks its hash.
  if (event.actorName != null) fields.push(event.actorName);
  // Same rule for the safeguards behind a change; tagged so it can never pass for an actor name.
  if (event.safeguards != null) fields.push({ safeguards: event.safeguards });
  const canonical = JSON.stringify(fields);
  return createHmac("sha256", auditKey()).update(prevHash).update("\n").update(canonical).digest("hex");
}

// The profile access log: who looked at whose profile. A chain of its own, keyed with the same key.
export type AccessLogFields = {
  id: number;
  occurredAt: Date;
  actorId: number;
  actorEmail: string;
  personId: number;
  smartcardId: string;
  personName: string;
  via: string;
};

/** Tagged so that an access-log hash can never stand in for a change-log one, or the other way round. */
export function accessLogHash(prevHash: string, entry: AccessLogFields): string {
  const canonical = JSON.stringify([
    entry.id,
    entry.occurredAt.toISOString(),
    entry.actorId,
    entry.actorEmail,
    entry.personId,
    entry.smartcardId,
    entry.personName,
    entry.via,
  ]);
  return createHmac("sha256", auditKey()).update("access-log\n").update(prevHash).update("\n").update(canonical).digest("hex");
}

import "server-only";
import { assertAllowed, authorise } from "@/lib/auth/authorise";
import type { ConsoleActor } from "@/lib/auth/rules";
import {
  approvalReasonText,
  createPendingChange,
  findPendingChange,
  listPendingChanges,
  readSafeguards,
  rejectPendingChange,
  type ApprovalReason,
  type PendingKind,
} from "@/lib/data/pending-changes";
import { ConsoleError, badInput, forbidden, notFound } from "@/lib/errors";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { parseInput } from "@/lib/validations/parse";
import { AskChangeSchema, DecideChangeSchema } from "@/lib/validations/person";
import { changes, checkOrganisation, checkRequestLink, grantOf, profileOrThrow, refuseImpossible, type ParsedChange } from "./person-changes";
import { igWarnings } from "@/lib/domain/ig-guard";
import { ukDay } from "@/lib/domain/grant-dates";

/** An RA agent asks for a workgroup change they may not make; it waits for an advanced RA agent or RA manager. */
export async function askForChange(input: unknown) {
  const actor = await authorise({ kind: "person:change-any" });
  const ask = parseInput(AskChangeSchema, input);
  await checkOrganisation(ask.odsCode);
  await assertAllowed(actor, { kind: "change:ask", smartcardId: ask.smartcardId, odsCode: ask.odsCode });
  const safeguards = await checkRequestLink(actor, ask);
  const profile = await profileOrThrow(ask.smartcardId);
  refuseImpossible(ask.kind, { ...ask, roleCode: "", version: profile.version } as ParsedChange, profile);
  const why: ApprovalReason[] = ["asked"];
  const grant = grantOf(ask.kind, ask);
  // The asker cannot acknowledge an IG warning for a change they may not make: the approver answers it.
  if (grant && igWarnings(profile.verdictInput, grant).length > 0) why.push("ig_warning");
  if (safeguards?.identity) why.push("identity_confirmed_alone");
  const row = await createPendingChange(actor, {
    kind: ask.kind,
    smartcardId: ask.smartcardId,
    odsCode: ask.odsCode,
    reason: ask.reason,
    requestId: ask.requestId,
    endsAt: ask.endDate ?? null,
    version: ask.version ?? profile.version,
    why,
    safeguards,
  });
  return { id: row.id, message: "Asked: an advanced RA agent or RA manager will see it in their approvals." };
}

/** Approving applies the stored change through the same checked, audited path; rejecting records why. */
export async function decideChange(input: unknown) {
  const actor = await authorise({ kind: "person:change-any" });
  const decision = parseInput(DecideChangeSchema, input);
  const pending = await findPendingChange(decision.id);
  if (!pending) throw notFound("There is no pending change with that reference.");
  await assertAllowed(actor, { kind: "change:decide", smartcardId: pending.smartcardId, odsCode: pending.odsCode, proposedById: pending.proposedById });
  if (pending.status !== "pending") throw badInput(`This change has already been decided (${pending.status}).`);
  if (pending.expiresAt && pending.expiresAt <= new Date()) {
    throw new ConsoleError("version_conflict", "This change waited more than 7 days and has expired: propose it again if it is still needed.");
  }
  // A grant proposed with an end date that has since begun would be made already ended: refuse it instead.
  if (decision.decision === "approve" && pending.endsAt && pending.endsAt <= new Date()) throw new ConsoleError("version_conflict", "The end date of this change has passed: reject it, and propose it again with a new end date if it is still needed.");
  if (decision.decision === "reject") {
    await rejectPendingChange(actor, pending.id, decision.reason!);
    return { message: "Rejected. The reason is in the change log.", smartcardId: pending.smartcardId };
  }

  const kind = pending.kind as PendingKind;
  const subject = kind.startsWith("role") ? "role" : "workgroup";
  await assertAllowed(actor, { kind: "person:change", smartcardId: pending.smartcardId, odsCode: pending.odsCode, subject });
  const profile = await profileOrThrow(pending.smartcardId);
  if (pending.personVersion !== null && profile.version !== pending.personVersion) {
    throw new ConsoleError(
      "version_conflict",
      `${formatSmartcardId(pending.smartcardId)}'s profile changed after this was proposed, so it may no longer be right: reject it and propose it again if it is still needed.`,
    );
  }
  const identity = await checkRequestLink(actor, { requestId: pending.requestId ?? undefined, smartcardId: pending.smartcardId });
  if (identity?.identity && identity.identity.confirmedBy === actor.email) {
    throw forbidden("You confirmed this requester's identity yourself: another advanced RA agent or RA manager must approve the change.");
  }
  const stored = readSafeguards(pending.safeguards);
  const justification = decision.justification ?? pending.justification ?? undefined;
  const change = parseInput(changes[kind].schema, {
    smartcardId: pending.smartcardId,
    odsCode: pending.odsCode,
    roleCode: pending.roleCode ?? undefined,
    reason: pending.reason,
    requestId: pending.requestId ?? undefined,
    version: profile.version,
  }) as ParsedChange;
  await changes[kind].run(actor, {
    ...change,
    endsAt: pending.endsAt,
    acknowledgeWarning: justification !== undefined,
    justification,
    pendingChangeId: pending.id,
    safeguards: {
      ...identity,
      approval: {
        pendingChangeId: pending.id,
        proposedBy: pending.proposedBy.email,
        approvedBy: actor.email,
        why: stored.why,
        ...(decision.reason ? { note: decision.reason } : {}),
      },
    },
  });
  return { message: `Approved and made: ${changes[kind].done}`, smartcardId: pending.smartcardId };
}

export type ApprovalView = Awaited<ReturnType<typeof listPendingChanges>>[number] & { why: string[]; mine: boolean };

/** The approvals queue: changes at the officer's organisations, each saying why it waits; never one's own to decide. */
export async function loadApprovals(actor?: ConsoleActor): Promise<{ actor: ConsoleActor; pending: ApprovalView[] }> {
  const who = actor ?? (await authorise({ kind: "change:queue" }));
  const rows = await listPendingChanges(who.odsCodes);
  const pending = rows.map((row) => ({
    ...row,
    why: readSafeguards(row.safeguards).why.map((reason) => approvalReasonText[reason] ?? reason),
    mine: row.proposedById === who.id,
  }));
  return { actor: who, pending };
}

export function approvalJson(row: ApprovalView) {
  return {
    id: row.id,
    kind: row.kind,
    smartcardId: row.smartcardId,
    odsCode: row.odsCode,
    roleCode: row.roleCode,
    reason: row.reason,
    requestId: row.requestId,
    endDate: row.endsAt ? ukDay(row.endsAt) : null,
    justification: row.justification,
    why: row.why,
    proposedBy: row.proposedBy.email,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    personVersion: row.personVersion,
    // The caller's own proposals are listed so they can follow them, but someone else decides.
    canDecide: !row.mine,
  };
}

import "server-only";
import { randomUUID } from "node:crypto";
import { auditedChange, type Actor, type SystemEvent } from "./audited";
import { db } from "./db";
import { queueReceivedEmail, queueReplyReceivedEmail } from "./request-mail";
import { newReference, updateRequest } from "./requests";
import { badInput, notFound, requestChanged, versionConflict } from "@/lib/errors";
import { resumeClock } from "@/lib/domain/sla";

// Corrections and conversation on a request after it arrived: internal notes, the requester's replies,
// splitting a request that names several people, and the officer taking a request by fixing it.

/** An internal note (RA only). Notes do not change the request, so its version stays. */
export async function addInternalNote(actor: Actor & { id: number; name: string }, input: { id: string; text: string }) {
  return auditedChange(actor, async (tx) => {
    const request = await tx.accessRequest.findUnique({ where: { id: input.id }, select: { id: true, smartcardId: true, odsCode: true } });
    if (!request) throw notFound("There is no request with that reference.");
    const note = await tx.requestNote.create({ data: { id: randomUUID(), requestId: request.id, kind: "internal", authorId: actor.id, authorName: actor.name, text: input.text } });
    return {
      result: note,
      audit: { action: "request.note_added", requestId: request.id, smartcardId: request.smartcardId, odsCode: request.odsCode, after: { noteId: note.id, kind: "internal" }, reason: input.text },
    };
  });
}

/**
 * The requester answers through the status page (reference and email checked by the caller). A request that
 * was waiting for them goes back to the queue (in progress if someone has it, new otherwise) and its clock
 * runs again; the requester gets one email saying the reply arrived.
 */
export async function addRequesterReply(request: { id: string; email: string; name: string }, text: string) {
  const requestId = request.id;
  const actor: Actor = { id: null, email: request.email, name: request.name };
  return auditedChange(actor, async (tx) => {
    const before = await tx.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    if (before.status === "resolved" || before.status === "rejected") throw closedRequest();
    const now = new Date();
    const resuming = before.status === "waiting";
    const status = resuming ? (before.assignedToId ? "in_progress" : "new") : before.status;
    const claimed = await tx.accessRequest.updateMany({
      where: { id: requestId, version: before.version },
      data: {
        version: { increment: 1 },
        status,
        ...(resuming ? resumeClock(before, now) : {}),
      },
    });
    if (claimed.count !== 1) throw versionConflict("The request changed while your reply was being saved. Send it again.");
    await tx.requestNote.create({ data: { id: randomUUID(), requestId, kind: "requester", authorName: before.name, text } });
    const after = await tx.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    await queueReplyReceivedEmail(tx, after);
    return {
      result: after,
      audit: {
        action: "request.requester_replied",
        requestId,
        smartcardId: after.smartcardId,
        odsCode: after.odsCode,
        before: { status: before.status },
        after: { status: after.status },
        reason: text,
      },
    };
  });
}

const closedRequest = () =>
  badInput("This request is closed, so a reply cannot be added to it.", { message: "Send a new request instead, and quote this reference in it" });

/**
 * One request per person: the request keeps its own smartcard ID (or the first named) and every other ID
 * becomes a linked request with the same sender and message. Each new request and the split are audited.
 */
export async function splitRequest(actor: Actor & { id: number }, input: { id: string; version: number; smartcardIds: string[] }) {
  return auditedChange(actor, async (tx) => {
    const parent = await tx.accessRequest.findUnique({ where: { id: input.id } });
    if (!parent) throw notFound("There is no request with that reference.");
    const keep = parent.smartcardId ?? input.smartcardIds[0]!;
    const others = input.smartcardIds.filter((id) => id !== keep);
    if (others.length === 0) throw badInput("There is nothing to split.", { smartcardIds: "Choose at least one other smartcard ID named in the request" });
    const existing = await tx.accessRequest.findMany({ where: { parentId: parent.id }, select: { smartcardId: true } });
    const already = others.filter((id) => existing.some((e) => e.smartcardId === id));
    if (already.length > 0) throw badInput("Part of this request was split off already.", { smartcardIds: `Already split: ${already.join(", ")}` });
    const claimed = await tx.accessRequest.updateMany({
      where: { id: parent.id, version: input.version },
      data: { version: { increment: 1 }, smartcardId: keep },
    });
    if (claimed.count !== 1) throw requestChanged();
    const earlier: SystemEvent[] = [];
    const created: { id: string; reference: string; smartcardId: string }[] = [];
    for (const smartcardId of others) {
      const child = await tx.accessRequest.create({
        data: {
          id: randomUUID(),
          reference: newReference(),
          source: parent.source,
          name: parent.name,
          email: parent.email,
          odsCode: parent.odsCode,
          smartcardId,
          message: parent.message,
          category: parent.category,
          createdById: actor.id,
          parentId: parent.id,
          assignedToId: parent.assignedToId,
        },
      });
      created.push({ id: child.id, reference: child.reference, smartcardId });
      // The requester learns the new reference: the same first email as a request of its own.
      await queueReceivedEmail(tx, child, { routed: true, orgName: null });
      earlier.push({
        actor,
        draft: {
          action: "request.created",
          requestId: child.id,
          smartcardId,
          odsCode: child.odsCode,
          after: { status: child.status, category: child.category, source: child.source, reference: child.reference, splitFrom: parent.reference },
        },
      });
    }
    return {
      result: { id: parent.id, created },
      earlier,
      audit: {
        action: "request.split",
        requestId: parent.id,
        smartcardId: keep,
        odsCode: parent.odsCode,
        before: { smartcardId: parent.smartcardId },
        after: { smartcardId: keep, split: created.map((c) => ({ reference: c.reference, smartcardId: c.smartcardId })) },
      },
    };
  });
}

/**
 * Applying a fix for a request means the officer is working it: an open request that is new, waiting or
 * nobody's becomes theirs and in progress (one audited update, one email if its status changed). A request
 * someone else has, or that is closed, is left alone. Returns whether it changed.
 */
export async function takeRequestForFix(actor: Actor & { id: number; name?: string | null }, requestId: string): Promise<boolean> {
  const request = await db.accessRequest.findUnique({ where: { id: requestId }, select: { version: true, status: true, assignedToId: true } });
  if (!request || request.status === "resolved" || request.status === "rejected") return false;
  if (request.assignedToId !== null && request.assignedToId !== actor.id) return false;
  if (request.assignedToId === actor.id && request.status === "in_progress") return false;
  await updateRequest(actor, { id: requestId, version: request.version, assignedToId: actor.id, status: "in_progress" });
  return true;
}

export type IdentityConfirmation = { id: string; version: number; method: string; note: string };

/** Records how the officer confirmed the requester owns the profile; audited, and kept on the request. */
export async function confirmRequestIdentity(actor: Actor & { id: number }, confirmation: IdentityConfirmation) {
  return auditedChange(actor, async (tx) => {
    const claimed = await tx.accessRequest.updateMany({
      where: { id: confirmation.id, version: confirmation.version },
      data: {
        version: { increment: 1 },
        identityMethod: confirmation.method,
        identityNote: confirmation.note,
        identityConfirmedById: actor.id,
        identityConfirmedAt: new Date(),
      },
    });
    if (claimed.count !== 1) throw requestChanged();
    const row = await tx.accessRequest.findUniqueOrThrow({ where: { id: confirmation.id } });
    return {
      result: row,
      audit: {
        action: "request.identity_confirmed",
        requestId: row.id,
        smartcardId: row.smartcardId,
        odsCode: row.odsCode,
        after: { identityMethod: confirmation.method },
        reason: confirmation.note,
      },
    };
  });
}

/** What the requester and the RA said to each other (never the RA's internal notes), oldest first. */
export async function requesterConversation(requestId: string) {
  return db.requestNote.findMany({
    where: { requestId, kind: { in: ["requester", "to_requester"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { kind: true, text: true, createdAt: true },
  });
}

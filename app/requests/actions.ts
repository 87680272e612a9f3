"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { actionResult, clientIp } from "@/lib/action-result";
import { changeRequest, confirmIdentity, createRequestFromEmail, requestStatusForRequester, submitRequestForm } from "@/lib/services/requests";
import { addNote, replyAsRequester, split } from "@/lib/services/request-edits";
import { retryEmail } from "@/lib/services/outbox";

export async function submitRequestAction(input: unknown) {
  const ip = clientIp(await headers());
  return actionResult("submitRequestAction", () => submitRequestForm(input, ip));
}

export async function requestStatusAction(input: unknown) {
  const ip = clientIp(await headers());
  return actionResult("requestStatusAction", () => requestStatusForRequester(input, ip));
}

export async function createFromEmailAction(input: unknown) {
  const result = await actionResult("createFromEmailAction", () => createRequestFromEmail(input));
  if (result.ok) revalidatePath("/requests");
  return result;
}

export async function changeRequestAction(input: unknown) {
  const result = await actionResult("changeRequestAction", async () => {
    const row = await changeRequest(input);
    return { id: row.id, status: row.status, version: row.version };
  });
  if (result.ok) revalidatePath(`/requests/${result.value.id}`);
  return result;
}

export async function confirmIdentityAction(input: unknown) {
  const result = await actionResult("confirmIdentityAction", async () => {
    const row = await confirmIdentity(input);
    return { id: row.id, version: row.version };
  });
  if (result.ok) revalidatePath(`/requests/${result.value.id}`);
  return result;
}

export async function addNoteAction(input: unknown) {
  const result = await actionResult("addNoteAction", async () => {
    const note = await addNote(input);
    return { requestId: note.requestId };
  });
  if (result.ok) revalidatePath(`/requests/${result.value.requestId}`);
  return result;
}

export async function splitRequestAction(input: unknown) {
  const result = await actionResult("splitRequestAction", async () => {
    const done = await split(input);
    return { id: done.id, created: done.created.map((c) => ({ id: c.id, reference: c.reference })) };
  });
  if (result.ok) revalidatePath(`/requests/${result.value.id}`);
  return result;
}

export async function requesterReplyAction(input: unknown) {
  const ip = clientIp(await headers());
  return actionResult("requesterReplyAction", () => replyAsRequester(input, ip));
}

export async function retryEmailAction(input: unknown) {
  const result = await actionResult("retryEmailAction", () => retryEmail(input));
  if (result.ok) revalidatePath("/outbox");
  return result;
}

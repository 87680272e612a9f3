"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { actionResult, clientIp } from "@/lib/action-result";
import { changeRequest, confirmIdentity, createRequestFromEmail, requestStatusForRequester, submitRequestForm } from "@/lib/services/requests";

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

"use server";

import { revalidatePath } from "next/cache";
import { actionResult, type ActionFailure } from "@/lib/action-result";
import { askForChange, decideChange } from "@/lib/services/approvals";
import { changeKinds, changePerson, type ChangeKind } from "@/lib/services/person-changes";
import { changeGrantEndDate, reviewGrant } from "@/lib/services/reviews";

export type ChangeResult = { ok: true; message: string } | ActionFailure;

export async function changePersonAction(kind: ChangeKind, input: unknown): Promise<ChangeResult> {
  if (!changeKinds.includes(kind)) return { ok: false, status: 400, code: "bad_input", message: "Unknown kind of change." };
  const result = await actionResult("changePersonAction", () => changePerson(kind, input, { takeRequest: true }));
  if (!result.ok) return result;
  revalidatePath(`/people/${result.value.profile.smartcardId}`);
  return { ok: true, message: result.value.message };
}

/** Runs one service call for a form: its message on success, the typed failure otherwise; refreshes `path` after. */
async function messageAction(label: string, work: () => Promise<{ message: string }>, path?: string): Promise<ChangeResult> {
  const result = await actionResult(label, work);
  if (!result.ok) return result;
  if (path) revalidatePath(path);
  return { ok: true, message: result.value.message };
}

export async function askForChangeAction(input: unknown): Promise<ChangeResult> {
  return messageAction("askForChangeAction", () => askForChange(input), "/approvals");
}

export async function decideChangeAction(input: unknown): Promise<ChangeResult> {
  return messageAction("decideChangeAction", () => decideChange(input), "/approvals");
}

export async function reviewGrantAction(input: unknown): Promise<ChangeResult> {
  return messageAction("reviewGrantAction", () => reviewGrant(input), "/reviews");
}

export async function changeEndDateAction(input: unknown): Promise<ChangeResult> {
  return messageAction("changeEndDateAction", () => changeGrantEndDate(input));
}

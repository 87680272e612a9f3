"use server";

import { revalidatePath } from "next/cache";
import { actionResult, type ActionFailure } from "@/lib/action-result";
import { askForChange, changeKinds, changePerson, decideChange, type ChangeKind } from "@/lib/services/person-changes";

export type ChangeResult = { ok: true; message: string } | ActionFailure;

export async function changePersonAction(kind: ChangeKind, input: unknown): Promise<ChangeResult> {
  if (!changeKinds.includes(kind)) return { ok: false, status: 400, code: "bad_input", message: "Unknown kind of change." };
  const result = await actionResult("changePersonAction", () => changePerson(kind, input));
  if (!result.ok) return result;
  revalidatePath(`/people/${result.value.profile.smartcardId}`);
  return { ok: true, message: result.value.message };
}

export async function askForChangeAction(input: unknown): Promise<ChangeResult> {
  const result = await actionResult("askForChangeAction", () => askForChange(input));
  if (!result.ok) return result;
  revalidatePath("/approvals");
  return { ok: true, message: result.value.message };
}

export async function decideChangeAction(input: unknown): Promise<ChangeResult> {
  const result = await actionResult("decideChangeAction", () => decideChange(input));
  if (!result.ok) return result;
  revalidatePath("/approvals");
  return { ok: true, message: result.value.message };
}

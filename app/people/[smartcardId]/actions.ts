"use server";

import { revalidatePath } from "next/cache";
import { toProblem, type ErrorCode } from "@/lib/errors";
import { changeKinds, changePerson, type ChangeKind } from "@/lib/services/person-changes";

export type ChangeResult =
  | { ok: true; message: string }
  | { ok: false; status: number; code: ErrorCode; message: string; fields?: Record<string, string> };

export async function changePersonAction(kind: ChangeKind, input: unknown): Promise<ChangeResult> {
  if (!changeKinds.includes(kind)) return { ok: false, status: 400, code: "bad_input", message: "Unknown kind of change." };
  try {
    const { profile, message } = await changePerson(kind, input);
    revalidatePath(`/people/${profile.smartcardId}`);
    return { ok: true, message };
  } catch (error) {
    const problem = toProblem(error);
    if (problem) return { ok: false, ...problem };
    console.error("Unexpected failure in changePersonAction", kind, error);
    return { ok: false, status: 500, code: "server_error", message: "Something went wrong on our side; nothing was changed." };
  }
}

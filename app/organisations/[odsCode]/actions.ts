"use server";

import { revalidatePath } from "next/cache";
import { actionResult } from "@/lib/action-result";
import { createWorkgroupAtOrganisation } from "@/lib/services/organisation-workgroups";
import type { ChangeResult } from "@/app/people/[smartcardId]/actions";

export async function createOrganisationWorkgroupAction(input: unknown): Promise<ChangeResult> {
  const result = await actionResult("createOrganisationWorkgroupAction", () => createWorkgroupAtOrganisation(input));
  if (!result.ok) return result;
  revalidatePath(`/organisations/${result.value.organisation.odsCode}`);
  // Every profile with a position there now offers the workgroup instead of saying it is missing.
  revalidatePath("/people/[smartcardId]", "page");
  return { ok: true, message: result.value.message };
}

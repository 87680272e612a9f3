"use server";

import { revalidatePath } from "next/cache";
import { actionResult } from "@/lib/action-result";
import { changeConsoleUser, createConsoleUser, saveJobRole, signOutEverywhere } from "@/lib/services/admin";
import { applyJobRoleImport, previewJobRoleImport } from "@/lib/services/job-role-import";

export async function saveJobRoleAction(mode: "add" | "update", input: unknown) {
  const result = await actionResult("saveJobRoleAction", async () => (await saveJobRole(mode === "add" ? "add" : "update", input)).code);
  if (result.ok) revalidatePath("/job-roles");
  return result;
}

export async function createConsoleUserAction(input: unknown) {
  const result = await actionResult("createConsoleUserAction", () => createConsoleUser(input));
  if (result.ok) revalidatePath("/console-users");
  return result;
}

export async function changeConsoleUserAction(input: unknown) {
  const result = await actionResult("changeConsoleUserAction", () => changeConsoleUser(input));
  if (result.ok) revalidatePath("/console-users");
  return result;
}

export async function signOutEverywhereAction(input: unknown) {
  const result = await actionResult("signOutEverywhereAction", () => signOutEverywhere(input));
  if (result.ok) revalidatePath("/console-users");
  return result;
}

export async function previewJobRoleImportAction(input: unknown) {
  return actionResult("previewJobRoleImportAction", () => previewJobRoleImport(input));
}

export async function applyJobRoleImportAction(input: unknown) {
  const result = await actionResult("applyJobRoleImportAction", () => applyJobRoleImport(input));
  if (result.ok) revalidatePath("/job-roles");
  return result;
}

import "server-only";
import type { z } from "zod";
import { assertAllowed, authorise } from "@/lib/auth/authorise";
import { addRole, addWorkgroup, removeRole, removeWorkgroup } from "@/lib/data/changes";
import { findPersonProfile, type PersonProfile } from "@/lib/data/people";
import { organisationExists } from "@/lib/data/organisations";
import { requestExists } from "@/lib/data/requests";
import { badInput, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validations/parse";
import { AddRoleSchema, AddWorkgroupSchema, RemoveRoleSchema, RemoveWorkgroupSchema } from "@/lib/validations/person";

// The single path for a change to a person, shared by the pages' Server Actions and the JSON API.
const changes = {
  "role.add": { schema: AddRoleSchema, run: addRole, done: "Job role added." },
  "role.remove": { schema: RemoveRoleSchema, run: removeRole, done: "Job role removed." },
  "workgroup.add": { schema: AddWorkgroupSchema, run: addWorkgroup, done: "cervicalscreening workgroup added." },
  "workgroup.remove": { schema: RemoveWorkgroupSchema, run: removeWorkgroup, done: "cervicalscreening workgroup removed." },
} as const;

export type ChangeKind = keyof typeof changes;
export const changeKinds = Object.keys(changes) as ChangeKind[];

export async function changePerson(kind: ChangeKind, input: unknown): Promise<{ profile: PersonProfile; message: string }> {
  // Signed in and allowed to change anything at all comes before input checks: an auditor learns nothing from 400s.
  const actor = await authorise({ kind: "person:change-any" });
  const { schema, run, done } = changes[kind];
  const change = parseInput(schema, input) as z.output<typeof AddRoleSchema>;
  // An unknown organisation is bad input (400), not a question of scope (403).
  if (!(await organisationExists(change.odsCode))) {
    throw badInput("Check the organisation.", { odsCode: `No organisation with ODS code ${change.odsCode} is known to the console.` });
  }
  if (change.requestId && !(await requestExists(change.requestId))) {
    throw badInput("Check the request.", { requestId: "There is no request with that reference." });
  }
  await assertAllowed(actor, { kind: "person:change", smartcardId: change.smartcardId, odsCode: change.odsCode });
  await run(actor, change);
  const profile = await findPersonProfile(change.smartcardId);
  if (!profile) throw notFound(`No Care Identity profile with smartcard ID ${change.smartcardId}.`);
  return { profile, message: done };
}

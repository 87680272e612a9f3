import "server-only";
import { authorise } from "@/lib/auth/authorise";
import { recordProfileView } from "@/lib/data/audit";
import { findPersonProfile, personJson } from "@/lib/data/people";
import { notFound } from "@/lib/errors";
import { LookupSchema } from "@/lib/validations/person";
import { parseInput } from "@/lib/validations/parse";

const NO_PROFILE_MESSAGE = "There is no Care Identity profile with that smartcard ID.";

/** The API's read of a person: authorised, validated, and recorded in the access log. */
export async function readPerson(rawSmartcardId: string) {
  const actor = await authorise({ kind: "person:read" });
  const { smartcardId } = parseInput(LookupSchema, { smartcardId: rawSmartcardId });
  const profile = await findPersonProfile(smartcardId);
  if (!profile) throw notFound(NO_PROFILE_MESSAGE);
  await recordProfileView(actor, profile, "api");
  return personJson(profile);
}

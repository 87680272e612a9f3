import "server-only";
import { authorise } from "@/lib/auth/authorise";
import { findPersonProfile, personJson, type PersonProfile } from "@/lib/data/people";
import { notFound } from "@/lib/errors";
import { LookupSchema } from "@/lib/validations/person";
import { parseInput } from "@/lib/validations/parse";

export const NO_PROFILE_MESSAGE = "There is no Care Identity profile with that smartcard ID.";

export async function loadPerson(rawSmartcardId: string): Promise<PersonProfile> {
  await authorise({ kind: "person:read" });
  const { smartcardId } = parseInput(LookupSchema, { smartcardId: rawSmartcardId });
  const profile = await findPersonProfile(smartcardId);
  if (!profile) throw notFound(NO_PROFILE_MESSAGE);
  return profile;
}

export async function readPerson(rawSmartcardId: string) {
  return personJson(await loadPerson(rawSmartcardId));
}

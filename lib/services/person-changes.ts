import "server-only";
import { authorise } from "@/lib/auth/authorise";
import { changePersonAs, type ChangeKind, type ChangeOutcome } from "./person-change-core";

export * from "./person-change-core";

/**
 * `takeRequest`: the console's own forms work a request when they fix it, so a linked request becomes the
 * officer's and in progress (an audited update of its own). The JSON API keeps its contract of exactly one
 * event per mutation and leaves the request as it is.
 */
export async function changePerson(kind: ChangeKind, input: unknown, options: { takeRequest?: boolean } = {}): Promise<ChangeOutcome> {
  // Signed in and allowed to change anything at all comes before input checks: an auditor learns nothing from 400s.
  const actor = await authorise({ kind: "person:change-any" });
  return changePersonAs(actor, kind, input, options);
}

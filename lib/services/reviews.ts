import "server-only";
import { assertAllowed, authorise } from "@/lib/auth/authorise";
import type { ConsoleActor } from "@/lib/auth/rules";
import { changeEndDate, recertifyGrant } from "@/lib/data/changes";
import { listDueGrants, type DueGrant } from "@/lib/data/reviews";
import { activeGrantsAtClosedOrganisations } from "@/lib/data/ods-import";
import { ukDay } from "@/lib/domain/grant-dates";
import { ukDate } from "@/lib/dates";
import { parseOdsCode } from "@/lib/domain/ods";
import { badInput } from "@/lib/errors";
import { parseInput } from "@/lib/validations/parse";
import { EndDateChangeSchema, ReviewSchema } from "@/lib/validations/person";
import { changePerson, checkOrganisation, type ChangeOutcome } from "./person-changes";

/** Grants due for review at the officer's organisations, optionally one organisation. */
export async function loadReviews(query: { odsCode?: string }, actor?: ConsoleActor) {
  const who = actor ?? (await authorise({ kind: "review:work" }));
  let odsCode: string | undefined;
  if (query.odsCode) {
    const parsed = parseOdsCode(query.odsCode);
    if (!parsed.ok) throw badInput("Check the organisation filter.", { odsCode: parsed.message });
    odsCode = parsed.value.code;
  }
  return { actor: who, odsCode, grants: await listDueGrants(who.odsCodes, new Date(), odsCode) };
}

/** Active grants at the officer's organisations that the ODS data now marks closed: each needs a decision. */
export async function grantsAtClosedOrganisations(actor: ConsoleActor) {
  return activeGrantsAtClosedOrganisations(undefined, actor.odsCodes);
}

export function reviewJson(g: DueGrant) {
  return {
    kind: g.kind,
    smartcardId: g.smartcardId,
    name: g.personName,
    odsCode: g.odsCode,
    code: g.kind === "role" ? g.roleCode : "cervicalscreening",
    startedAt: g.startedAt.toISOString(),
    endDate: g.endsAt ? ukDay(g.endsAt) : null,
    lastReviewedAt: g.reviewedAt.toISOString(),
    reason: g.reason,
    dueOn: ukDay(g.dueAt),
    version: g.version,
  };
}

/** "Still needed" re-certifies the grant; "end now" ends it through the ordinary audited removal. */
export async function reviewGrant(input: unknown): Promise<ChangeOutcome | { message: string }> {
  const actor = await authorise({ kind: "review:work" });
  const review = parseInput(ReviewSchema, input);
  await checkOrganisation(review.odsCode);
  await assertAllowed(actor, { kind: "person:change", smartcardId: review.smartcardId, odsCode: review.odsCode, subject: review.kind });
  if (review.decision === "end_now") {
    return changePerson(review.kind === "role" ? "role.remove" : "workgroup.remove", { ...review, roleCode: review.roleCode ?? "" });
  }
  await recertifyGrant(actor, { ...review, endsAt: review.endDate });
  return {
    message: review.endDate
      ? `Re-certified: still needed until ${ukDate(review.endDate)}. It comes up for review again 14 days before then.`
      : "Re-certified: still needed. The next review is due in 12 months.",
  };
}

/** Sets, moves or clears a grant's end date, with a reason for the change log. */
export async function changeGrantEndDate(input: unknown) {
  const actor = await authorise({ kind: "person:change-any" });
  const change = parseInput(EndDateChangeSchema, input);
  await checkOrganisation(change.odsCode);
  await assertAllowed(actor, { kind: "person:change", smartcardId: change.smartcardId, odsCode: change.odsCode, subject: change.kind });
  await changeEndDate(actor, { ...change, endsAt: change.endDate ?? null });
  return { message: change.endDate ? `End date set: access ends at the start of ${ukDate(change.endDate)} (UK time).` : "End date removed." };
}

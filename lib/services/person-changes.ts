import "server-only";
import type { z } from "zod";
import { assertAllowed, authorise } from "@/lib/auth/authorise";
import { decide, type ConsoleActor } from "@/lib/auth/rules";
import type { Safeguards } from "@/lib/data/audited";
import { addRole, addWorkgroup, removeRole, removeWorkgroup } from "@/lib/data/changes";
import { findPersonProfile, type PersonProfile } from "@/lib/data/people";
import { organisationExists } from "@/lib/data/organisations";
import { createAsk, declinePendingChange, findPendingChange } from "@/lib/data/pending-changes";
import { findRequest } from "@/lib/data/requests";
import { identityCheck, IDENTITY_METHODS, type IdentityMethod } from "@/lib/domain/identity";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { triageText } from "@/lib/domain/triage";
import { badInput, identityUnconfirmed, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validations/parse";
import {
  AddRoleSchema,
  AddWorkgroupSchema,
  AskChangeSchema,
  DecideChangeSchema,
  RemoveRoleSchema,
  RemoveWorkgroupSchema,
} from "@/lib/validations/person";

// The single path for a change to a person, shared by the pages' Server Actions and the JSON API.
const changes = {
  "role.add": { schema: AddRoleSchema, run: addRole, subject: "role", done: "Job role added." },
  "role.remove": { schema: RemoveRoleSchema, run: removeRole, subject: "role", done: "Job role removed." },
  "workgroup.add": { schema: AddWorkgroupSchema, run: addWorkgroup, subject: "workgroup", done: "cervicalscreening workgroup added." },
  "workgroup.remove": { schema: RemoveWorkgroupSchema, run: removeWorkgroup, subject: "workgroup", done: "cervicalscreening workgroup removed." },
} as const;

export type ChangeKind = keyof typeof changes;
export const changeKinds = Object.keys(changes) as ChangeKind[];

type ParsedChange = z.output<typeof AddRoleSchema>;

/** Smartcard IDs a request is about: the one given in the form (or attached later), and any in its text. */
export function requestSmartcardIds(request: { smartcardId: string | null; message: string }): string[] {
  const ids = triageText(request.message).smartcardIds;
  return [...new Set([...(request.smartcardId ? [request.smartcardId] : []), ...ids])];
}

/**
 * A change may name a request only if that request is about this person and within the officer's
 * organisations, and its requester is this person or the officer has confirmed who they are.
 * Returns the identity confirmation to keep on the change's audit event.
 */
async function checkRequestLink(actor: ConsoleActor, change: { requestId?: string; smartcardId: string }): Promise<Safeguards | undefined> {
  if (!change.requestId) return undefined;
  const request = /^[0-9a-f-]{36}$/.test(change.requestId) ? await findRequest(change.requestId) : null;
  if (!request) throw badInput("Check the request.", { requestId: "There is no request with that reference." });
  const scope = decide(actor, { kind: "request:change", odsCode: request.odsCode });
  if (!scope.allowed) {
    throw badInput("Check the request.", { requestId: `Request ${request.reference} is for ${request.odsCode}, which you do not act for: it cannot be linked to this change.` });
  }
  const about = requestSmartcardIds(request);
  if (!about.includes(change.smartcardId)) {
    const said = about.length === 0 ? "gives no smartcard ID" : `is about smartcard ID ${about.map(formatSmartcardId).join(", ")}`;
    throw badInput("Check the request.", {
      requestId: `Request ${request.reference} ${said}, not ${formatSmartcardId(change.smartcardId)}: link a change only to the request it answers.`,
    });
  }
  const profile = await findPersonProfile(change.smartcardId);
  // No profile: the change is a 404 like any other, not a question of who is asking.
  if (!profile) throw notFound(`No Care Identity profile with smartcard ID ${change.smartcardId}.`);
  const identity = identityCheck({ name: request.name, email: request.email }, profile);
  if (identity.state === "match") return undefined;
  if (!request.identityMethod) {
    throw identityUnconfirmed(
      `Request ${request.reference}'s requester does not match the profile (${identity.state === "no_profile_email" ? "the profile has no email" : `${identity.fields.join(" and ")} ${identity.fields.length > 1 ? "differ" : "differs"}`}): record how you confirmed their identity on the request first, or reject it.`,
    );
  }
  return {
    identity: {
      method: IDENTITY_METHODS[request.identityMethod as IdentityMethod] ?? request.identityMethod,
      note: request.identityNote ?? "",
      confirmedBy: request.identityConfirmedBy?.email ?? "",
    },
  };
}

async function checkOrganisation(odsCode: string) {
  // An unknown organisation is bad input (400), not a question of scope (403).
  if (!(await organisationExists(odsCode))) {
    throw badInput("Check the organisation.", { odsCode: `No organisation with ODS code ${odsCode} is known to the console.` });
  }
}

export async function changePerson(kind: ChangeKind, input: unknown): Promise<{ profile: PersonProfile; message: string }> {
  // Signed in and allowed to change anything at all comes before input checks: an auditor learns nothing from 400s.
  const actor = await authorise({ kind: "person:change-any" });
  const { schema, run, subject, done } = changes[kind];
  const change = parseInput(schema, input) as ParsedChange;
  await checkOrganisation(change.odsCode);
  await assertAllowed(actor, { kind: "person:change", smartcardId: change.smartcardId, odsCode: change.odsCode, subject });
  const safeguards = await checkRequestLink(actor, change);
  await run(actor, { ...change, safeguards });
  return { profile: await profileOrThrow(change.smartcardId), message: done };
}

async function profileOrThrow(smartcardId: string): Promise<PersonProfile> {
  const profile = await findPersonProfile(smartcardId);
  if (!profile) throw notFound(`No Care Identity profile with smartcard ID ${smartcardId}.`);
  return profile;
}

/** An RA agent asks an advanced RA agent or RA manager for a workgroup change they may not make themselves. */
export async function askForChange(input: unknown) {
  const actor = await authorise({ kind: "person:change-any" });
  const ask = parseInput(AskChangeSchema, input);
  await checkOrganisation(ask.odsCode);
  await assertAllowed(actor, { kind: "change:ask", smartcardId: ask.smartcardId, odsCode: ask.odsCode });
  await checkRequestLink(actor, ask);
  const row = await createAsk(actor, ask);
  return { id: row.id, message: "Asked: an advanced RA agent or RA manager will see it in their queue." };
}

/** Apply runs the asked-for change through the same checked, audited path as any change; decline records why. */
export async function decideChange(input: unknown) {
  const actor = await authorise({ kind: "person:change-any" });
  const decision = parseInput(DecideChangeSchema, input);
  const pending = await findPendingChange(decision.id);
  if (!pending) throw notFound("There is no asked-for change with that reference.");
  await assertAllowed(actor, { kind: "change:decide", smartcardId: pending.smartcardId, odsCode: pending.odsCode, proposedById: pending.proposedById });
  if (pending.status !== "pending") throw badInput("This change has already been decided.");
  if (decision.decision === "decline") {
    await declinePendingChange(actor, pending.id, decision.reason);
    return { message: "Declined. The reason is in the change log." };
  }
  const profile = await profileOrThrow(pending.smartcardId);
  const kind = pending.kind as "workgroup.add" | "workgroup.remove";
  await assertAllowed(actor, { kind: "person:change", smartcardId: pending.smartcardId, odsCode: pending.odsCode, subject: "workgroup" });
  const link = await checkRequestLink(actor, { requestId: pending.requestId ?? undefined, smartcardId: pending.smartcardId });
  const change = parseInput(changes[kind].schema, {
    smartcardId: pending.smartcardId,
    odsCode: pending.odsCode,
    reason: `${pending.reason} (asked by ${pending.proposedBy.name}; ${decision.reason})`.slice(0, 500),
    requestId: pending.requestId ?? undefined,
    version: profile.version,
  }) as ParsedChange;
  await changes[kind].run(actor, {
    ...change,
    pendingChangeId: pending.id,
    safeguards: { ...link, askedBy: { email: pending.proposedBy.email, pendingChangeId: pending.id } },
  });
  return { message: `Applied: ${changes[kind].done}` };
}

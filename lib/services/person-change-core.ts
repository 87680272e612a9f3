import "server-only";
import type { z } from "zod";
import { assertAllowed } from "@/lib/auth/assert-allowed";
import { decide, type ConsoleActor } from "@/lib/auth/rules";
import type { Safeguards } from "@/lib/data/audited";
import { addRole, addWorkgroup, removeRole, removeWorkgroup } from "@/lib/data/changes";
import { findPersonProfile, isConsoleUserProfile, type PersonProfile } from "@/lib/data/people";
import { igWarnings, type Grant } from "@/lib/domain/ig-guard";
import { NO_ORG_WORKGROUP_FIELD } from "@/lib/domain/fix";
import { organisationExists } from "@/lib/data/organisations";
import { createPendingChange, type ApprovalReason } from "@/lib/data/pending-changes";
import { findRequest } from "@/lib/data/requests";
import { takeRequestForFix } from "@/lib/data/request-changes";
import { deliverSoon } from "@/lib/mail/sender";
import { identityCheck, IDENTITY_METHODS, type IdentityMethod } from "@/lib/domain/identity";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { triageText } from "@/lib/domain/triage";
import { alreadyExists, badInput, identityUnconfirmed, igWarning, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validations/parse";
import { AddRoleSchema, AddWorkgroupSchema, RemoveRoleSchema, RemoveWorkgroupSchema } from "@/lib/validations/person";

// The single path for a change to a person, shared by the pages' Server Actions, the JSON API and bulk runs.
// Session-free (no next/*, no lib/auth/authorise): callers hand in an actor already authorised, so scripts and
// the bench can use it too. person-changes.ts adds the session's entry point.
export const changes = {
  "role.add": { schema: AddRoleSchema, run: addRole, subject: "role", done: "Job role added." },
  "role.remove": { schema: RemoveRoleSchema, run: removeRole, subject: "role", done: "Job role removed." },
  "workgroup.add": { schema: AddWorkgroupSchema, run: addWorkgroup, subject: "workgroup", done: "cervicalscreening workgroup added." },
  "workgroup.remove": { schema: RemoveWorkgroupSchema, run: removeWorkgroup, subject: "workgroup", done: "cervicalscreening workgroup removed." },
} as const;

export type ChangeKind = keyof typeof changes;
export const changeKinds = Object.keys(changes) as ChangeKind[];

export type ParsedChange = z.output<typeof AddRoleSchema>;

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
export async function checkRequestLink(actor: ConsoleActor, change: { requestId?: string; smartcardId: string }): Promise<Safeguards | undefined> {
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

export async function checkOrganisation(odsCode: string) {
  // An unknown organisation is bad input (400), not a question of scope (403).
  if (!(await organisationExists(odsCode))) {
    throw badInput("Check the organisation.", { odsCode: `No organisation with ODS code ${odsCode} is known to the console.` });
  }
}

export type ChangeOutcome = { profile: PersonProfile; message: string; pendingChangeId?: string; needsApproval?: ApprovalReason[] };

/** The grant a change would make, for the IG guard; removals never warn. */
export function grantOf(kind: ChangeKind, change: { odsCode: string; roleCode?: string }): Grant | null {
  if (kind === "role.add") return { kind: "add_role", odsCode: change.odsCode, roleCode: change.roleCode! };
  if (kind === "workgroup.add") return { kind: "add_workgroup", odsCode: change.odsCode };
  return null;
}

/**
 * Why this change must wait for a second person (four eyes): the IG guard warned, the requester's identity
 * rests on one officer's confirmation, or the person is RA staff. An unacknowledged warning is refused here.
 */
export async function approvalReasons(kind: ChangeKind, change: ParsedChange, profile: PersonProfile, safeguards: Safeguards | undefined): Promise<ApprovalReason[]> {
  const why: ApprovalReason[] = [];
  const grant = grantOf(kind, change);
  const warnings = grant ? igWarnings(profile.verdictInput, grant).map((w) => w.message) : [];
  if (warnings.length > 0) {
    if (!change.acknowledgeWarning || !change.justification) throw igWarning(warnings);
    why.push("ig_warning");
  }
  if (safeguards?.identity) why.push("identity_confirmed_alone");
  if (await isConsoleUserProfile(profile.id)) why.push("console_user");
  return why;
}

/**
 * The same change for an actor already authorised. `batch`: a row of a bulk file. Its event carries the
 * batch, and a change needing a second person is not proposed: the row reports it (`needsApproval`) instead.
 */
export async function changePersonAs(
  actor: ConsoleActor,
  kind: ChangeKind,
  input: unknown,
  options: { takeRequest?: boolean; batch?: Safeguards["batch"]; profile?: PersonProfile } = {},
): Promise<ChangeOutcome> {
  const { schema, run, subject, done } = changes[kind];
  const change = parseInput(schema, input) as ParsedChange & { endDate?: Date };
  await checkOrganisation(change.odsCode);
  await assertAllowed(actor, { kind: "person:change", smartcardId: change.smartcardId, odsCode: change.odsCode, subject });
  const linked = await checkRequestLink(actor, change);
  const safeguards = options.batch ? { ...linked, batch: options.batch } : linked;
  // A bulk row hands in the profile it was just checked against (the transaction re-checks the version).
  const profile = options.profile ?? (await profileOrThrow(change.smartcardId));
  // A change that could never be made is refused as such, before any warning or second person.
  refuseImpossible(kind, change, profile);
  const why = await approvalReasons(kind, change, profile, safeguards);
  if (why.length > 0 && options.batch) return { profile, needsApproval: why, message: "This change needs a second person: make it from the person's profile." };
  if (why.length > 0) {
    const pending = await createPendingChange(actor, {
      kind,
      smartcardId: change.smartcardId,
      odsCode: change.odsCode,
      roleCode: change.roleCode || undefined,
      reason: change.reason,
      requestId: change.requestId,
      endsAt: change.endDate ?? null,
      justification: change.justification,
      version: change.version,
      why,
      safeguards,
    });
    return { profile, pendingChangeId: pending.id, message: "Proposed: a second person (advanced RA agent or RA manager) must approve this change before it is made." };
  }
  await run(actor, { ...change, endsAt: change.endDate ?? null, safeguards });
  // A bulk row is not read back: the caller knows what its row changed, and thousands of re-reads add up.
  if (options.batch) return { profile, message: done };
  // Fixing a request is working it: it becomes the officer's and in progress (its own audited update).
  if (options.takeRequest && change.requestId && (await takeRequestForFix(actor, change.requestId).catch(() => false))) deliverSoon();
  return { profile: await profileOrThrow(change.smartcardId), message: done };
}

export function refuseImpossible(kind: ChangeKind, change: ParsedChange, profile: PersonProfile) {
  const position = profile.positions.find((p) => p.odsCode === change.odsCode);
  if (!position) {
    throw badInput("Check the organisation.", { odsCode: `${profile.name} has no position at ${change.odsCode}.` });
  }
  const holdsRole = position.roles.includes(change.roleCode);
  if (kind === "role.add" && holdsRole) throw alreadyExists(`${change.roleCode} is already held at ${change.odsCode}.`);
  if (kind === "role.remove" && !holdsRole) throw notFound(`${change.roleCode} is not held at ${change.odsCode}.`);
  if (kind === "workgroup.add" && position.cervicalScreeningWorkgroup) throw alreadyExists(`The cervicalscreening workgroup is already held at ${change.odsCode}.`);
  // As in Care Identity Management: nobody is added to a workgroup the organisation does not have.
  if (kind === "workgroup.add" && !position.orgHasWorkgroup) throw badInput("Check the organisation.", { odsCode: NO_ORG_WORKGROUP_FIELD });
  if (kind === "workgroup.remove" && !position.cervicalScreeningWorkgroup) throw notFound(`The cervicalscreening workgroup is not held at ${change.odsCode}.`);
}

export async function profileOrThrow(smartcardId: string): Promise<PersonProfile> {
  const profile = await findPersonProfile(smartcardId);
  if (!profile) throw notFound(`No Care Identity profile with smartcard ID ${smartcardId}.`);
  return profile;
}

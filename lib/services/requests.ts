import "server-only";
import { assertAllowed, authorise } from "@/lib/auth/authorise";
import { decide, type ConsoleActor } from "@/lib/auth/rules";
import { listPendingChanges } from "@/lib/data/pending-changes";
import { IDENTITY_METHODS, type IdentityMethod } from "@/lib/domain/identity";
import { ukDate } from "@/lib/dates";
import { changeRights, noRights } from "./change-rights";
import { personHistoryForRequest } from "@/lib/data/audit";
import { findPersonProfile } from "@/lib/data/people";
import { addressLimitKey, emailLimitKey, takeRateLimit } from "@/lib/data/rate-limit";
import { confirmRequestIdentity, requesterConversation } from "@/lib/data/request-changes";
import {
  createRequest,
  findRequest,
  findRequestByReference,
  findRequestForRequester,
  isCovered,
  listAssignableColleagues,
  nextRequestAfter,
  otherOdsCodesOf,
  updateRequest,
  type Routing,
} from "@/lib/data/requests";
import { listOutbox } from "@/lib/data/outbox";
import { requestSmartcardIds } from "./person-changes";
import { inboxScope } from "./request-inbox";
import { findRequestOnce, isUnrouted, isUnroutedOnce } from "./request-lookup";
import { findOrganisationByName, organisationExists, organisationsByCode } from "@/lib/data/organisations";
import { deliverSoon } from "@/lib/mail/sender";
import { describeAuditEvent } from "@/lib/domain/audit-text";
import { diagnoseRequest, requestSmartcardId } from "./request-diagnosis";
import { parseOdsCode } from "@/lib/domain/ods";
import { otherOrganisationStates } from "@/lib/domain/other-organisations";
import { replyText } from "@/lib/domain/reply-text";
import { nextStepsText } from "@/lib/domain/request-emails";
import { triageText } from "@/lib/domain/triage";
import { badInput, ConsoleError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validations/parse";
import { EmailIntakeSchema, IdentityConfirmSchema, RequestApiSchema, RequestFormSchema, RequestUpdateSchema, StatusLookupSchema, type RequestStatus } from "@/lib/validations/request";

const HOUR = 60 * 60 * 1000;
// The public form: 10 submissions an hour from one address, 5 an hour for one email address.
export const SUBMISSION_LIMITS = { perIp: 10, perEmail: 5, windowMs: HOUR };

// Addresses and emails are counted hashed (an IPv6 address by its /64), emails normalised: name.surname+x@
// and NameSurname@ are one address at nhs.net; what the requester typed is what is stored on the request.
const clientKey = (ip: string) => addressLimitKey(ip);

export async function limitOrThrow(limits: { key: string; limit: number; windowMs: number; what: string }[], things = "requests") {
  const taken = await takeRateLimit(limits);
  if (!taken.allowed) {
    const minutes = Math.ceil(taken.retryAfterSeconds / 60);
    const what = limits.find((l) => l.key === taken.key)?.what ?? "from here";
    throw new ConsoleError("rate_limited", `Too many ${things} have been sent ${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or contact your registration authority directly.`);
  }
}

// The public form's organisation suggestions (one look-up per pause in typing): generous for people, not for scripts.
export const LOOKUP_LIMITS = { perIp: 120, windowMs: 60 * 1000 };

/** Counts one organisation look-up (GET /api/v1/organisations) against its address's limit. */
export async function limitOrganisationLookup(clientIp: string) {
  await limitOrThrow([{ key: `organisations:ip:${clientKey(clientIp)}`, limit: LOOKUP_LIMITS.perIp, windowMs: LOOKUP_LIMITS.windowMs, what: "from this network address" }]);
}

/** Resolves what the requester typed (an ODS code or an exact organisation name) to a known ODS code. */
async function resolveOrganisation(typed: string, field: string): Promise<string> {
  const asCode = parseOdsCode(typed);
  if (asCode.ok && (await organisationExists(asCode.value.code))) return asCode.value.code;
  const byName = await findOrganisationByName(typed);
  if (byName.length === 1) return byName[0]!.odsCode;
  throw badInput("Check your organisation.", {
    [field]: byName.length > 1 ? "More than one organisation has that name: enter its ODS code instead" : "We could not find that organisation: choose one of the suggestions or enter its ODS code",
  });
}

/** The further organisations, each resolved and known; the routing one and repeats are dropped. */
async function resolveOthers(typed: string[], odsCode: string | null, field: (i: number) => string): Promise<string[]> {
  const codes: string[] = [];
  for (const [i, text] of typed.entries()) codes.push(await resolveOrganisation(text, field(i)));
  return [...new Set(codes)].filter((code) => code !== odsCode);
}

type Submission = { name: string; email: string; odsCode: string | null; otherOdsCodes: string[]; smartcardId?: string; message: string };

async function submit(input: Submission, clientIp: string) {
  await limitOrThrow([
    { key: `request:ip:${clientKey(clientIp)}`, limit: SUBMISSION_LIMITS.perIp, windowMs: SUBMISSION_LIMITS.windowMs, what: "from this network address" },
    { key: `request:email:${emailLimitKey(input.email)}`, limit: SUBMISSION_LIMITS.perEmail, windowMs: SUBMISSION_LIMITS.windowMs, what: "for this email address" },
  ]);
  const triage = triageText(input.message);
  const routing = await routingFor(input.odsCode);
  const row = await createRequest(
    { id: null, email: input.email, name: input.name },
    {
      source: "form",
      name: input.name,
      email: input.email,
      odsCode: input.odsCode,
      otherOdsCodes: input.otherOdsCodes,
      smartcardId: input.smartcardId ?? triage.smartcardIds[0] ?? null,
      message: input.message,
      category: triage.category,
    },
    null,
    routing,
  );
  deliverSoon();
  return { id: row.id, status: row.status, reference: row.reference };
}

/** Whether an RA officer in the console acts for the organisation, and its name, for what the requester is told. */
export async function routingFor(odsCode: string | null): Promise<Routing> {
  if (!odsCode) return { routed: false, orgName: null };
  const [covered, [org]] = await Promise.all([isCovered(odsCode), organisationsByCode([odsCode])]);
  return { routed: covered, orgName: org ? `${org.name} (${org.odsCode})` : odsCode };
}

/** The public form (no sign-in). Invalid input is refused before it counts against the rate limit. */
export async function submitRequestForm(input: unknown, clientIp: string) {
  const form = parseInput(RequestFormSchema, input);
  const odsCode = await resolveOrganisation(form.organisation, "organisation");
  const typed = (form.otherOrganisations ?? []).map((o) => o.organisation);
  const otherOdsCodes = await resolveOthers(typed, odsCode, (i) => `otherOrganisations.${i}.organisation`);
  return submit({ ...form, odsCode, otherOdsCodes }, clientIp);
}

export async function submitRequestApi(input: unknown, clientIp: string) {
  const body = parseInput(RequestApiSchema, input);
  const odsCode = body.odsCode ? await resolveOrganisation(body.odsCode, "odsCode") : null;
  const otherOdsCodes = await resolveOthers(body.otherOdsCodes ?? [], odsCode, (i) => `otherOdsCodes.${i}`);
  return submit({ ...body, odsCode, otherOdsCodes }, clientIp);
}

/** An RA officer turns an email they received into a request. */
export async function createRequestFromEmail(input: unknown) {
  const actor = await authorise({ kind: "request:create" });
  const email = parseInput(EmailIntakeSchema, input);
  const triage = triageText(email.text);
  let odsCode: string | null = null;
  for (const code of triage.odsCodes) {
    if (await organisationExists(code)) {
      odsCode = code;
      break;
    }
  }
  const row = await createRequest(
    actor,
    {
      source: "email",
      name: email.senderName,
      email: email.senderEmail,
      odsCode,
      smartcardId: triage.smartcardIds[0] ?? null,
      message: email.text,
      category: triage.category,
    },
    actor.id,
    await routingFor(odsCode),
  );
  deliverSoon();
  return { id: row.id, reference: row.reference };
}

/** The requester's own view: reference and email must both match; tries are rate-limited against guessing. */
export async function requestStatusForRequester(input: unknown, clientIp: string) {
  const lookup = parseInput(StatusLookupSchema, input);
  await limitOrThrow([{ key: `status:ip:${clientKey(clientIp)}`, limit: 30, windowMs: HOUR, what: "from this network address" }]);
  const row = await findRequestForRequester(lookup.reference, lookup.email);
  if (!row) throw notFound("No request matches that reference and email address. Check both and try again.");
  const [conversation, routing] = await Promise.all([requesterConversation(row.id), routingFor(row.odsCode)]);
  return {
    reference: row.reference,
    status: row.status as RequestStatus,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    reply: row.reply,
    conversation: conversation.map((n) => ({ from: n.kind === "requester" ? ("you" as const) : ("ra" as const), text: n.text, at: n.createdAt })),
    canReply: row.status !== "resolved" && row.status !== "rejected",
    // Who has it, said honestly: a request no RA officer in the console covers waits for an RA manager.
    nextSteps: row.status === "new" ? nextStepsText(routing.routed, routing.orgName) : [],
  };
}

/** Everything the request page shows: the text's triage, the person's real profile, the diagnosis and the reply. */
export async function loadRequest(id: string, actor?: ConsoleActor, picked: string | null = null) {
  const who = actor ?? (await authorise({ kind: "request:inbox" }));
  if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound("There is no request with that reference.");
  const request = await findRequestOnce(id);
  if (!request) throw notFound("There is no request with that reference.");
  const unrouted = await isUnroutedOnce(request.odsCode);
  await assertAllowed(who, { kind: "request:read", odsCode: request.odsCode, unrouted });

  const triage = triageText(request.message);
  const smartcardId = requestSmartcardId(request);
  const [profile, applied, colleagues, next, emails] = await Promise.all([
    smartcardId ? findPersonProfile(smartcardId) : Promise.resolve(null),
    personHistoryForRequest(request.id),
    listAssignableColleagues(request.odsCode),
    nextRequestAfter(inboxScope(who), request.id, who.id),
    listOutbox({ requestId: request.id, limit: 50 }),
  ]);
  const { plan, diagnosis } = diagnoseRequest(request, profile, picked);
  const otherCodes = otherOdsCodesOf(request);
  const otherNames = otherCodes.length ? new Map((await organisationsByCode(otherCodes)).map((o) => [o.odsCode, o.name])) : new Map<string, string>();
  const otherOrganisations = otherOrganisationStates(otherCodes, otherNames, profile?.verdict ?? null);
  // The reply speaks only of changes to the profile the request is about.
  const changesToThisProfile = applied.filter(
    (e) => (e.action.startsWith("role.") || e.action.startsWith("workgroup.")) && smartcardId !== null && e.smartcardId === smartcardId,
  );
  const reply = replyText({
    requesterName: request.name,
    diagnosis,
    applied: changesToThisProfile.map((e) => ({ description: describeAuditEvent(e) })),
    officerName: who.name,
  });
  const canChangeRequest = decide(who, { kind: "request:change", odsCode: request.odsCode, unrouted }).allowed;
  // IDs the text names beyond the request's own, not yet split off into requests of their own.
  const splittable = requestSmartcardIds(request).filter((id) => id !== smartcardId && !request.children.some((c) => c.smartcardId === id));
  // Changes for this request are offered only once the requester is known to be the profile's owner.
  const rights = profile && canChangeRequest && diagnosis.identity.confirmed ? changeRights(who, profile.smartcardId, profile.positions.map((p) => p.odsCode)) : noRights;
  const asked = profile ? (await listPendingChanges(who.odsCodes, { smartcardId: profile.smartcardId })).filter((c) => c.kind.startsWith("workgroup")).map((c) => c.odsCode) : [];
  const confirmation = request.identityMethod
    ? {
        method: IDENTITY_METHODS[request.identityMethod as IdentityMethod] ?? request.identityMethod,
        note: request.identityNote ?? "",
        by: request.identityConfirmedBy?.name ?? "an RA officer",
        at: request.identityConfirmedAt ? ukDate(request.identityConfirmedAt) : "",
      }
    : null;
  return {
    actor: who,
    request,
    triage,
    smartcardId,
    profile,
    plan,
    diagnosis,
    applied,
    reply,
    colleagues,
    canChangeRequest,
    rights,
    asked,
    confirmation,
    unrouted,
    next,
    emails,
    splittable,
    otherOrganisations,
  };
}

export async function requestJson(id: string) {
  const { request, triage, diagnosis, profile, otherOrganisations } = await loadRequest(id);
  return {
    id: request.id,
    reference: request.reference,
    status: request.status,
    source: request.source,
    createdAt: request.createdAt.toISOString(),
    name: request.name,
    email: request.email,
    odsCode: request.odsCode,
    otherOdsCodes: otherOrganisations.map((o) => o.odsCode),
    smartcardId: request.smartcardId,
    message: request.message,
    category: triage.category,
    assignedTo: request.assignedTo?.email ?? null,
    parsedSmartcardIds: triage.smartcardIds,
    parsedOdsCodes: triage.odsCodes,
    nearMisses: triage.nearMisses,
    idMissing: triage.idMissing,
    csmsErrorsMentioned: triage.csmsErrors,
    identity: { state: diagnosis.identity.state, fields: diagnosis.identity.fields },
    identityConfirmation: request.identityMethod
      ? { method: request.identityMethod, note: request.identityNote, confirmedBy: request.identityConfirmedBy?.email ?? null, at: request.identityConfirmedAt?.toISOString() ?? null }
      : null,
    diagnosis: { summary: diagnosis.summary, profileSays: diagnosis.profileSays, disagreements: diagnosis.disagreements, route: diagnosis.route, identity: diagnosis.identity.text },
    suggestedActions: diagnosis.suggestedActions,
    oneClickFixes: diagnosis.oneClick,
    verdict: profile ? profile.verdict : null,
    splitFrom: request.parent?.reference ?? null,
    splitInto: request.children.map((c) => ({ reference: c.reference, smartcardId: c.smartcardId })),
    slaPaused: request.status === "waiting",
    notes: request.notes.map((n) => ({ kind: n.kind, author: n.authorName, text: n.text, at: n.createdAt.toISOString() })),
  };
}

/** The officer records how they confirmed a requester whose details did not match the profile. */
export async function confirmIdentity(input: unknown) {
  const actor = await authorise({ kind: "request:inbox" });
  const confirmation = parseInput(IdentityConfirmSchema, input);
  await requestToChange(actor, confirmation.id);
  return confirmRequestIdentity(actor, confirmation);
}

/** The request an officer is about to change, once they may (one for an organisation nobody covers: RA managers). */
export async function requestToChange(actor: ConsoleActor, id: string) {
  const request = await findRequest(id);
  if (!request) throw notFound("There is no request with that reference.");
  await assertAllowed(actor, { kind: "request:change", odsCode: request.odsCode, unrouted: await isUnrouted(request.odsCode) });
  return request;
}

export async function changeRequest(input: unknown) {
  const actor = await authorise({ kind: "request:inbox" });
  const update = parseInput(RequestUpdateSchema, input);
  const request = await requestToChange(actor, update.id);
  if (update.odsCode !== undefined && update.odsCode !== request.odsCode) {
    // Moving a request to an organisation routes it there: the officer must be able to work it there too.
    if (!(await organisationExists(update.odsCode))) throw badInput("Check the ODS code.", { odsCode: `No organisation has the ODS code ${update.odsCode}` });
    const decision = decide(actor, { kind: "request:change", odsCode: update.odsCode, unrouted: await isUnrouted(update.odsCode) });
    if (!decision.allowed) throw badInput("Check the ODS code.", { odsCode: `You do not act for ${update.odsCode}, so you cannot move this request there` });
  }
  if (update.smartcardId !== undefined && request.smartcardId !== null && request.smartcardId !== update.smartcardId) {
    throw badInput("Check the smartcard ID.", { smartcardId: "This request already has a smartcard ID; a request is about one person." });
  }
  if (update.assignedToId) {
    const colleagues = await listAssignableColleagues(request.odsCode);
    if (!colleagues.some((c) => c.id === update.assignedToId)) {
      throw badInput("Check the colleague.", { assignedToId: "Choose an RA colleague who acts for this request's organisation" });
    }
  }
  const row = await updateRequest(actor, update);
  deliverSoon();
  return row;
}

/** The public confirmation page: what happens next for this reference; nothing about the requester. */
export async function submittedRequest(reference: string) {
  const parsed = StatusLookupSchema.shape.reference.safeParse(reference);
  if (!parsed.success) return null;
  const row = await findRequestByReference(parsed.data);
  if (!row) return null;
  const { routed, orgName } = await routingFor(row.odsCode);
  return { reference: row.reference, routed, nextSteps: nextStepsText(routed, orgName) };
}

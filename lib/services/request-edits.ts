import "server-only";
import { assertAllowed, authorise } from "@/lib/auth/authorise";
import { addInternalNote, addRequesterReply, splitRequest } from "@/lib/data/request-changes";
import { findRequest, findRequestForRequester } from "@/lib/data/requests";
import { addressLimitKey, takeRateLimit } from "@/lib/data/rate-limit";
import { badInput, ConsoleError, notFound } from "@/lib/errors";
import { deliverSoon } from "@/lib/mail/sender";
import { parseInput } from "@/lib/validations/parse";
import { RequesterReplySchema, RequestNoteSchema, SplitRequestSchema } from "@/lib/validations/request";
import { requestSmartcardIds } from "./person-changes";
import { isUnrouted } from "./requests";

// Working a request after it arrived: internal notes, splitting one that names several people, and the
// requester's replies through the public status page.

async function requestToChange(id: string) {
  const actor = await authorise({ kind: "request:inbox" });
  const request = await findRequest(id);
  if (!request) throw notFound("There is no request with that reference.");
  await assertAllowed(actor, { kind: "request:change", odsCode: request.odsCode, unrouted: await isUnrouted(request.odsCode) });
  return { actor, request };
}

export async function addNote(input: unknown) {
  const note = parseInput(RequestNoteSchema, input);
  const { actor } = await requestToChange(note.id);
  return addInternalNote(actor, note);
}

/** Only IDs the request names (in its text or attached) can be split off: a split never invents a request. */
export async function split(input: unknown) {
  const parsed = parseInput(SplitRequestSchema, input);
  const { actor, request } = await requestToChange(parsed.id);
  const named = requestSmartcardIds(request);
  const unknown = parsed.smartcardIds.filter((id) => !named.includes(id));
  if (unknown.length > 0) throw badInput("Check the smartcard IDs.", { smartcardIds: `The request does not name ${unknown.join(", ")}` });
  return splitRequest(actor, parsed);
}

const HOUR = 60 * 60 * 1000;

/** A reply from the requester: reference and email must both match, and tries are limited like status look-ups. */
export async function replyAsRequester(input: unknown, clientIp: string) {
  const reply = parseInput(RequesterReplySchema, input);
  const taken = await takeRateLimit([{ key: `reply:ip:${addressLimitKey(clientIp)}`, limit: 20, windowMs: HOUR }]);
  if (!taken.allowed) {
    throw new ConsoleError("rate_limited", `Too many replies have been sent from this network address. Try again in ${Math.ceil(taken.retryAfterSeconds / 60)} minutes.`);
  }
  const row = await findRequestForRequester(reply.reference, reply.email);
  if (!row) throw notFound("No request matches that reference and email address. Check both and try again.");
  const after = await addRequesterReply(row.id, reply.message);
  deliverSoon();
  return { reference: after.reference, status: after.status };
}

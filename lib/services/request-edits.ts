import "server-only";
import { authorise } from "@/lib/auth/authorise";
import { addInternalNote, addRequesterReply, splitRequest } from "@/lib/data/request-changes";
import { findRequestForRequester } from "@/lib/data/requests";
import { addressLimitKey } from "@/lib/data/rate-limit";
import { badInput, notFound } from "@/lib/errors";
import { deliverSoon } from "@/lib/mail/sender";
import { parseInput } from "@/lib/validations/parse";
import { RequesterReplySchema, RequestNoteSchema, SplitRequestSchema } from "@/lib/validations/request";
import { requestSmartcardIds } from "./person-changes";
import { limitOrThrow, requestToChange } from "./requests";

// Working a request after it arrived: internal notes, splitting one that names several people, and the
// requester's replies through the public status page.

export async function addNote(input: unknown) {
  const note = parseInput(RequestNoteSchema, input);
  const actor = await authorise({ kind: "request:inbox" });
  await requestToChange(actor, note.id);
  return addInternalNote(actor, note);
}

/** Only IDs the request names (in its text or attached) can be split off: a split never invents a request. */
export async function split(input: unknown) {
  const parsed = parseInput(SplitRequestSchema, input);
  const actor = await authorise({ kind: "request:inbox" });
  const request = await requestToChange(actor, parsed.id);
  const named = requestSmartcardIds(request);
  const unknown = parsed.smartcardIds.filter((id) => !named.includes(id));
  if (unknown.length > 0) throw badInput("Check the smartcard IDs.", { smartcardIds: `The request does not name ${unknown.join(", ")}` });
  return splitRequest(actor, parsed);
}

const HOUR = 60 * 60 * 1000;

/** A reply from the requester: reference and email must both match, and tries are limited like status look-ups. */
export async function replyAsRequester(input: unknown, clientIp: string) {
  const reply = parseInput(RequesterReplySchema, input);
  await limitOrThrow([{ key: `reply:ip:${addressLimitKey(clientIp)}`, limit: 20, windowMs: HOUR, what: "from this network address" }], "replies");
  const row = await findRequestForRequester(reply.reference, reply.email);
  if (!row) throw notFound("No request matches that reference and email address. Check both and try again.");
  const after = await addRequesterReply(row, reply.message);
  deliverSoon();
  return { reference: after.reference, status: after.status };
}

import "server-only";
import { authorise } from "@/lib/auth/authorise";
import type { ConsoleActor } from "@/lib/auth/rules";
import { findPersonProfile } from "@/lib/data/people";
import { countRequestsByStatus, countUnrouted, listRequests, type InboxScope, type InboxSearch } from "@/lib/data/requests";
import { parseSmartcardId } from "@/lib/domain/smartcard";
import { diagnoseRequest, requestSmartcardId } from "./request-diagnosis";
import { fieldErrors } from "@/lib/validations/parse";
import { InboxFilterSchema } from "@/lib/validations/request";

export const inboxScope = (actor: ConsoleActor): InboxScope =>
  actor.role === "auditor" ? { all: true } : { all: false, odsCodes: actor.odsCodes, unroutedToo: actor.role === "ra_manager" };

/** The triage queue: oldest first, with each request already diagnosed against the person's real profile. */
export async function loadInbox(query: Record<string, string>) {
  const actor = await authorise({ kind: "request:inbox" });
  const parsed = InboxFilterSchema.safeParse(query);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  // One bad value should not throw away the good ones: drop only what failed, and say so.
  const kept = Object.fromEntries(Object.entries(query).filter(([key]) => !(key in errors)));
  const filter = parsed.success ? parsed.data : (InboxFilterSchema.safeParse(kept).data ?? {});
  const scope = inboxScope(actor);
  const seesUnrouted = actor.role === "ra_manager" || actor.role === "auditor";
  const [page, counts, unrouted] = await Promise.all([
    listRequests(scope, {
      status: filter.status,
      category: filter.category,
      odsCode: filter.odsCode,
      assignedToId: filter.mine ? actor.id : undefined,
      unrouted: filter.queue === "unrouted",
      search: filter.q ? readSearch(filter.q) : undefined,
      cursor: filter.cursor,
    }),
    countRequestsByStatus(scope),
    seesUnrouted ? countUnrouted() : Promise.resolve(null),
  ]);
  // One profile read per request on the page (at most 50), so each row can show its diagnosis.
  const rows = [];
  for (const request of page.requests) {
    const smartcardId = requestSmartcardId(request);
    const profile = smartcardId ? await findPersonProfile(smartcardId) : null;
    const { diagnosis, triage } = diagnoseRequest(request, profile);
    rows.push({ request, diagnosis, category: triage.category });
  }
  return { actor, rows, counts, unrouted, nextCursor: page.nextCursor, errors, filter: query };
}

/** The search box takes a reference (CSMS-…), a smartcard ID in any common spacing, or words of a name or email. */
export function readSearch(q: string): InboxSearch {
  const text = q.trim();
  if (/^CSMS-[0-9A-Z]{8}$/i.test(text)) return { reference: text.toUpperCase() };
  const id = parseSmartcardId(text);
  if (id.ok) return { smartcardId: id.value };
  return { text };
}

import "server-only";
import { authorise } from "@/lib/auth/authorise";
import type { ConsoleActor } from "@/lib/auth/rules";
import { findPersonProfile } from "@/lib/data/people";
import { countRequestsByStatus, listRequests, type InboxScope } from "@/lib/data/requests";
import { diagnoseRequest, requestSmartcardId } from "./request-diagnosis";
import { fieldErrors } from "@/lib/validations/parse";
import { InboxFilterSchema } from "@/lib/validations/request";

const scopeOf = (actor: ConsoleActor): InboxScope => (actor.role === "auditor" ? { all: true } : { all: false, odsCodes: actor.odsCodes });

/** The triage queue: oldest first, with each request already diagnosed against the person's real profile. */
export async function loadInbox(query: Record<string, string>) {
  const actor = await authorise({ kind: "request:inbox" });
  const parsed = InboxFilterSchema.safeParse(query);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  // One bad value should not throw away the good ones: drop only what failed, and say so.
  const kept = Object.fromEntries(Object.entries(query).filter(([key]) => !(key in errors)));
  const filter = parsed.success ? parsed.data : (InboxFilterSchema.safeParse(kept).data ?? {});
  const scope = scopeOf(actor);
  const [page, counts] = await Promise.all([
    listRequests(scope, {
      status: filter.status,
      category: filter.category,
      odsCode: filter.odsCode,
      assignedToId: filter.mine ? actor.id : undefined,
      cursor: filter.cursor,
    }),
    countRequestsByStatus(scope),
  ]);
  // One profile read per request on the page (at most 50), so each row can show its diagnosis.
  const rows = [];
  for (const request of page.requests) {
    const smartcardId = requestSmartcardId(request);
    const profile = smartcardId ? await findPersonProfile(smartcardId) : null;
    const { diagnosis, triage } = diagnoseRequest(request, profile);
    rows.push({ request, diagnosis, category: triage.category });
  }
  return { actor, rows, counts, nextCursor: page.nextCursor, errors, filter: query };
}

import "server-only";
import { z } from "zod";
import { authorise } from "@/lib/auth/authorise";
import type { ConsoleActor } from "@/lib/auth/rules";
import { countOutboxByStatus, listOutbox, outboxStatuses, retryFailedEmail } from "@/lib/data/outbox";
import { deliverSoon, mailConfigured } from "@/lib/mail/sender";
import { parseInput } from "@/lib/validations/parse";

const OutboxFilterSchema = z.object({ status: z.enum(outboxStatuses).optional().catch(undefined) });
const RetrySchema = z.object({ id: z.string({ error: "Choose an email" }).uuid("That email id is not valid") });

/** The outbox for RA managers: what was (or was not yet) emailed to requesters, and why a delivery failed. */
export async function loadOutbox(actor: ConsoleActor, query: Record<string, string>) {
  const filter = OutboxFilterSchema.parse(query);
  const [emails, counts] = await Promise.all([listOutbox({ status: filter.status, limit: 100 }), countOutboxByStatus()]);
  return { actor, emails, counts, status: filter.status ?? null, sending: mailConfigured() };
}

export async function retryEmail(input: unknown) {
  const actor = await authorise({ kind: "outbox:read" });
  const { id } = parseInput(RetrySchema, input);
  const done = await retryFailedEmail(actor, id);
  deliverSoon();
  return done;
}

// Dates and times for people: lib/dates.ts (UK time).

/** How the outbox's states read, on the outbox and on a request's list of emails. */
export const emailStatusNames: Record<string, string> = { pending: "Queued", sending: "Sending", sent: "Sent", failed: "Failed" };

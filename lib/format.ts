// How dates read in the console: days in UK time for people, instants in UTC for the change log.
const ukDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" });

export const ukDate = (d: Date): string => ukDay.format(d);

export const utc = (d: Date): string => d.toISOString().replace("T", " ").slice(0, 19);

/** "2026-11-25 17:24 UTC": an instant to the minute, where a page shows when something happened. */
export const utcMinutes = (d: Date): string => `${d.toISOString().replace("T", " ").slice(0, 16)} UTC`;

/** How the outbox's states read, on the outbox and on a request's list of emails. */
export const emailStatusNames: Record<string, string> = { pending: "Queued", sending: "Sending", sent: "Sent", failed: "Failed" };

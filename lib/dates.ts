import { tz } from "@date-fns/tz";
import { format } from "date-fns";

// How dates and times read for people: always UK time (Europe/London, GMT or BST as the day falls), whatever
// the server's or the browser's zone. Machine formats (CSV, JSON, the API) keep ISO 8601 in UTC.
export const UK_ZONE = "Europe/London";

const inUk = { in: tz(UK_ZONE) };

/** "25 November 2026": the UK calendar day an instant falls on. */
export const ukDate = (at: Date): string => format(at, "d MMMM yyyy", inUk);

/**
 * "5:24pm", "9am": NHS style, 12-hour clock, no leading zero, no ":00" on the hour; "midday" and "midnight"
 * rather than the ambiguous 12pm and 12am (as the GOV.UK and NHS style guides write them).
 */
export function ukTime(at: Date): string {
  const minutes = format(at, "mm", inUk);
  const hour = format(at, "h", inUk);
  const period = format(at, "a", inUk).toLowerCase();
  if (hour === "12" && minutes === "00") return period === "am" ? "midnight" : "midday";
  return `${hour}${minutes === "00" ? "" : `:${minutes}`}${period}`;
}

/** "25 November 2026, 5:24pm": an instant to the minute, where a page or an email says when something happened. */
export const ukDateTime = (at: Date): string => `${ukDate(at)}, ${ukTime(at)}`;

import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, isValid, parse } from "date-fns";

// Grants are dated in UK time: an end date is a calendar day in Europe/London, whatever the server's zone.
export const UK_ZONE = "Europe/London";

// A grant ends when its end date begins: "ends on 3 Dec 2026" means no CSMS access from 00:00 UK time that day.
export type DayParse = { ok: true; day: string; endsAt: Date } | { ok: false; message: string };

/** The instant a UK calendar day (YYYY-MM-DD) begins, across GMT and BST alike. */
export function startOfUkDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, UK_ZONE).getTime());
}

/** The UK calendar day (YYYY-MM-DD) that an instant falls on. */
export function ukDay(at: Date): string {
  const uk = new TZDate(at.getTime(), UK_ZONE);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${uk.getFullYear()}-${pad(uk.getMonth() + 1)}-${pad(uk.getDate())}`;
}

/**
 * An end date as typed: ISO (2026-12-03, the API) or UK style (3/12/2026, 03/12/2026, the forms). It must be
 * a real day after today in the UK, and within two years (a longer grant is an open-ended one in disguise).
 */
export function parseEndDate(value: string, now: Date): DayParse {
  const text = value.trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const uk = /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text);
  if (!iso && !uk) return { ok: false, message: "Enter the end date as a day, month and year, for example 3/12/2026" };
  const parsed = parse(text, iso ? "yyyy-MM-dd" : "d/M/yyyy", new Date(2000, 0, 1));
  if (!isValid(parsed)) return { ok: false, message: "Enter a real date, for example 3/12/2026" };
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${parsed.getFullYear()}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
  const today = ukDay(now);
  if (day <= today) return { ok: false, message: "The end date must be after today" };
  const latest = ukDay(addMonths(now, 24));
  if (day > latest) return { ok: false, message: "The end date must be within two years; leave it empty for a grant with no end date" };
  return { ok: true, day, endsAt: startOfUkDay(day) };
}

// Access reviews: a grant ending soon is checked before it lapses; any grant is re-certified yearly.
export const ENDING_SOON_DAYS = 14;
export const REVIEW_EVERY_MONTHS = 12;

export type ReviewReason = "ending_soon" | "not_reviewed";

/** Why a live grant is due for review now, or null. `reviewedAt` is when it was granted or last re-certified. */
export function reviewDue(grant: { endsAt: Date | null; reviewedAt: Date }, now: Date): ReviewReason | null {
  if (grant.endsAt && grant.endsAt > now && grant.endsAt <= addDays(now, ENDING_SOON_DAYS)) return "ending_soon";
  if (addMonths(grant.reviewedAt, REVIEW_EVERY_MONTHS) <= now) return "not_reviewed";
  return null;
}

/** The day a grant falls due for review: 14 days before its end date, or 12 months after its last review, whichever is first. */
export function reviewDueOn(grant: { endsAt: Date | null; reviewedAt: Date }): Date {
  const yearly = addMonths(grant.reviewedAt, REVIEW_EVERY_MONTHS);
  if (!grant.endsAt) return yearly;
  const beforeEnd = addDays(grant.endsAt, -ENDING_SOON_DAYS);
  return beforeEnd < yearly ? beforeEnd : yearly;
}

/** Whether a grant still counts for CSMS at `now`: not formally ended, and its end date not yet begun. */
export function grantLive(grant: { endedAt: Date | null; endsAt: Date | null }, now: Date): boolean {
  return grant.endedAt === null && (grant.endsAt === null || grant.endsAt > now);
}

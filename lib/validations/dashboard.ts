import { z } from "zod";
import { odsCodeField } from "./fields";
import { readRangeBoxes } from "@/lib/domain/date-parts";

// The dashboard's filter, in one schema so the date inputs can change shape (NHS day/month/year boxes) in one place.
// Dates are UK calendar days written YYYY-MM-DD; the range is whole days, "to" included, counted in UTC.
const DAY_MS = 24 * 60 * 60 * 1000;
export const DASHBOARD_DEFAULT_DAYS = 84; // twelve weeks
export const DASHBOARD_MAX_DAYS = 366;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const day = z
  .string()
  .trim()
  .max(10, "Enter a date like 2026-11-25")
  // Date.parse rolls 2026-02-30 over into March and refuses month 13: both must be refused here.
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v, "Enter a real date like 2026-11-25")
  .transform((v) => new Date(`${v}T00:00:00Z`));

export const DashboardFilterSchema = z
  .object({
    odsCode: z.preprocess(blankToUndefined, odsCodeField.optional()),
    from: z.preprocess(blankToUndefined, day.optional()),
    to: z.preprocess(blankToUndefined, day.optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date must be on or after the start date" })
  .refine((f) => !f.from || !f.to || f.to.getTime() - f.from.getTime() < DASHBOARD_MAX_DAYS * DAY_MS, {
    path: ["to"],
    message: `Choose a range of at most ${DASHBOARD_MAX_DAYS} days`,
  });

export type DashboardFilter = z.output<typeof DashboardFilterSchema>;

const edges = { from: "Date from", to: "Date to" } as const;

/**
 * The form's NHS date input boxes (fromDay, fromMonth, fromYear…) as the schema's YYYY-MM-DD days; a link or a
 * bookmark may still say from=YYYY-MM-DD. Errors are worded as the NHS date input pattern words them.
 */
export function readDashboardDays(query: Record<string, string>): { query: Record<string, string>; errors: Record<string, string> } {
  return readRangeBoxes(query, edges, (_edge, day) => day);
}

/** The range to show: what was asked for, else the twelve weeks to today; `end` is exclusive (the day after "to"). */
export function dashboardRange(filter: DashboardFilter, now: Date): { start: Date; end: Date } {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const to = filter.to ?? (filter.from && filter.from > today ? filter.from : today);
  const from = filter.from ?? new Date(to.getTime() - (DASHBOARD_DEFAULT_DAYS - 1) * DAY_MS);
  return { start: from, end: new Date(to.getTime() + DAY_MS) };
}

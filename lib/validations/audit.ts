import { z } from "zod";
import { auditActions } from "@/lib/domain/audit-text";
import { readRangeBoxes } from "@/lib/domain/date-parts";
import { startOfUkDay } from "@/lib/domain/grant-dates";
import { DB_INT_MAX, odsCodeField, smartcardIdField } from "./fields";
import { fieldErrors } from "./parse";

// Query strings arrive as strings, often empty: an empty filter means "any".
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const DAY_MS = 24 * 60 * 60 * 1000;

// Date.parse rolls 2026-02-30 over into March; a filter must refuse it instead. Instants must be UTC.
function isRealDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/.test(v) || Number.isNaN(Date.parse(v))) return false;
  const day = v.slice(0, 10);
  return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
}

// A date without a time means the start of that day (UTC) for "from" and the whole of it for "to".
const dayOrInstant = (edge: "start" | "end") =>
  z
    .string()
    .trim()
    .max(40, "Enter a date like 2026-11-25")
    .refine(isRealDate, "Enter a real date like 2026-11-25 (times in UTC, ending in Z)")
    .transform((v) => {
      if (v.length !== 10) return new Date(v);
      const start = new Date(`${v}T00:00:00Z`);
      return edge === "start" ? start : new Date(start.getTime() + DAY_MS - 1);
    });

export const AuditFilterSchema = z
  .object({
    smartcardId: optional(smartcardIdField),
    // No NUL: PostgreSQL refuses it, and an export's query runs only once its response has started streaming.
    actor: optional(z.string().trim().toLowerCase().max(254, "An email address is at most 254 characters").refine((s) => !s.includes("\0"), "That is not an email address")),
    action: optional(z.enum(Object.keys(auditActions) as [keyof typeof auditActions], { error: "Choose an action from the list" })),
    odsCode: optional(odsCodeField),
    requestId: optional(z.string().trim().max(40, "A request reference is at most 40 characters")),
    // One bulk upload's events (its batch reference, from the bulk changes page).
    batchId: optional(z.string().trim().toLowerCase().pipe(z.uuid("A batch reference looks like 0b5c2f7e-…: copy it from the bulk changes page"))),
    from: optional(dayOrInstant("start")),
    to: optional(dayOrInstant("end")),
    cursor: optional(z.coerce.number({ error: "That page link is not valid" }).int().positive("That page link is not valid").max(DB_INT_MAX, "That page link is not valid")),
    limit: optional(z.coerce.number().int().min(1, "Limit is 1 to 200").max(200, "Limit is 1 to 200")),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date must be on or after the start date" });

export type AuditFilter = z.output<typeof AuditFilterSchema>;

const filterDates = { from: "Date from", to: "Date to" } as const;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * The change log page's date filters as typed into the NHS date input (fromDay, fromMonth, fromYear…): each a
 * whole UK day, so "to 27 3 2027" runs to midnight UK time. They become the API's `from`/`to` instants, so the
 * export links carry the same window; the API's own `from=YYYY-MM-DD` keeps its meaning.
 */
export function readFilterDays(query: Record<string, string>): { query: Record<string, string>; errors: Record<string, string> } {
  return readRangeBoxes(query, filterDates, (edge, day) =>
    (edge === "from" ? startOfUkDay(day) : new Date(startOfUkDay(nextDay(day)).getTime() - 1)).toISOString(),
  );
}

/** A change log page's query: the filter to run (null when anything is wrong), each field's error, and the API query. */
export function readFilterPage(raw: Record<string, string>) {
  const days = readFilterDays(raw);
  const parsed = AuditFilterSchema.safeParse(days.query);
  const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...days.errors };
  return { filter: parsed.success && Object.keys(days.errors).length === 0 ? parsed.data : null, errors, apiQuery: days.query };
}

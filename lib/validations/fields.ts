import { z } from "zod";
import { parseSmartcardId } from "@/lib/domain/smartcard";
import { parseOdsCode } from "@/lib/domain/ods";
import { readDateParts, type DateParts } from "@/lib/domain/date-parts";
import { parseEndDate, ukDay } from "@/lib/domain/grant-dates";

// Field schemas shared by every form and route handler, so the client and the server say the same thing.
export const smartcardIdField = z.string({ error: "Enter a smartcard ID" }).transform((value, ctx) => {
  const parsed = parseSmartcardId(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }
  return parsed.value;
});

export const odsCodeField = z.string({ error: "Choose an organisation" }).transform((value, ctx) => {
  const parsed = parseOdsCode(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }
  return parsed.value.code;
});

export const roleCodeField = z
  .string({ error: "Choose a job role" })
  .trim()
  .toUpperCase()
  .regex(/^R\d{4}$/, "A job role code is R followed by 4 digits, e.g. R8001");

export const reasonField = z
  .string({ error: "Enter a reason for this change" })
  .trim()
  .min(1, "Enter a reason for this change")
  .max(500, "Keep the reason to 500 characters or fewer");

export const requestIdField = z
  .string()
  .trim()
  .max(40, "A request reference is at most 40 characters")
  .regex(/^[A-Za-z0-9-]*$/, "A request reference has only letters, digits and dashes")
  .optional()
  .transform((value) => (value ? value : undefined));

/**
 * Ids and versions are 32-bit integers in the database. PostgreSQL refuses a larger value with an error (SQLite
 * does not), so anything larger is bad input here, never a database error.
 */
export const DB_INT_MAX = 2_147_483_647;

export const versionField = z
  .number({ error: "The profile version is missing — reload the page" })
  .int("The profile version is not valid — reload the page")
  .positive("The profile version is not valid — reload the page")
  .max(DB_INT_MAX, "The profile version is not valid — reload the page");

/** Day, month and year boxes (the NHS date input) as a YYYY-MM-DD day; a wrong date is an issue worded for people. */
export function datePartsField(label: string) {
  return (value: unknown, ctx: z.RefinementCtx): unknown => {
    if (value === null || typeof value !== "object" || value instanceof Date) return value;
    const read = readDateParts(value as DateParts, label);
    if (read.ok) return read.day;
    ctx.addIssue({ code: "custom", message: read.message });
    return z.NEVER;
  };
}

const toEndDay = datePartsField("End date");

/**
 * An optional end date: YYYY-MM-DD from the API and bulk files, { day, month, year } from the forms' date input
 * (3/12/2026 still read), a UK day after today; blank means open-ended.
 */
export const endDateField = z
  // A Date is what this field's own output looks like when a form's resolver already parsed it.
  .preprocess(
    (raw, ctx) => {
      const value = toEndDay(raw, ctx);
      return value instanceof Date ? ukDay(value) : value === null || (typeof value === "string" && value.trim() === "") ? undefined : value;
    },
    z.string({ error: "Enter the end date as a day, month and year, for example 3 12 2026" }).optional(),
  )
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    const parsed = parseEndDate(value, new Date());
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return parsed.endsAt;
  });

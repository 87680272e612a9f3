import { z } from "zod";
import { DB_INT_MAX, odsCodeField, smartcardIdField } from "./fields";

/** A catalogue entry; functions are typed one per line in the form. */
export const JobRoleSchema = z.object({
  code: z.string({ error: "Enter the job role code" }).trim().toUpperCase().regex(/^R\d{4}$/, "A job role code is R followed by 4 digits, e.g. R8001"),
  name: z.string({ error: "Enter the job role's name" }).trim().min(1, "Enter the job role's name").max(100, "The name must be 100 characters or fewer"),
  userGroup: z.string({ error: "Enter the CSMS user group" }).trim().min(1, "Enter the CSMS user group").max(120, "The user group must be 120 characters or fewer"),
  // Typed one per line in the form; the client's parsed array is parsed again on the server, so both shapes pass.
  functions: z.preprocess(
    (v) => (typeof v === "string" ? v.split("\n") : v),
    z
      .array(z.string().max(200, "Keep each function to 200 characters or fewer"), { error: "List the functions, one per line" })
      .transform((lines) => lines.map((line) => line.trim()).filter(Boolean))
      .refine((lines) => lines.length <= 40, "List at most 40 functions"),
  ),
  csmsAccess: z.boolean(),
});

export const ConsoleUserSchema = z.object({
  email: z.string({ error: "Enter an email address" }).trim().toLowerCase().max(254, "An email address is at most 254 characters").email("Enter an email address like name@nhs.net"),
  name: z.string({ error: "Enter the person's name" }).trim().min(1, "Enter the person's name").max(100, "The name must be 100 characters or fewer"),
  role: z.enum(["ra_agent", "advanced_ra_agent", "auditor"], { error: "Choose RA agent, advanced RA agent or auditor" }),
  // A group of checkboxes arrives as an array, a single string, or false when none is ticked.
  odsCodes: z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === "string" ? [v] : []),
    z.array(odsCodeField).max(200, "At most 200 organisations"),
  ),
  active: z.boolean(),
  // The person's own Care Identity profile (its smartcard ID): nobody changes their own profile. Empty: none;
  // left out of a change: kept as it is.
  smartcardId: z.preprocess(
    (v) => (v === null || (typeof v === "string" && v.trim() === "") ? null : v),
    smartcardIdField.nullable().optional(),
  ),
  // Only for email-and-password sign-in (the embedded default); OIDC deployments leave it empty.
  password: z.preprocess(
    (v) => (typeof v === "string" && v === "" ? undefined : v),
    z.string().min(12, "A password is at least 12 characters").max(200, "A password is at most 200 characters").optional(),
  ),
});

export const ConsoleUserUpdateSchema = ConsoleUserSchema.omit({ email: true, password: true }).extend({
  id: z.number({ error: "The account is missing — reload the page" }).int().positive().max(DB_INT_MAX),
});

export const ConsoleUserIdSchema = z.object({
  id: z.number({ error: "The account is missing — reload the page" }).int().positive().max(DB_INT_MAX),
});

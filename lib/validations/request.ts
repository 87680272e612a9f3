import { z } from "zod";
import { DB_INT_MAX, reasonField, smartcardIdField } from "./fields";
import { IDENTITY_METHODS, type IdentityMethod } from "@/lib/domain/identity";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const nameField = z
  .string({ error: "Enter your name" })
  .trim()
  .min(1, "Enter your name")
  .max(100, "Your name must be 100 characters or fewer");

const emailField = z
  .string({ error: "Enter your work email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter your work email address")
  .max(254, "An email address is at most 254 characters")
  .email("Enter an email address like name@nhs.net");

// Free text is stored as typed and always rendered as text, never as HTML.
const messageField = z
  .string({ error: "Enter a message" })
  .trim()
  .min(1, "Enter a message")
  .max(5000, "The message must be 5,000 characters or fewer");

/** The public help form: the same schema in the browser and on the server. */
export const RequestFormSchema = z.object({
  name: nameField,
  email: emailField,
  organisation: z
    .string({ error: "Enter your organisation's ODS code or name" })
    .trim()
    .min(1, "Enter your organisation's ODS code or name")
    .max(120, "The organisation must be 120 characters or fewer"),
  smartcardId: z.preprocess(blankToUndefined, smartcardIdField.optional()),
  message: messageField,
});

/** The JSON API's shape of the same request (CONTRACT.md): the organisation is an optional ODS code. */
export const RequestApiSchema = RequestFormSchema.omit({ organisation: true }).extend({
  odsCode: z.preprocess(blankToUndefined, z.string().trim().max(120, "The ODS code must be 120 characters or fewer").optional()),
});

/** An RA officer pastes an email they received. */
export const EmailIntakeSchema = z.object({
  senderName: nameField,
  senderEmail: emailField,
  text: z
    .string({ error: "Paste the email's text" })
    .trim()
    .min(1, "Paste the email's text")
    .max(20000, "The pasted text must be 20,000 characters or fewer"),
});

export const StatusLookupSchema = z.object({
  reference: z
    .string({ error: "Enter your request reference" })
    .trim()
    .toUpperCase()
    .regex(/^CSMS-[0-9A-Z]{8}$/, "Enter the reference as it was given to you, like CSMS-7K4M2P9Q"),
  email: emailField,
});

export const requestStatuses = ["new", "in_progress", "waiting", "resolved", "rejected"] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const requestStatusNames = {
  new: "New",
  in_progress: "In progress",
  waiting: "Waiting for requester",
  resolved: "Resolved",
  rejected: "Rejected",
} as const;

export const RequestUpdateSchema = z
  .object({
    id: z.string().uuid("That request reference is not valid"),
    version: z.number({ error: "The request version is missing — reload the page" }).int().positive().max(DB_INT_MAX),
    status: z.enum(requestStatuses, { error: "Choose a status" }).optional(),
    assignedToId: z.number().int().positive().max(DB_INT_MAX).nullable().optional(),
    reply: z.string().trim().max(5000, "The reply must be 5,000 characters or fewer").optional(),
    rejectionReason: z.preprocess(blankToUndefined, reasonField.optional()),
    // A request that arrived without a smartcard ID gets one attached once the requester sends it.
    smartcardId: z.preprocess(blankToUndefined, smartcardIdField.optional()),
  })
  .refine((u) => u.status !== "rejected" || u.rejectionReason, { path: ["rejectionReason"], message: "Enter why the request is rejected" })
  .refine((u) => u.status !== "resolved" || (u.reply && u.reply.length > 0), { path: ["reply"], message: "Enter the reply sent to the requester" });

export const InboxFilterSchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(requestStatuses, { error: "Choose a status from the list" }).optional()),
  category: z.preprocess(
    blankToUndefined,
    z.enum(["permissions", "smartcard_locked", "no_care_id", "technical", "unclear"], { error: "Choose a category from the list" }).optional(),
  ),
  odsCode: z.preprocess(blankToUndefined, z.string().trim().toUpperCase().max(10, "An ODS code is at most 10 characters").optional()),
  mine: z.preprocess(blankToUndefined, z.literal("1").optional()),
  cursor: z.preprocess(blankToUndefined, z.string().max(80).optional()),
});

/** How the officer confirmed that the requester owns the profile, when the request's details did not match it. */
export const IdentityConfirmSchema = z.object({
  id: z.string().uuid("That request reference is not valid"),
  version: z.number({ error: "The request version is missing — reload the page" }).int().positive().max(DB_INT_MAX),
  method: z.enum(Object.keys(IDENTITY_METHODS) as [IdentityMethod, ...IdentityMethod[]], { error: "Choose how you confirmed their identity" }),
  note: z
    .string({ error: "Say who confirmed it, or what you checked" })
    .trim()
    .min(5, "Say who confirmed it, or what you checked (at least 5 characters)")
    .max(500, "Keep the note to 500 characters or fewer"),
});
export type IdentityConfirmInput = z.output<typeof IdentityConfirmSchema>;

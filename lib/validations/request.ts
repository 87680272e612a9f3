import { z } from "zod";
import { DB_INT_MAX, odsCodeField, reasonField, smartcardIdField } from "./fields";
import { IDENTITY_METHODS, type IdentityMethod } from "@/lib/domain/identity";
import { templatePlaceholders } from "@/lib/domain/request-text";

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

/** Staff at several organisations (or across a PCN) name each one: one routes the request, up to 9 more ride along. */
export const MAX_ORGANISATIONS = 10;

const organisationField = z
  .string({ error: "Enter your organisation's ODS code or name" })
  .trim()
  .min(1, "Enter your organisation's ODS code or name")
  .max(120, "The organisation must be 120 characters or fewer");

const otherOrganisationsField = z
  .array(z.object({ organisation: z.string({ error: "Enter the ODS code or name, or remove this organisation" }).trim().min(1, "Enter the ODS code or name, or remove this organisation").max(120, "The organisation must be 120 characters or fewer") }), {
    error: "List the other organisations one to a box",
  })
  .max(MAX_ORGANISATIONS - 1, `Name at most ${MAX_ORGANISATIONS} organisations: your RA can add more once they have your request`);

/**
 * A template placeholder left in the message means the requester's details are missing. The smartcard ID's
 * placeholder is harmless when the ID is given in its own box; any other is refused.
 */
function refusePlaceholders(value: { message: string; smartcardId?: string }, ctx: z.RefinementCtx) {
  const left = templatePlaceholders(value.message).find((p) => !(p.aboutSmartcardId && value.smartcardId));
  if (!left) return;
  ctx.addIssue({
    code: "custom",
    path: ["message"],
    message: left.aboutSmartcardId
      ? `Your message still says ${left.text}: replace it with your 12-digit smartcard ID, or enter the ID in the smartcard ID box`
      : `Your message still says ${left.text}: replace it with your own details`,
  });
}

const requestFormObject = z.object({
  name: nameField,
  email: emailField,
  organisation: organisationField,
  otherOrganisations: otherOrganisationsField.optional(),
  smartcardId: z.preprocess(blankToUndefined, smartcardIdField.optional()),
  message: messageField,
});

/** The public help form: the same schema in the browser and on the server. */
export const RequestFormSchema = requestFormObject.superRefine(refusePlaceholders);

/**
 * The JSON API's shape of the same request (CONTRACT.md): the organisation is an optional ODS code;
 * `otherOdsCodes` (optional, added later) names the further organisations, and needs `odsCode`.
 */
export const RequestApiSchema = requestFormObject
  .omit({ organisation: true, otherOrganisations: true })
  .extend({
    odsCode: z.preprocess(blankToUndefined, z.string().trim().max(120, "The ODS code must be 120 characters or fewer").optional()),
    otherOdsCodes: z
      .array(odsCodeField, { error: "List the other ODS codes as an array of strings" })
      .max(MAX_ORGANISATIONS - 1, `Name at most ${MAX_ORGANISATIONS - 1} other organisations`)
      .optional(),
  })
  .superRefine(refusePlaceholders)
  .refine((r) => !r.otherOdsCodes?.length || r.odsCode, { path: ["odsCode"], message: "Give odsCode, the organisation that handles the request, before otherOdsCodes" });

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
    // The organisation, attached or corrected later; moving it routes the request there.
    odsCode: z.preprocess(blankToUndefined, odsCodeField.optional()),
    // What the officer needs from the requester: goes out with "Waiting for requester".
    message: z.preprocess(blankToUndefined, z.string().trim().max(2000, "The message must be 2,000 characters or fewer").optional()),
  })
  .refine((u) => u.status !== "rejected" || u.rejectionReason, { path: ["rejectionReason"], message: "Enter why the request is rejected" })
  .refine((u) => u.status !== "resolved" || (u.reply && u.reply.length > 0), { path: ["reply"], message: "Enter the reply sent to the requester" });

const idField = z.string({ error: "That request reference is not valid" }).uuid("That request reference is not valid");

/** An internal note on a request (RA only). */
export const RequestNoteSchema = z.object({
  id: idField,
  text: z
    .string({ error: "Enter the note" })
    .trim()
    .min(1, "Enter the note")
    .max(2000, "The note must be 2,000 characters or fewer"),
});

/** Split the other smartcard IDs a request names into requests of their own. */
export const SplitRequestSchema = z.object({
  id: idField,
  version: z.number({ error: "The request version is missing — reload the page" }).int().positive(),
  smartcardIds: z
    .array(smartcardIdField, { error: "Choose the smartcard IDs to split off" })
    .min(1, "Choose at least one smartcard ID to split off")
    .max(20, "Split off at most 20 smartcard IDs at once"),
});

/** The requester answers through the public status page: reference and email prove nothing more than before. */
export const RequesterReplySchema = StatusLookupSchema.extend({
  message: messageField.pipe(z.string().max(3000, "Your reply must be 3,000 characters or fewer")),
});

export const InboxFilterSchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(requestStatuses, { error: "Choose a status from the list" }).optional()),
  category: z.preprocess(
    blankToUndefined,
    z.enum(["permissions", "smartcard_locked", "no_care_id", "technical", "unclear"], { error: "Choose a category from the list" }).optional(),
  ),
  odsCode: z.preprocess(blankToUndefined, z.string().trim().toUpperCase().max(10, "An ODS code is at most 10 characters").optional()),
  mine: z.preprocess(blankToUndefined, z.literal("1").optional()),
  // "unrouted": requests for organisations no RA officer in the console acts for.
  queue: z.preprocess(blankToUndefined, z.literal("unrouted", { error: "Choose a queue from the list" }).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(100, "Search for at most 100 characters").optional()),
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

/** Attaching or correcting a request's organisation (the officer's form; the server reads it through RequestUpdateSchema). */
export const AttachOdsSchema = z.object({ odsCode: odsCodeField });

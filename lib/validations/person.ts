import { z } from "zod";
import { endDateField, odsCodeField, reasonField, requestIdField, roleCodeField, smartcardIdField, versionField } from "./fields";

// One schema per input; the API body variants omit what the URL already carries.
export const ChangeSchema = z.object({
  smartcardId: smartcardIdField,
  odsCode: odsCodeField,
  roleCode: roleCodeField,
  reason: reasonField,
  requestId: requestIdField,
  version: versionField,
});

// A grant the IG guard warns about goes ahead only when the officer acknowledges it and says why.
const grantFields = {
  endDate: endDateField,
  acknowledgeWarning: z.boolean({ error: "acknowledgeWarning is true or false" }).optional(),
  justification: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.string({ error: "Enter why this access is needed" }).trim().min(10, "Say why this access is needed (at least 10 characters)").max(500, "Keep the justification to 500 characters or fewer").optional(),
  ),
};
const acknowledged = (c: { acknowledgeWarning?: boolean; justification?: string }) => !c.acknowledgeWarning || c.justification !== undefined;
const needsJustification = { path: ["justification"], message: "Enter why this access is needed" };

export const AddRoleSchema = ChangeSchema.extend(grantFields).refine(acknowledged, needsJustification);
export const RemoveRoleSchema = ChangeSchema;
export const AddWorkgroupSchema = ChangeSchema.omit({ roleCode: true }).extend(grantFields).refine(acknowledged, needsJustification);
export const RemoveWorkgroupSchema = ChangeSchema.omit({ roleCode: true });

export type AddRoleInput = z.output<typeof AddRoleSchema>;
export type WorkgroupInput = z.output<typeof AddWorkgroupSchema>;

// An RA agent asks for a workgroup change they may not make; the profile version, when given, is the one they saw.
export const AskChangeSchema = ChangeSchema.omit({ roleCode: true, version: true }).extend({
  kind: z.enum(["workgroup.add", "workgroup.remove"], { error: "Choose what to ask for" }),
  version: versionField.optional(),
  endDate: endDateField,
});

const optionalText = (schema: z.ZodType<string | undefined>) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);

/** A second person's decision on a pending change: approving applies it, rejecting needs a reason. */
export const DecideChangeSchema = z
  .object({
    id: z.string({ error: "The change reference is missing" }).uuid("That change reference is not valid"),
    decision: z.enum(["approve", "reject"], { error: "Choose approve or reject" }),
    reason: optionalText(z.string().trim().max(500, "Keep the reason to 500 characters or fewer").optional()),
    ...grantFields,
  })
  .omit({ endDate: true })
  .refine((d) => d.decision !== "reject" || d.reason !== undefined, { path: ["reason"], message: "Enter why the change is rejected" })
  .refine(acknowledged, needsJustification);

/** Access reviews and re-dating act on one live grant. */
const GrantSchema = z.object({
  kind: z.enum(["role", "workgroup"], { error: "Choose a job role or the workgroup" }),
  smartcardId: smartcardIdField,
  odsCode: odsCodeField,
  roleCode: z.preprocess((value) => (value === "" || value === null ? undefined : value), roleCodeField.optional()),
  reason: reasonField,
  version: versionField,
});
const roleNamed = (g: { kind: string; roleCode?: string }) => g.kind !== "role" || g.roleCode !== undefined;
const needsRole = { path: ["roleCode"], message: "Choose a job role" };
export const EndDateChangeSchema = GrantSchema.extend({ endDate: endDateField }).refine(roleNamed, needsRole);
export const ReviewSchema = GrantSchema.extend({
  decision: z.enum(["still_needed", "end_now"], { error: "Choose still needed or end now" }),
  // Still needed, for a grant about to end: the new end date (none keeps it open-ended).
  endDate: endDateField,
}).refine(roleNamed, needsRole);

export const LookupSchema = z.object({ smartcardId: smartcardIdField });

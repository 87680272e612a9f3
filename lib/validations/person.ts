import { z } from "zod";
import { odsCodeField, reasonField, requestIdField, roleCodeField, smartcardIdField, versionField } from "./fields";

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
const acknowledgement = {
  acknowledgeWarning: z.boolean({ error: "acknowledgeWarning is true or false" }).optional(),
  justification: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.string({ error: "Enter why this access is needed" }).trim().min(10, "Say why this access is needed (at least 10 characters)").max(500, "Keep the justification to 500 characters or fewer").optional(),
  ),
};
const acknowledged = (c: { acknowledgeWarning?: boolean; justification?: string }) => !c.acknowledgeWarning || c.justification !== undefined;
const needsJustification = { path: ["justification"], message: "Enter why this access is needed" };

export const AddRoleSchema = ChangeSchema.extend(acknowledgement).refine(acknowledged, needsJustification);
export const RemoveRoleSchema = ChangeSchema;
export const AddWorkgroupSchema = ChangeSchema.omit({ roleCode: true }).extend(acknowledgement).refine(acknowledged, needsJustification);
export const RemoveWorkgroupSchema = ChangeSchema.omit({ roleCode: true });

export type AddRoleInput = z.output<typeof AddRoleSchema>;
export type WorkgroupInput = z.output<typeof AddWorkgroupSchema>;

export const AskChangeSchema = ChangeSchema.omit({ roleCode: true, version: true }).extend({ kind: z.enum(["workgroup.add", "workgroup.remove"], { error: "Choose what to ask for" }) });
export const DecideChangeSchema = z.object({
  id: z.string().uuid("That change reference is not valid"),
  decision: z.enum(["apply", "decline"], { error: "Choose apply or decline" }),
  reason: z.string({ error: "Enter a reason" }).trim().min(1, "Enter a reason").max(500, "Keep the reason to 500 characters or fewer"),
});

export const LookupSchema = z.object({ smartcardId: smartcardIdField });

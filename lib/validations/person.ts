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

export const AddRoleSchema = ChangeSchema;
export const RemoveRoleSchema = ChangeSchema;
export const AddWorkgroupSchema = ChangeSchema.omit({ roleCode: true });
export const RemoveWorkgroupSchema = AddWorkgroupSchema;

export type AddRoleInput = z.output<typeof AddRoleSchema>;
export type WorkgroupInput = z.output<typeof AddWorkgroupSchema>;

export const LookupSchema = z.object({ smartcardId: smartcardIdField });

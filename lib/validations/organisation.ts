import { z } from "zod";
import { odsCodeField, reasonField } from "./fields";

/** Creating an organisation's cervicalscreening workgroup: the form and POST /api/v1/organisations/{odsCode}/workgroup. */
export const CreateOrganisationWorkgroupSchema = z.object({ odsCode: odsCodeField, reason: reasonField });

export type CreateOrganisationWorkgroupInput = z.input<typeof CreateOrganisationWorkgroupSchema>;

import { z } from "zod";

/** 1 MB holds the 500 rows an import takes many times over; a bigger upload is refused before it is read. */
export const MAX_IMPORT_BYTES = 1_000_000;

export const JobRoleImportSchema = z.object({
  csv: z
    .string({ error: "Choose a CSV file to import" })
    .min(1, "Choose a CSV file to import")
    .max(MAX_IMPORT_BYTES, "The file must be 1 MB or smaller"),
  fileName: z.string().trim().max(200, "The file name must be 200 characters or fewer").optional(),
});

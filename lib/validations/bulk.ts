import { z } from "zod";
import { BULK_CHUNK_ROWS, BULK_COLUMNS, MAX_BULK_BYTES } from "@/lib/domain/bulk-columns";

/** `POST /api/v1/bulk?dryRun=true|false`: without it, a dry run (the safe default). */
export const BulkQuerySchema = z.object({
  dryRun: z.enum(["true", "false"], { error: "dryRun is true or false" }).default("true"),
});

// The page sends the file's text for the dry run, then its rows back a chunk at a time to apply.
export const BulkFileSchema = z.object({
  csv: z.string({ error: "Choose a CSV file" }).min(1, "The file is empty: it needs a header row and one line per change.").max(MAX_BULK_BYTES, "The file is over 1 MB: split it into smaller files."),
});

const cell = z.string().max(1000, "A cell is at most 1,000 characters");
export const BulkChunkSchema = z.object({
  batchId: z.uuid("That batch reference is not valid").optional(),
  file: z.string().trim().max(200).optional(),
  rows: z
    .array(z.object({ line: z.number().int().positive(), cells: z.object(Object.fromEntries(BULK_COLUMNS.map((c) => [c, cell])) as Record<(typeof BULK_COLUMNS)[number], typeof cell>) }))
    .min(1, "There are no rows to apply")
    .max(2 * BULK_CHUNK_ROWS, `Apply at most ${2 * BULK_CHUNK_ROWS} rows at a time`),
});

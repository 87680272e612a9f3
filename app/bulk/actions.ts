"use server";

import { actionResult, type ActionResult } from "@/lib/action-result";
import { authorise } from "@/lib/auth/authorise";
import { checkBulkCells } from "@/lib/domain/bulk-csv";
import { annotatedCsv, applyBulk, dryRunBulk, newBatchId, readBulkFile, type BulkRowView } from "@/lib/services/bulk";
import { BulkChunkSchema, BulkFileSchema } from "@/lib/validations/bulk";
import { parseInput } from "@/lib/validations/parse";

export type DryRunResult = { rows: BulkRowView[]; csv: string };
export type ChunkResult = { batchId: string; rows: BulkRowView[] };

export async function dryRunBulkAction(input: unknown): Promise<ActionResult<DryRunResult>> {
  return actionResult("dryRunBulkAction", async () => {
    const actor = await authorise({ kind: "bulk:run" });
    const { csv } = parseInput(BulkFileSchema, input);
    const rows = await dryRunBulk(actor, readBulkFile(csv));
    return { rows, csv: annotatedCsv(rows) };
  });
}

/** One chunk of the file's rows, sent back by the page: each row's cells are checked again here, never trusted. */
export async function applyBulkChunkAction(input: unknown): Promise<ActionResult<ChunkResult>> {
  return actionResult("applyBulkChunkAction", async () => {
    const actor = await authorise({ kind: "bulk:run" });
    const chunk = parseInput(BulkChunkSchema, input);
    const now = new Date();
    const batchId = chunk.batchId ?? newBatchId();
    const rows = await applyBulk(actor, chunk.rows.map((r) => checkBulkCells(r.line, r.cells, now)), { id: batchId, file: chunk.file || undefined });
    return { batchId, rows };
  });
}

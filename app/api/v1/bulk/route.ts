import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readCsvBody, wantsCsv } from "@/lib/api/csv-body";
import { authorise } from "@/lib/auth/authorise";
import { annotatedCsv, apiRow, applyBulk, dryRunBulk, newBatchId, readBulkFile, type BulkRowView } from "@/lib/services/bulk";
import { BulkQuerySchema } from "@/lib/validations/bulk";
import { parseInput } from "@/lib/validations/parse";

function answer(request: Request, rows: BulkRowView[], batchId?: string): Response {
  if (wantsCsv(request)) {
    const name = batchId ? `bulk-${batchId}.csv` : "bulk-dry-run.csv";
    return new Response(annotatedCsv(rows), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` } });
  }
  return NextResponse.json({ ...(batchId ? { batchId } : {}), rows: rows.map(apiRow) });
}

export const POST = apiRoute(async (request) => {
  const actor = await authorise({ kind: "bulk:run" });
  const { dryRun } = parseInput(BulkQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const rows = readBulkFile(await readCsvBody(request));
  if (dryRun === "true") return answer(request, await dryRunBulk(actor, rows));
  const batchId = newBatchId();
  return answer(request, await applyBulk(actor, rows, { id: batchId }), batchId);
});

import { apiRoute } from "@/lib/api/handler";
import { jsonLine, streamLines } from "@/lib/audit/export";
import { exportAuditLog, searchParamsObject } from "@/lib/services/audit";

export const GET = apiRoute(async (request) => {
  const rows = await exportAuditLog(searchParamsObject(request.url));
  return new Response(streamLines(rows, "", jsonLine), {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="csms-change-log-${new Date().toISOString().slice(0, 10)}.jsonl"`,
      "cache-control": "no-store",
    },
  });
});

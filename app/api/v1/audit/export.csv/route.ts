import { apiRoute } from "@/lib/api/handler";
import { csvHeader, csvRow, streamLines } from "@/lib/audit/export";
import { exportAuditLog, searchParamsObject } from "@/lib/services/audit";

export const GET = apiRoute(async (request) => {
  const rows = await exportAuditLog(searchParamsObject(request.url));
  return new Response(streamLines(rows, csvHeader(), csvRow), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="csms-change-log-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});

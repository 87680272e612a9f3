import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readAuditLog, searchParamsObject } from "@/lib/services/audit";

export const GET = apiRoute(async (request) => {
  const { events, nextCursor } = await readAuditLog(searchParamsObject(request.url));
  return NextResponse.json({ events, nextCursor: nextCursor === null ? null : String(nextCursor) });
});

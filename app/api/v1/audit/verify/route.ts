import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { verifyAuditLog } from "@/lib/services/audit";

export const GET = apiRoute(async () => {
  const { ok, checked, firstBadEventId, problem } = await verifyAuditLog();
  return NextResponse.json({ ok, checked, firstBadEventId, problem });
});

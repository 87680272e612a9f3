import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { verifyAuditLog } from "@/lib/services/audit";

// { ok, checked, firstBadEventId, problem } sum it up; chain, checkpoints, accessLog and state say what was
// checked and where, warnings what could not be (see README, "Audit tools").
export const GET = apiRoute(async () => {
  const { ok, checked, firstBadEventId, problem, chain, checkpoints, accessLog, state, warnings } = await verifyAuditLog();
  return NextResponse.json({ ok, checked, firstBadEventId, problem, chain, checkpoints, accessLog, state, warnings });
});

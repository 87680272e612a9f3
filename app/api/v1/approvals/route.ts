import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { approvalJson, loadApprovals } from "@/lib/services/approvals";

export const GET = apiRoute(async () => {
  const { pending } = await loadApprovals();
  return NextResponse.json({ approvals: pending.map(approvalJson) });
});

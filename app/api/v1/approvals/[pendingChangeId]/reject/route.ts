import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { decideChange } from "@/lib/services/approvals";

export const POST = apiRoute<{ pendingChangeId: string }>(async (request, { pendingChangeId }) => {
  const body = await readJson(request);
  const { message } = await decideChange({ ...body, id: pendingChangeId, decision: "reject" });
  return NextResponse.json({ message });
});

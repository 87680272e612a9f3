import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { personJson } from "@/lib/data/people";
import { decideChange } from "@/lib/services/approvals";
import { profileOrThrow } from "@/lib/services/person-changes";

export const POST = apiRoute<{ pendingChangeId: string }>(async (request, { pendingChangeId }) => {
  const body = await readJson(request);
  const { message, smartcardId } = await decideChange({ ...body, id: pendingChangeId, decision: "approve" });
  return NextResponse.json({ message, person: personJson(await profileOrThrow(smartcardId)) });
});

import "server-only";
import { NextResponse } from "next/server";
import { personJson } from "@/lib/data/people";
import type { ChangeOutcome } from "@/lib/services/person-changes";

/** A change made answers with the person; one waiting for a second person answers 202 with its id. */
export function changeResponse(outcome: ChangeOutcome): NextResponse {
  if (outcome.pendingChangeId) return NextResponse.json({ pendingChangeId: outcome.pendingChangeId, message: outcome.message }, { status: 202 });
  return NextResponse.json(personJson(outcome.profile));
}

import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { personJson } from "@/lib/data/people";
import { changePerson } from "@/lib/services/person-changes";

export const POST = apiRoute<{ smartcardId: string }>(async (request, { smartcardId }) => {
  const body = await readJson(request);
  const { profile } = await changePerson("workgroup.add", { ...body, smartcardId });
  return NextResponse.json(personJson(profile));
});

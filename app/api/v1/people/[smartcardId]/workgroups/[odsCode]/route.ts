import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { personJson } from "@/lib/data/people";
import { changePerson } from "@/lib/services/person-changes";

export const DELETE = apiRoute<{ smartcardId: string; odsCode: string }>(async (request, { smartcardId, odsCode }) => {
  const body = await readJson(request);
  const { profile } = await changePerson("workgroup.remove", { ...body, smartcardId, odsCode });
  return NextResponse.json(personJson(profile));
});

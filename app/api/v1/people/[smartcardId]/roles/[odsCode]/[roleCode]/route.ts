import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { personJson } from "@/lib/data/people";
import { changePerson } from "@/lib/services/person-changes";

type Params = { smartcardId: string; odsCode: string; roleCode: string };

export const DELETE = apiRoute<Params>(async (request, { smartcardId, odsCode, roleCode }) => {
  const body = await readJson(request);
  const { profile } = await changePerson("role.remove", { ...body, smartcardId, odsCode, roleCode });
  return NextResponse.json(personJson(profile));
});

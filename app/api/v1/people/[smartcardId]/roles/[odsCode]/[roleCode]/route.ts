import { apiRoute, readJson } from "@/lib/api/handler";
import { changeResponse } from "@/lib/api/change-response";
import { changePerson } from "@/lib/services/person-changes";

type Params = { smartcardId: string; odsCode: string; roleCode: string };

export const DELETE = apiRoute<Params>(async (request, { smartcardId, odsCode, roleCode }) => {
  const body = await readJson(request);
  return changeResponse(await changePerson("role.remove", { ...body, smartcardId, odsCode, roleCode }));
});

import { apiRoute, readJson } from "@/lib/api/handler";
import { changeResponse } from "@/lib/api/change-response";
import { changePerson } from "@/lib/services/person-changes";

export const DELETE = apiRoute<{ smartcardId: string; odsCode: string }>(async (request, { smartcardId, odsCode }) => {
  const body = await readJson(request);
  return changeResponse(await changePerson("workgroup.remove", { ...body, smartcardId, odsCode }));
});

import { apiRoute, readJson } from "@/lib/api/handler";
import { changeResponse } from "@/lib/api/change-response";
import { changePerson } from "@/lib/services/person-changes";

export const POST = apiRoute<{ smartcardId: string }>(async (request, { smartcardId }) => {
  const body = await readJson(request);
  return changeResponse(await changePerson("workgroup.add", { ...body, smartcardId }));
});

import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { requestJson } from "@/lib/services/requests";

export const GET = apiRoute<{ requestId: string }>(async (_request, { requestId }) => NextResponse.json(await requestJson(requestId)));

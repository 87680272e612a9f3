import { NextResponse } from "next/server";
import { clientIp } from "@/lib/action-result";
import { apiRoute, readJson } from "@/lib/api/handler";
import { submitRequestApi } from "@/lib/services/requests";

// Public: staff ask for help without signing in. Rate-limited per address and per email.
export const POST = apiRoute(async (request) => {
  const created = await submitRequestApi(await readJson(request), clientIp(request.headers));
  return NextResponse.json(created, { status: 201 });
});

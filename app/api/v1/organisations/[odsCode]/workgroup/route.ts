import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { createWorkgroupAtOrganisation } from "@/lib/services/organisation-workgroups";

export const POST = apiRoute<{ odsCode: string }>(async (request, { odsCode }) => {
  const body = await readJson(request);
  const { organisation } = await createWorkgroupAtOrganisation({ ...body, odsCode });
  return NextResponse.json(organisation);
});

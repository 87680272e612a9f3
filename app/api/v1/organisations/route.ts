import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { suggestOrganisations } from "@/lib/services/organisations";

// Public reference data (ODS codes and names), used for suggestions on the help form.
export const GET = apiRoute(async (request) => {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return NextResponse.json({ organisations: await suggestOrganisations(q) });
});

import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { clientIp } from "@/lib/action-result";
import { suggestOrganisations } from "@/lib/services/organisations";
import { limitOrganisationLookup } from "@/lib/services/requests";

// Public reference data (ODS codes and names), used for suggestions on the help form; limited per address.
export const GET = apiRoute(async (request) => {
  await limitOrganisationLookup(clientIp(request.headers));
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return NextResponse.json({ organisations: await suggestOrganisations(q) });
});

import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { loadReviews, reviewJson } from "@/lib/services/reviews";

export const GET = apiRoute(async (request) => {
  const odsCode = new URL(request.url).searchParams.get("odsCode") ?? undefined;
  const { grants } = await loadReviews({ odsCode });
  return NextResponse.json({ reviews: grants.map(reviewJson) });
});

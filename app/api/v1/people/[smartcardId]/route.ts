import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readPerson } from "@/lib/services/person-reads";

export const GET = apiRoute<{ smartcardId: string }>(async (_request, { smartcardId }) =>
  NextResponse.json(await readPerson(smartcardId)),
);

import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { openApiDocument } from "@/lib/api/openapi";

// Public: it describes the API's shape (the same zod schemas the routes parse with), never its data, and
// automation clients read it before they have a session. Built once per process.
let document: ReturnType<typeof openApiDocument> | undefined;

export const GET = apiRoute(async () => NextResponse.json((document ??= openApiDocument())));

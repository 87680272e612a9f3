import "server-only";
import { NextResponse } from "next/server";
import { badInput, toProblem, type Problem } from "@/lib/errors";

const MAX_BODY_BYTES = 16 * 1024;

export function errorResponse(problem: Omit<Problem, "status">, status: number): NextResponse {
  const error = {
    code: problem.code,
    message: problem.message,
    ...(problem.fields ? { fields: problem.fields } : {}),
    ...(problem.warnings ? { warnings: problem.warnings } : {}),
  };
  return NextResponse.json({ error }, { status });
}

// Cookies are SameSite=Lax already; refusing a foreign Origin also stops cross-site form posts and fetches.
function crossSite(request: Request): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** Reads a JSON object body with a size cap; any problem is the client's to fix, so it is a 400. */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  // A declared length over the cap is refused before anything is read.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    throw badInput(`The request body is over ${MAX_BODY_BYTES / 1024} KB.`);
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw badInput(`The request body is over ${MAX_BODY_BYTES / 1024} KB.`);
  }
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badInput("The request body is not valid JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw badInput("The request body must be a JSON object.");
  return body as Record<string, unknown>;
}

type Context<P> = { params: Promise<P> };

// Every answer here is about people and their access (or an error about them): never kept by a browser,
// a shared cache or the back button.
function noStore(response: Response): Response {
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** One wrapper for every route: Origin check on writes, typed failures turned into the contract's error JSON, never cached. */
export function apiRoute<P>(handler: (request: Request, params: P) => Promise<Response>) {
  async function answer(request: Request, context: Context<P>): Promise<Response> {
    try {
      if (request.method !== "GET" && request.method !== "HEAD" && crossSite(request)) {
        return errorResponse({ code: "forbidden", message: "Cross-site requests are refused." }, 403);
      }
      return await handler(request, await context.params);
    } catch (error) {
      const problem = toProblem(error);
      if (problem) return errorResponse(problem, problem.status);
      console.error("Unexpected failure in", request.method, new URL(request.url).pathname, error);
      return errorResponse({ code: "server_error", message: "Something went wrong on our side; nothing was changed." }, 500);
    }
  }
  return async (request: Request, context: Context<P>): Promise<Response> => noStore(await answer(request, context));
}

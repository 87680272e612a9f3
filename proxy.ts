// Runs before every page, API route and Server Action: refuses requests that Next.js would otherwise
// answer with a 500 before our code runs (see lib/http/request-guard.ts), and gives every answer its
// security headers, with a fresh script nonce that Next.js reads from the request's policy.
import { NextResponse, type NextRequest } from "next/server";
import {
  ACTION_BODY_LIMIT,
  ALLOWED_METHODS,
  actionBodyProblem,
  allowedMethod,
  foreignOrigin,
  malformedPath,
  possibleServerAction,
} from "@/lib/http/request-guard";
import { refusalResponse, wantsJson, type Refusal } from "@/lib/http/refusal";
import { createNonce, securityHeaders, servedOverHttps } from "@/lib/security/headers";

const TOO_LARGE: Refusal = { status: 413, code: "too_large", message: `The form data is over ${ACTION_BODY_LIMIT / 1024 / 1024} MB.` };

/** Reads a Server Action's body (Next.js keeps its own copy for the action) and checks React can decode it. */
async function actionRefusal(request: NextRequest): Promise<Refusal | null> {
  if (Number(request.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT) return TOO_LARGE;
  const bytes = await request.clone().arrayBuffer();
  if (bytes.byteLength > ACTION_BODY_LIMIT) return TOO_LARGE;
  const contentType = request.headers.get("content-type") ?? "";
  let body: string | FormData;
  if (contentType.toLowerCase().startsWith("multipart/form-data")) {
    try {
      body = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
    } catch {
      return { status: 400, code: "bad_input", message: "The form data could not be read." };
    }
  } else {
    body = new TextDecoder().decode(bytes);
  }
  const problem = actionBodyProblem(request.headers.has("next-action"), body);
  return problem ? { status: 400, code: "bad_input", message: problem } : null;
}

async function refusalFor(request: NextRequest): Promise<Refusal | null> {
  const { method, headers } = request;
  const { pathname } = request.nextUrl;
  if (!allowedMethod(method)) {
    return {
      status: 405,
      code: "method_not_allowed",
      message: `${method.slice(0, 20)} requests are not supported.`,
      headers: { Allow: ALLOWED_METHODS.join(", ") },
    };
  }
  if (malformedPath(pathname)) {
    return { status: 400, code: "bad_input", message: "The address has a % that is not followed by a valid encoded character." };
  }
  // API routes check Origin themselves (lib/api/handler.ts) and never run Server Actions.
  if (pathname.startsWith("/api/") || !possibleServerAction(method, headers)) return null;
  if (foreignOrigin(headers)) return { status: 403, code: "forbidden", message: "Cross-site requests are refused." };
  return actionRefusal(request);
}

export async function proxy(request: NextRequest): Promise<Response> {
  const nonce = createNonce();
  const headers = securityHeaders({
    nonce,
    https: servedOverHttps(request.url, request.headers),
    development: process.env.NODE_ENV === "development",
  });

  const refusal = await refusalFor(request);
  if (refusal) return refusalResponse(refusal, wantsJson(request.nextUrl.pathname, request.headers), headers);

  // Next.js takes the nonce for its own scripts from the policy on the request.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete("content-security-policy");
  const policy = headers["Content-Security-Policy"];
  if (policy) requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Built files carry no personal data and no inline scripts; next.config.mjs gives them the static headers.
  matcher: ["/((?!_next/static|_next/image).*)"],
};

// Node's fetch refuses to build a Request for TRACE, and Next.js builds one for the proxy and for every route
// handler before any of our code runs: the TypeError becomes a plain-text 500 that the proxy never sees. So
// TRACE is answered on the HTTP server itself, before Next.js is handed the request. (TRACK and unknown
// methods never get that far: Node's parser answers 400; CONNECT is not a request event at all.)
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { refusalResponse, wantsJson } from "@/lib/http/refusal";
import { ALLOWED_METHODS } from "@/lib/http/request-guard";
import { createNonce, securityHeaders, servedOverHttps } from "@/lib/security/headers";

const installed = Symbol.for("ra-console.refuse-trace");

function answerFor(request: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const url = new URL(request.url ?? "/", "http://localhost");
  return refusalResponse(
    {
      status: 405,
      code: "method_not_allowed",
      message: "TRACE requests are not supported.",
      headers: { Allow: ALLOWED_METHODS.join(", ") },
    },
    wantsJson(url.pathname, headers),
    securityHeaders({
      nonce: createNonce(),
      https: servedOverHttps(url.href, headers),
      development: process.env.NODE_ENV === "development",
    }),
  );
}

async function refuse(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let answer: Response;
  try {
    answer = answerFor(request);
  } catch {
    // A target or header that WHATWG URL and Headers cannot hold: the bare refusal will do.
    answer = new Response("TRACE requests are not supported.", { status: 405, headers: { Allow: ALLOWED_METHODS.join(", ") } });
  }
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(await answer.text());
}

/** Wraps every HTTP server's request event (once per process) so TRACE gets a 405 like other unsupported methods. */
export function refuseTrace(serverClass: typeof Server): void {
  const prototype = serverClass.prototype as Server & { [installed]?: true };
  if (prototype[installed]) return;
  prototype[installed] = true;
  const emit = prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      if (request.method === "TRACE") {
        void refuse(request, response);
        return true;
      }
    }
    return emit.call(this, event, ...args);
  } as Server["emit"];
}

// What the proxy answers when it refuses a request: the contract's error JSON to programs (the API, and
// Server Action calls, which are fetches), a plain page to people in a browser.

// The contract's codes where they fit; two more for refusals that only happen here.
export type RefusalCode = "bad_input" | "forbidden" | "method_not_allowed" | "too_large";
export type Refusal = { status: 400 | 403 | 405 | 413; code: RefusalCode; message: string; headers?: Record<string, string> };

const TITLES: Record<number, string> = {
  400: "The address or form could not be read",
  403: "This request was refused",
  405: "This kind of request is not supported",
  413: "The request is too large",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// No scripts and no stylesheet from the build: it must render whatever went wrong, under any policy.
function page(status: number, message: string): string {
  const title = TITLES[status] ?? "This request was refused";
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – RA console for CSMS access</title>
</head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p>Nothing was changed. If you followed a link or typed the address, check it and try again.</p>
<p><a href="/">Go to the lookup</a></p>
</main>
</body>
</html>
`;
}

/** Programs get JSON: anything under /api/, and Server Action calls (a fetch carrying `Next-Action`). */
export function wantsJson(pathname: string, headers: Headers): boolean {
  return pathname === "/api" || pathname.startsWith("/api/") || headers.has("next-action");
}

export function refusalResponse(refusal: Refusal, json: boolean, headers: Record<string, string>): Response {
  const all = { ...headers, ...refusal.headers, "Cache-Control": "no-store" };
  if (json) {
    return Response.json({ error: { code: refusal.code, message: refusal.message } }, { status: refusal.status, headers: all });
  }
  return new Response(page(refusal.status, refusal.message), {
    status: refusal.status,
    headers: { ...all, "Content-Type": "text/html; charset=utf-8" },
  });
}

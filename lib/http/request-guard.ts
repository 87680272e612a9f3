// Checks the proxy makes before Next.js sees a request. Each one stops input that Next.js itself would turn
// into a 500 before any of our code runs: a path segment it cannot decode, a Server Action from another
// site (its CSRF check throws), action arguments React's decoder chokes on, an action body over its limit.
// Methods the console does not serve are refused here too (TRACE never gets this far: unsupported-methods.ts).

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export function allowedMethod(method: string): boolean {
  return (ALLOWED_METHODS as readonly string[]).includes(method);
}

/** True when a path segment is not valid percent-encoding (`%ZZ`, a cut-off `%E0%A4%A`, a lone surrogate). */
export function malformedPath(pathname: string): boolean {
  for (const segment of pathname.split("/")) {
    if (!segment.includes("%")) continue;
    try {
      decodeURIComponent(segment);
    } catch {
      return true;
    }
  }
  return false;
}

/** A POST that Next.js will treat as a Server Action: a fetch from the client, or a form without JavaScript. */
export function possibleServerAction(method: string, headers: Headers): boolean {
  if (method !== "POST") return false;
  return headers.has("next-action") || (headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/**
 * Next.js's own rule for Server Actions (the Origin's host must be the first X-Forwarded-Host, or else the
 * Host), plus the browser's word that the call is cross-site. A request without Origin is allowed, as Next.js
 * allows it: browsers always send one on POST, so only hand-made requests lack it.
 */
export function foreignOrigin(headers: Headers): boolean {
  if (headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (!host) return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null" (sandboxed frames, file: pages) and anything unparsable.
  }
}

/** Next.js's default limit for a Server Action body; over it, Next.js answers 500. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

// Far more than any of our actions takes; Next.js refuses (with a 500) over 1,000.
const MAX_ACTION_ARGUMENTS = 100;

// Values React's reply format writes for plain data: `$$…` is a string that began with "$", then
// undefined, NaN, ±Infinity, -0, a Date and a BigInt (at most 300 digits, React's own limit).
const PLAIN_MARKERS = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);

function plainReplyString(value: string, formDataAllowed: boolean): boolean {
  if (!value.startsWith("$") || value.startsWith("$$") || PLAIN_MARKERS.has(value)) return true;
  if (value.startsWith("$D")) return true;
  if (/^\$n-?\d{1,300}$/.test(value)) return true;
  // A FormData argument (a form's own fields), sent beside the arguments in a multipart body.
  return formDataAllowed && /^\$K[0-9a-f]{1,8}$/.test(value);
}

// Our arguments are a form's values, a few levels deep; React's decoder recurses, and a body of nested
// brackets overflows its stack (a 500) long before the body limit.
const MAX_ARGUMENT_DEPTH = 32;

/**
 * Why a decoded reply model is refused, or null. Our actions take plain data (objects, arrays, strings,
 * numbers, booleans) and, from a form, FormData. Everything else in React's format is a reference to another
 * part of the body (a Map, Set, Blob, promise, stream, server function, temporary or outlined object): our
 * clients never send those, and crafted ones (`$Q`, `$B0`, `$F1:then`, `${7*7}`) make the decoder throw.
 */
function replyModelProblem(model: unknown, formDataAllowed: boolean): string | null {
  const pending: { value: unknown; depth: number }[] = [{ value: model, depth: 0 }];
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (typeof value === "string") {
      if (!plainReplyString(value, formDataAllowed)) return "The action's arguments must be plain values.";
    } else if (value !== null && typeof value === "object") {
      if (depth >= MAX_ARGUMENT_DEPTH) return "The action's arguments are nested too deeply.";
      for (const child of Object.values(value)) pending.push({ value: child, depth: depth + 1 });
    }
  }
  return null;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function argumentsProblem(text: string, formDataAllowed: boolean): string | null {
  const parsed = parseJson(text);
  if (!parsed.ok) return "The action's arguments are not valid JSON.";
  if (!Array.isArray(parsed.value)) return "The action's arguments must be a list.";
  if (parsed.value.length > MAX_ACTION_ARGUMENTS) return "The action was sent too many arguments.";
  return replyModelProblem(parsed.value, formDataAllowed);
}

/** A form posted without JavaScript to a bound action: `$ACTION_REF_n`, with its metadata and arguments beside it. */
function boundFormActionProblem(form: FormData): string | null {
  for (const key of form.keys()) {
    const ref = /^\$ACTION_REF_(.*)$/.exec(key);
    if (!ref) continue;
    const prefix = `$ACTION_${ref[1]}:`;
    const meta = form.get(`${prefix}0`);
    if (typeof meta !== "string") return "The form's action is missing.";
    const parsed = parseJson(meta);
    const value = parsed.ok ? parsed.value : null;
    if (!value || typeof value !== "object" || Array.isArray(value)) return "The form's action is not valid.";
    const { id, bound } = value as Record<string, unknown>;
    if (typeof id !== "string" || !plainReplyString(id, false)) return "The form's action is not valid.";
    if (bound === null) continue;
    const boundChunk = typeof bound === "string" ? /^\$@([0-9a-f]{1,8})$/.exec(bound) : null;
    if (!boundChunk) return "The form's action is not valid.";
    const args = form.get(`${prefix}${parseInt(boundChunk[1]!, 16)}`);
    if (typeof args !== "string") return "The form's action arguments are missing.";
    const problem = argumentsProblem(args, false);
    if (problem) return problem;
  }
  return null;
}

/**
 * Why a Server Action body is refused, or null when React can decode it. A fetch action sends its
 * arguments as JSON text, or as a multipart form whose field "0" holds them; a form posted without
 * JavaScript names its action in `$ACTION_…` fields.
 */
export function actionBodyProblem(fetchAction: boolean, body: string | FormData): string | null {
  if (typeof body === "string") return fetchAction ? argumentsProblem(body, false) : null;
  if (!fetchAction) return boundFormActionProblem(body);
  const roots = body.getAll("0");
  if (roots.length !== 1 || typeof roots[0] !== "string") return "The action's arguments are missing.";
  const root = roots[0];
  return argumentsProblem(root, true);
}

// Characters a browser drops or rewrites in a URL: controls (tab, CR, LF…), space and other whitespace, DEL
// and backslash. "/\t/evil.example" is "//evil.example" to a browser, so any of them refuses the path.
const DROPPED_OR_REWRITTEN = /[\u0000-\u0020\u007f\\]|\s/;
// Stands in for our origin when the caller does not know it; only a path starting with "/" is accepted then.
const SOME_ORIGIN = "http://return-path.invalid";
// Real links are encoded once, perhaps twice; anything still changing after this many decodes is refused.
const MAX_DECODES = 4;

/** The value and each percent-decoded form of it, until decoding changes nothing; null when decoding fails. */
function decodedForms(value: string): string[] | null {
  const forms = [value];
  for (let i = 0; i < MAX_DECODES; i++) {
    let next: string;
    try {
      next = decodeURIComponent(forms[forms.length - 1]!);
    } catch {
      return null;
    }
    if (next === forms[forms.length - 1]) return forms;
    forms.push(next);
  }
  return null;
}

/** The path, query and fragment of `value` resolved against `base`, or null if it leaves the origin. */
function pathOnOrigin(value: string, base: URL): string | null {
  if (DROPPED_OR_REWRITTEN.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser would read as another host.
  return url.origin === base.origin && path.startsWith("/") && !path.startsWith("//") ? path : null;
}

/** A path ("/…"), or, when our origin is known, an absolute URL that plainly starts with it. */
function looksLikeOurs(value: string, origin: string | undefined): boolean {
  if (value.startsWith("/")) return true;
  if (!origin || !value.startsWith(origin)) return false;
  const rest = value.slice(origin.length);
  return rest === "" || /^[/?#]/.test(rest);
}

/**
 * Only same-site paths: a sign-in link must never bounce the user to another site. Returns the path, query and
 * fragment (never a host), or "/" when the value, or any percent-decoded form of it, could lead elsewhere.
 * `origin` (ours) also admits absolute URLs on it, as next-auth passes them.
 */
export function safeReturnPath(value: string | undefined | null, origin?: string): string {
  if (!value || !looksLikeOurs(value, origin)) return "/";
  let base: URL;
  try {
    base = new URL(origin ?? SOME_ORIGIN);
  } catch {
    return "/";
  }
  const forms = decodedForms(value);
  if (!forms || forms.some((form) => pathOnOrigin(form, base) === null)) return "/";
  return pathOnOrigin(value, base) ?? "/";
}

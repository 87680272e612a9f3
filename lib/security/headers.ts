// The console's response headers, in one place: the proxy (proxy.ts) puts them on every page and API answer,
// and next.config.mjs repeats the static ones for the files the proxy does not see (/_next/static).

/** 128 random bits, base64: a fresh one for every request, so an injected script cannot guess it. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Scripts run only with this request's nonce (Next.js puts it on its own scripts, and 'strict-dynamic' lets
 * those load the chunks they need); 'self' is the fallback for browsers without nonces. Styles keep
 * 'unsafe-inline': Next.js's built-in error pages and the proxy's refusal page use style attributes, which a
 * nonce cannot cover, and a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Browser features the console never uses, switched off for it and anything it could ever embed. */
export const PERMISSIONS_POLICY = [
  "camera",
  "microphone",
  "geolocation",
  "payment",
  "usb",
  "serial",
  "hid",
  "midi",
  "magnetometer",
  "gyroscope",
  "accelerometer",
  "display-capture",
  "screen-wake-lock",
  "xr-spatial-tracking",
  "browsing-topics",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** Headers that are the same on every answer. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "Permissions-Policy": PERMISSIONS_POLICY,
  "Cross-Origin-Opener-Policy": "same-origin",
};

// Two years, as browsers' preload lists ask; sent only over https, where a browser honours it.
const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** Served over https: directly, or behind a proxy that says so (the first X-Forwarded-Proto entry). */
export function servedOverHttps(url: string, headers: Headers): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || url.startsWith("https:");
}

export type SecurityHeaderOptions = { nonce: string; https: boolean; development: boolean };

/**
 * Every header for one answer. In development React needs eval and hot reloading its own websocket, so the
 * policy is for built code only.
 */
export function securityHeaders({ nonce, https, development }: SecurityHeaderOptions): Record<string, string> {
  return {
    ...STATIC_SECURITY_HEADERS,
    ...(development ? {} : { "Content-Security-Policy": contentSecurityPolicy(nonce) }),
    ...(https ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}

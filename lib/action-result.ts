import "server-only";
import { timingSafeEqual } from "node:crypto";
import { toProblem, type ErrorCode } from "@/lib/errors";

export type ActionFailure = { ok: false; status: number; code: ErrorCode; message: string; fields?: Record<string, string>; warnings?: string[] };
export type ActionResult<T> = { ok: true; value: T } | ActionFailure;

/** Runs a Server Action's work and turns typed failures into a result the form can show; never throws. */
export async function actionResult<T>(label: string, work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const problem = toProblem(error);
    if (problem) return { ok: false, ...problem };
    console.error(`Unexpected failure in ${label}`, error);
    return { ok: false, status: 500, code: "server_error", message: "Something went wrong on our side; nothing was changed." };
  }
}

/**
 * How the console's own server (scripts/server.mjs) hands the socket's address to the app: a header it always
 * overwrites, whose value starts with a random token it puts in this process's environment at start. A client
 * cannot set the token, so outside that server (plain `next start`, `next dev`) the header counts for nothing.
 * Keep both names in step with scripts/server.mjs.
 */
export const CLIENT_ADDRESS_HEADER = "x-ra-console-client-address";
export const CLIENT_ADDRESS_TOKEN_ENV = "RA_CONSOLE_CLIENT_ADDRESS_TOKEN";

/** The hops of X-Forwarded-For added by proxies we run ourselves; 0 (the default) trusts none of it. */
export function trustedProxyHops(): number {
  const raw = process.env.TRUSTED_PROXY_HOPS?.trim();
  if (!raw) return 0;
  const hops = Number(raw);
  return Number.isInteger(hops) && hops > 0 && hops <= 10 ? hops : 0;
}

/** An address as a proxy may write it (`[::1]:443`, `192.0.2.1:5678`, `::ffff:192.0.2.1`), as the bare address. */
function bareAddress(value: string | null | undefined): string | null {
  let text = (value ?? "").trim().toLowerCase();
  if (!text || text === "unknown") return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  if (text.startsWith("::ffff:") && /^::ffff:\d+\.\d+\.\d+\.\d+$/.test(text)) text = text.slice("::ffff:".length);
  return /^[0-9a-f.:%a-z-]{2,64}$/.test(text) ? text : null;
}

/** The socket's address as our own server passed it on, or null when the request did not come through it. */
function socketAddress(headers: Headers): string | null {
  const token = process.env[CLIENT_ADDRESS_TOKEN_ENV];
  const value = headers.get(CLIENT_ADDRESS_HEADER);
  if (!token || !value) return null;
  const space = value.indexOf(" ");
  const given = Buffer.from(value.slice(0, Math.max(0, space)));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected) ? bareAddress(value.slice(space + 1)) : null;
}

/**
 * The caller's address for rate limits. With no TRUSTED_PROXY_HOPS, it is the address of the socket (through
 * scripts/server.mjs) and any X-Forwarded-For or X-Real-IP is the client's own invention and ignored. With
 * TRUSTED_PROXY_HOPS=n (n proxies of our own in front), it is the n-th entry of X-Forwarded-For from the end,
 * or X-Real-IP, or the socket when neither was sent. Requests that did not come through the console's server
 * and have no trusted header all count as one address, "unknown".
 */
export function clientIp(headers: Headers): string {
  const hops = trustedProxyHops();
  const socket = socketAddress(headers);
  if (hops === 0) return socket ?? "unknown";
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  if (forwarded.length === 0) return bareAddress(headers.get("x-real-ip")) ?? socket ?? "unknown";
  // Each of our proxies appended the address it was called from: the client is the entry n from the end.
  return bareAddress(forwarded[Math.max(0, forwarded.length - hops)]) ?? "unknown";
}

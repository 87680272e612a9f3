import "server-only";
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
 * The caller's address for rate limits. Entries a client puts in X-Forwarded-For are forgeable; only the
 * ones added by our own proxies count, so take the entry TRUSTED_PROXY_HOPS from the end (default 1: the
 * last entry, added by the one reverse proxy in front of the console).
 */
export function clientIp(headers: Headers): string {
  const hops = Math.max(1, Number(process.env.TRUSTED_PROXY_HOPS ?? 1) || 1);
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  return chain[Math.max(0, chain.length - hops)] || headers.get("x-real-ip")?.trim() || "unknown";
}

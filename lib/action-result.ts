import "server-only";
import { toProblem, type ErrorCode } from "@/lib/errors";

export type ActionFailure = { ok: false; status: number; code: ErrorCode; message: string; fields?: Record<string, string> };
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

/** The caller's address as the proxy in front of the console reports it (first hop of X-Forwarded-For). */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim() || "unknown";
}

// Helpers for the time-bound access, access review and approval tests (issue 8): a controllable clock, the
// approvals and reviews route handlers called the way Next.js calls them, and snapshots that include the
// grant dates (end dates and re-certifications) which the general write snapshot does not look at.
import { vi } from "vitest";
import { db } from "@/lib/data/db";
import * as approvalsRoute from "@/app/api/v1/approvals/route";
import * as approveRoute from "@/app/api/v1/approvals/[pendingChangeId]/approve/route";
import * as rejectRoute from "@/app/api/v1/approvals/[pendingChangeId]/reject/route";
import * as reviewsRoute from "@/app/api/v1/reviews/route";
import { buildRequest, writeSnapshot, type ApiResult, type CallOptions } from "./api";
import { signInAs } from "./session";

/** Only Date is faked: Prisma, timers and promises keep real time. */
export function setClock(at: string | Date): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(at));
}

export function restoreClock(): void {
  vi.useRealTimers();
}

/** Moves the clock and signs in again (a session idle for 30 minutes has ended by the new time). */
export async function at(time: string, email: string): Promise<void> {
  setClock(time);
  await signInAs(email);
}

async function toResult(response: Response): Promise<ApiResult> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, contentType: response.headers.get("content-type") };
}

export const approvalsApi = {
  list: async (): Promise<ApiResult> =>
    toResult(await approvalsRoute.GET(buildRequest("GET", "/api/v1/approvals"), { params: Promise.resolve({}) })),
  approve: async (id: string, body: unknown = {}, options?: CallOptions): Promise<ApiResult> =>
    toResult(
      await approveRoute.POST(buildRequest("POST", `/api/v1/approvals/${encodeURIComponent(id)}/approve`, body, options), {
        params: Promise.resolve({ pendingChangeId: id }),
      }),
    ),
  reject: async (id: string, body: unknown = {}, options?: CallOptions): Promise<ApiResult> =>
    toResult(
      await rejectRoute.POST(buildRequest("POST", `/api/v1/approvals/${encodeURIComponent(id)}/reject`, body, options), {
        params: Promise.resolve({ pendingChangeId: id }),
      }),
    ),
};

export async function reviewsApi(query: Record<string, string> = {}): Promise<ApiResult> {
  const qs = new URLSearchParams(query).toString();
  const request = buildRequest("GET", qs ? `/api/v1/reviews?${qs}` : "/api/v1/reviews");
  return toResult(await reviewsRoute.GET(request, { params: Promise.resolve({}) }));
}

/** Change events (not security.*) written after `afterId`, oldest first. */
export const changeEventsAfter = (afterId: number) =>
  db.auditEvent.findMany({ where: { id: { gt: afterId }, NOT: { action: { startsWith: "security." } } }, orderBy: { id: "asc" } });

export const lastEventId = async () => (await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;

/** Everything writeSnapshot covers, plus every grant's end date and last re-certification. */
export async function fullSnapshot() {
  const select = { id: true, endsAt: true, reviewedAt: true } as const;
  const [base, roleDates, workgroupDates] = await Promise.all([
    writeSnapshot(),
    db.roleAssignment.findMany({ select, orderBy: { id: "asc" } }),
    db.workgroupMembership.findMany({ select, orderBy: { id: "asc" } }),
  ]);
  return { ...base, roleDates, workgroupDates };
}

/** Every grant of one person at one organisation, ended or not, oldest first. */
export async function grantRows(smartcardId: string, odsCode: string) {
  const where = { position: { person: { smartcardId }, organisation: { odsCode } } };
  const [roles, workgroups] = await Promise.all([
    db.roleAssignment.findMany({ where, orderBy: { id: "asc" } }),
    db.workgroupMembership.findMany({ where, orderBy: { id: "asc" } }),
  ]);
  return { roles, workgroups };
}

export const parse = (json: string | null) => (json === null ? null : JSON.parse(json));

// Helpers for the access-help-request integration tests: the requests route handlers called the way
// Next.js calls them, the suggested text from the guidance, and a way to read what the services threw.
import { CLIENT_ADDRESS_HEADER, CLIENT_ADDRESS_TOKEN_ENV } from "@/lib/action-result";
import { db } from "@/lib/data/db";
import { ConsoleError } from "@/lib/errors";
import * as requestsRoute from "@/app/api/v1/requests/route";
import * as requestRoute from "@/app/api/v1/requests/[requestId]/route";
import { buildRequest, type ApiResult, type CallOptions } from "./api";

/** The guidance's suggested text with the smartcard ID filled in (DOMAIN.md, "The access help request"). */
export function suggestedText(smartcardId: string): string {
  return [
    "I require access to the Cervical Screening Management System (CSMS) but access permissions may not",
    "have been allocated to my Care Identity profile.",
    `Smartcard ID: ${smartcardId}`,
    "Please refer to guidance for registration authorities for instructions on how to update my Care",
    "Identity profile to allow me access to CSMS.",
  ].join("\n");
}

async function toResult(response: Response): Promise<ApiResult> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, contentType: response.headers.get("content-type") };
}

process.env[CLIENT_ADDRESS_TOKEN_ENV] ??= "integration-test-token";

/** POST /api/v1/requests from a client address, as the console's own server passes the socket's address on. */
export async function postRequest(body: unknown, ip: string | null, options: CallOptions = {}): Promise<ApiResult> {
  const headers = { ...(ip === null ? {} : { [CLIENT_ADDRESS_HEADER]: `${process.env[CLIENT_ADDRESS_TOKEN_ENV]} ${ip}` }), ...options.headers };
  const request = buildRequest("POST", "/api/v1/requests", body, { ...options, headers });
  return toResult(await requestsRoute.POST(request, { params: Promise.resolve({}) }));
}

/** GET /api/v1/requests/{id}; Next.js hands the handler the URL-decoded id. */
export async function getRequest(id: string): Promise<ApiResult> {
  const request = buildRequest("GET", `/api/v1/requests/${encodeURIComponent(id)}`);
  return toResult(await requestRoute.GET(request, { params: Promise.resolve({ requestId: id }) }));
}

/** What a service call threw, as the contract's error fields; fails the test if it did not throw a ConsoleError. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string; fields?: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConsoleError) return { status: error.status, code: error.code, message: error.message, fields: error.fields };
    throw error;
  }
  throw new Error("expected the call to be refused");
}

let counter = 0;
/** A fresh requester, so the per-email limit (5 an hour) never interferes with a test about something else. */
export function requester(label = "staff"): { name: string; email: string } {
  counter += 1;
  return { name: `Test ${label} ${counter}`, email: `${label}.${counter}@nhs.example` };
}

/** Everything a request submission could write (rate-limit hits are bookkeeping, checked separately). */
export async function requestWrites() {
  const [requests, auditEvents] = await Promise.all([
    db.accessRequest.count(),
    db.auditEvent.count({ where: { NOT: { action: { startsWith: "security." } } } }),
  ]);
  return { requests, auditEvents };
}

export async function userId(email: string): Promise<number> {
  return (await db.consoleUser.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}

export async function requestVersion(id: string): Promise<number> {
  return (await db.accessRequest.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
}

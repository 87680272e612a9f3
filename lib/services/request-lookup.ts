import "server-only";
import { cache } from "react";
import { decide, type ConsoleActor } from "@/lib/auth/rules";
import { findRequest, isCovered } from "@/lib/data/requests";
import { FORBIDDEN_TITLE, NOT_FOUND_TITLE, requestTitle } from "@/lib/page-title";

export async function isUnrouted(odsCode: string | null): Promise<boolean> {
  return odsCode !== null && !(await isCovered(odsCode));
}

// Read once per page render: the page's <title> (generateMetadata) and the page itself share these.
export const findRequestOnce = cache(findRequest);
export const isUnroutedOnce = cache(isUnrouted);

/** A request page's title: its CSMS-… reference, but only for an officer who may read it (as loadRequest decides). */
export async function requestPageTitle(actor: ConsoleActor, id: string): Promise<string> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return NOT_FOUND_TITLE;
  const request = await findRequestOnce(id);
  if (!request) return NOT_FOUND_TITLE;
  const unrouted = await isUnroutedOnce(request.odsCode);
  return decide(actor, { kind: "request:read", odsCode: request.odsCode, unrouted }).allowed ? requestTitle(request.reference) : FORBIDDEN_TITLE;
}

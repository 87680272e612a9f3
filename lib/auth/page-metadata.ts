import "server-only";
import type { Metadata } from "next";
import { FORBIDDEN_TITLE } from "@/lib/page-title";
import { decide, type ConsoleActor, type Permission } from "./rules";
import { currentActor } from "./session";

/**
 * A page's <title>, decided as its page decides: a page refused by `authorisePage` shows the 403 page, so
 * its title must be the 403's and not the refused page's. `detail` runs only for an actor allowed to see the
 * page (it may name a person, so never before that check) and may answer FORBIDDEN_TITLE or NOT_FOUND_TITLE
 * when the page will. Signed out, the page redirects to sign in, and the plain title gives nothing away.
 * Unlike authorisePage this logs nothing: the page itself records the refusal.
 */
export async function pageMetadata(
  permission: Permission,
  title: string,
  detail?: (actor: ConsoleActor) => Promise<string>,
): Promise<Metadata> {
  const actor = await currentActor();
  if (!actor) return { title };
  if (!decide(actor, permission).allowed) return { title: FORBIDDEN_TITLE };
  return { title: detail ? await detail(actor) : title };
}

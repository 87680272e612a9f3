import "server-only";
import { forbidden as forbiddenPage, redirect } from "next/navigation";
import { notSignedIn } from "@/lib/errors";
import { assertAllowed } from "./assert-allowed";
import { decide, type ConsoleActor, type Permission } from "./rules";
import { accessDenied } from "./security-events";
import { currentActor, currentSessionId } from "./session";

/** The one authorisation check every action, route handler and page calls before it acts. */
export async function authorise(permission: Permission): Promise<ConsoleActor> {
  const actor = await currentActor();
  if (!actor) throw notSignedIn();
  await assertAllowed(actor, permission);
  return actor;
}

export { assertAllowed };

/** Routes about the caller's own session (when it ends, keeping it alive): any signed-in console user may ask. */
export async function authoriseOwnSession(): Promise<string> {
  const sessionId = await currentSessionId();
  if (!sessionId) throw notSignedIn();
  return sessionId;
}

/** Pages: the same check, but a missing session sends the user to sign in and come back. */
export async function authorisePage(permission: Permission, returnTo: string): Promise<ConsoleActor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  const decision = decide(actor, permission);
  if (!decision.allowed) {
    await accessDenied(actor, permission, decision.reason);
    forbiddenPage();
  }
  return actor;
}

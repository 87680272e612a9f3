import "server-only";
import { forbidden as forbiddenPage, redirect } from "next/navigation";
import { forbidden, notSignedIn } from "@/lib/errors";
import { decide, type ConsoleActor, type Permission } from "./rules";
import { currentActor } from "./session";

/** The one authorisation check every action, route handler and page calls before it acts. */
export async function authorise(permission: Permission): Promise<ConsoleActor> {
  const actor = await currentActor();
  if (!actor) throw notSignedIn();
  assertAllowed(actor, permission);
  return actor;
}

/** A second check for an actor already authorised, once the target of the change is known. */
export function assertAllowed(actor: ConsoleActor, permission: Permission): void {
  const decision = decide(actor, permission);
  if (!decision.allowed) throw forbidden(decision.reason);
}

/** Pages: the same check, but a missing session sends the user to sign in and come back. */
export async function authorisePage(permission: Permission, returnTo: string): Promise<ConsoleActor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!decide(actor, permission).allowed) forbiddenPage();
  return actor;
}

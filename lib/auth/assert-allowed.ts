import "server-only";
import { forbidden } from "@/lib/errors";
import { decide, type ConsoleActor, type Permission } from "./rules";
import { accessDenied } from "./security-events";

// Free of the session and next/*, so code handed an already-authorised actor (bulk runs, the bench) can use it.

/** A second check for an actor already authorised, once the target of the change is known. Refusals are audited. */
export async function assertAllowed(actor: ConsoleActor, permission: Permission): Promise<void> {
  const decision = decide(actor, permission);
  if (decision.allowed) return;
  await accessDenied(actor, permission, decision.reason);
  throw forbidden(decision.reason);
}

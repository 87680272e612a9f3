import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { actorForSession } from "@/lib/data/console-users";
import type { ConsoleActor } from "./rules";
import { authOptions } from "./options";

export async function currentSessionId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  return session?.sessionId ?? null;
}

/** Once per server render (the layout and the page both ask); fresh from the database on every request. */
export const currentActor = cache(async (): Promise<ConsoleActor | null> => {
  const sessionId = await currentSessionId();
  return sessionId ? actorForSession(sessionId) : null;
});

import "server-only";
import { getServerSession } from "next-auth";
import { actorForSession } from "@/lib/data/console-users";
import type { ConsoleActor } from "./rules";
import { authOptions } from "./options";

export async function currentSessionId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  return session?.sessionId ?? null;
}

export async function currentActor(): Promise<ConsoleActor | null> {
  const sessionId = await currentSessionId();
  return sessionId ? actorForSession(sessionId) : null;
}

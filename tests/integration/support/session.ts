import { db } from "@/lib/data/db";
import { startSession } from "@/lib/data/console-users";

/** Signs in as a console user for the next calls (through a real ConsoleSession row). */
export async function signInAs(email: string): Promise<string> {
  const user = await db.consoleUser.findUniqueOrThrow({ where: { email } });
  const sessionId = await startSession(user.id);
  (globalThis as { testSessionId?: string | null }).testSessionId = sessionId;
  return sessionId;
}

export function signOut(): void {
  (globalThis as { testSessionId?: string | null }).testSessionId = null;
}

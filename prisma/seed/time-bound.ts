// Demo states for time-bound access, so a newcomer sees each on first start: grants ending soon (and so due
// for review), one pending change waiting for a second person, and — from the seed's 2025 dates — grants
// not reviewed for 12 months. Dates are relative to the day the seed runs. Only untouched demo people are
// changed (profile version 1), so rerunning the seed leaves the console's own changes alone.
import { randomUUID } from "node:crypto";
import type { Prisma } from "../../generated/prisma/client";
import { startOfUkDay, ukDay } from "../../lib/domain/grant-dates";
import { demoPeople } from "./demo";

type Tx = Prisma.TransactionClient;

const DAY = 24 * 3600 * 1000;
const ukDayStart = (now: Date, days: number) => startOfUkDay(ukDay(new Date(now.getTime() + days * DAY)));

/** People whose grants get an end date soon: a locum admin at H82091 and a healthcare assistant at H82065. */
export const endingSoon = [
  { smartcardId: demoPeople.canLogInAdmin, days: 5 },
  { smartcardId: demoPeople.canLogInHealthcareAssistant, days: 10 },
] as const;

/** The demo pending change: agent@ proposed a second CSMS role for someone who can already log in. */
export const demoPending = { smartcardId: demoPeople.canLogInClinicalPractitioner, odsCode: "A81001", roleCode: "R8001" } as const;

export async function seedTimeBound(tx: Tx, now: Date): Promise<{ ending: number; pending: number }> {
  let ending = 0;
  for (const { smartcardId, days } of endingSoon) {
    const person = await tx.person.findUnique({ where: { smartcardId }, select: { id: true, version: true } });
    if (!person || person.version !== 1) continue;
    const endsAt = ukDayStart(now, days);
    const live = { endedAt: null, endsAt: null, position: { personId: person.id } };
    ending += (await tx.roleAssignment.updateMany({ where: live, data: { endsAt } })).count;
    ending += (await tx.workgroupMembership.updateMany({ where: live, data: { endsAt } })).count;
  }

  let pending = 0;
  const person = await tx.person.findUnique({ where: { smartcardId: demoPending.smartcardId }, select: { version: true } });
  const proposer = await tx.consoleUser.findUnique({ where: { email: "agent@ra.example" }, select: { id: true } });
  const already = await tx.pendingChange.count({ where: { smartcardId: demoPending.smartcardId } });
  if (person && person.version === 1 && proposer && already === 0) {
    await tx.pendingChange.create({
      data: {
        id: randomUUID(),
        kind: "role.add",
        ...demoPending,
        reason: "Also covers the nurse-led clinic two days a week",
        justification: "Runs the practice's sample-taker clinic as a nurse on Tuesdays and Thursdays",
        safeguards: JSON.stringify({ why: ["ig_warning"] }),
        personVersion: person.version,
        expiresAt: new Date(now.getTime() + 7 * DAY),
        proposedById: proposer.id,
      },
    });
    pending = 1;
  }
  return { ending, pending };
}

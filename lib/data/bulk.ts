import "server-only";
import { db } from "./db";
import { findPersonProfile, findPersonProfiles, type PersonProfile } from "./people";
import type { BulkPerson } from "@/lib/domain/bulk-plan";

/**
 * What a bulk file's rows are checked against, read in a handful of queries whatever the number of people:
 * the people it names (with whether they are console users), which of its organisations exist, the catalogue.
 */
export async function loadBulkFacts(smartcardIds: string[], odsCodes: string[]) {
  const people = new Map<string, BulkPerson>();
  const profiles = await findPersonProfiles(smartcardIds);
  const [consoleUsers, organisations, jobRoles] = await Promise.all([
    db.consoleUser.findMany({ where: { personId: { in: profiles.map((p) => p.id) } }, select: { personId: true } }),
    db.organisation.findMany({ where: { odsCode: { in: [...new Set(odsCodes)] } }, select: { odsCode: true } }),
    db.jobRole.findMany({ select: { code: true, name: true, csmsAccess: true } }),
  ]);
  const consoleUserIds = new Set(consoleUsers.map((u) => u.personId));
  for (const p of profiles) people.set(p.smartcardId, { name: p.name, verdictInput: p.verdictInput, consoleUser: consoleUserIds.has(p.id) });
  return {
    people,
    // The version each person was read at: an apply claims it, so a person changed since is read again.
    versions: new Map(profiles.map((p) => [p.smartcardId, p.version])),
    organisations: new Set(organisations.map((o) => o.odsCode)),
    jobRoles: new Map(jobRoles.map((r) => [r.code, { name: r.name, csmsAccess: r.csmsAccess }])),
  };
}

/** One person as they are now, for applying a row: the profile, and whether they are a console user. */
export async function loadBulkPerson(smartcardId: string): Promise<{ person: BulkPerson; profile: PersonProfile } | null> {
  const profile = await findPersonProfile(smartcardId);
  if (!profile) return null;
  const consoleUser = (await db.consoleUser.count({ where: { personId: profile.id } })) > 0;
  return { person: { name: profile.name, verdictInput: profile.verdictInput, consoleUser }, profile };
}

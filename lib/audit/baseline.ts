// The seed writes grants straight into the database, with no change events. So that replaying the change log
// can still account for every grant, the seed records what it wrote as one `seed.baseline` event (in the same
// transaction, on the same keyed chain): the active grants and the profile version of each person it created.
// Replaying starts from it; a grant the baseline and the events after it do not explain was put in by hand.
// No imports from the app: the seed (plain tsx, no path aliases) uses this too.

export const BASELINE_ACTION = "seed.baseline";

export type BaselinePosition = {
  odsCode: string;
  roles: string[];
  cervicalScreeningWorkgroup: boolean;
  // End dates of the active grants that have one (ISO instants).
  roleEndsAt?: Record<string, string>;
  workgroupEndsAt?: string;
};

export type BaselinePerson = { smartcardId: string; name: string; version: number; positions: BaselinePosition[] };

export type Baseline = { format: 1; people: BaselinePerson[] };

/** A person as read from the database, active grants only (endedAt null). */
export type BaselineSource = {
  smartcardId: string;
  name: string;
  version: number;
  positions: {
    organisation: { odsCode: string };
    roles: { roleCode: string; endsAt: Date | null }[];
    workgroups: { workgroup: string; endsAt: Date | null }[];
  }[];
};

const WORKGROUP = "cervicalscreening";

export function buildBaseline(people: BaselineSource[]): Baseline {
  const byId = (a: { smartcardId: string }, b: { smartcardId: string }) => a.smartcardId.localeCompare(b.smartcardId);
  return {
    format: 1,
    people: [...people].sort(byId).map((p) => ({
      smartcardId: p.smartcardId,
      name: p.name,
      version: p.version,
      positions: p.positions
        .map((pos) => {
          const roleEndsAt = Object.fromEntries(pos.roles.filter((r) => r.endsAt).map((r) => [r.roleCode, r.endsAt!.toISOString()]));
          const workgroup = pos.workgroups.find((w) => w.workgroup === WORKGROUP);
          return {
            odsCode: pos.organisation.odsCode,
            roles: pos.roles.map((r) => r.roleCode).sort(),
            cervicalScreeningWorkgroup: Boolean(workgroup),
            ...(Object.keys(roleEndsAt).length ? { roleEndsAt } : {}),
            ...(workgroup?.endsAt ? { workgroupEndsAt: workgroup.endsAt.toISOString() } : {}),
          };
        })
        .sort((a, b) => a.odsCode.localeCompare(b.odsCode)),
    })),
  };
}

/** Counts for the baseline event's reason line. */
export function baselineSummary(baseline: Baseline): { people: number; positions: number; grants: number } {
  let positions = 0;
  let grants = 0;
  for (const p of baseline.people) {
    positions += p.positions.length;
    for (const pos of p.positions) grants += pos.roles.length + (pos.cervicalScreeningWorkgroup ? 1 : 0);
  }
  return { people: baseline.people.length, positions, grants };
}

/** The baseline held in an event's `after`, or null when it is not one. */
export function parseBaseline(json: string | null): Baseline | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Baseline;
    if (value?.format !== 1 || !Array.isArray(value.people)) return null;
    const ok = value.people.every(
      (p) =>
        typeof p.smartcardId === "string" &&
        Number.isInteger(p.version) &&
        Array.isArray(p.positions) &&
        p.positions.every((pos) => typeof pos.odsCode === "string" && Array.isArray(pos.roles) && typeof pos.cervicalScreeningWorkgroup === "boolean"),
    );
    return ok ? value : null;
  } catch {
    return null;
  }
}

// Pure arithmetic behind the dashboard: age bands, weeks, percentiles and change kinds. Weeks are UTC weeks
// starting on Monday, named by that Monday's date (YYYY-MM-DD), the same bucket the database queries use.
import { slaState, type SlaState } from "./sla";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

export const AGE_BANDS = [
  { key: "under_1_day", label: "Under 1 day", upToHours: 24 },
  { key: "1_to_3_days", label: "1 to 3 days", upToHours: 72 },
  { key: "3_to_7_days", label: "3 to 7 days", upToHours: 168 },
  { key: "over_7_days", label: "Over 7 days", upToHours: Infinity },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]["key"];

/** The band a request of this age falls in; a band includes its lower edge (exactly 24 hours is "1 to 3 days"). */
export function ageBand(createdAt: Date, now: Date): AgeBand {
  const hours = Math.max(0, now.getTime() - createdAt.getTime()) / HOUR;
  return AGE_BANDS.find((b) => hours < b.upToHours)!.key;
}

export type OpenSlaState = Exclude<SlaState, "closed">;
export const OPEN_SLA_STATES: readonly { key: OpenSlaState; label: string }[] = [
  { key: "on_time", label: "On track" },
  { key: "amber", label: "Due soon" },
  { key: "red", label: "Breached" },
  { key: "paused", label: "Paused (waiting for requester)" },
];

export type OpenRequest = { createdAt: Date; status: string; slaPausedSeconds: number };
export type OpenRequestCounts = { total: number; byBand: Record<AgeBand, Record<OpenSlaState, number>> };

/** Open requests counted by age band and by SLA state; closed ones are not counted (they are not open). */
export function countOpenRequests(requests: readonly OpenRequest[], now: Date): OpenRequestCounts {
  const byBand = Object.fromEntries(
    AGE_BANDS.map((b) => [b.key, Object.fromEntries(OPEN_SLA_STATES.map((s) => [s.key, 0]))]),
  ) as OpenRequestCounts["byBand"];
  let total = 0;
  for (const r of requests) {
    const state = slaState(r.createdAt, now, r.status, r.slaPausedSeconds);
    if (state === "closed") continue;
    byBand[ageBand(r.createdAt, now)][state]++;
    total++;
  }
  return { total, byBand };
}

/** The Monday (UTC) starting the week `at` falls in, as YYYY-MM-DD. */
export function weekOf(at: Date): string {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY).toISOString().slice(0, 10);
}

/** Every week from the one holding `from` to the one holding `to`, so empty weeks show as empty, not missing. */
export function weeksBetween(from: Date, to: Date): string[] {
  if (to < from) return [];
  const weeks: string[] = [];
  for (let t = Date.parse(`${weekOf(from)}T00:00:00Z`); t <= to.getTime(); t += 7 * DAY) {
    weeks.push(new Date(t).toISOString().slice(0, 10));
  }
  return weeks;
}

/**
 * The p-th percentile (0..1) by linear interpolation between closest ranks (as PostgreSQL's percentile_cont and
 * a spreadsheet's PERCENTILE.INC): the median of 1, 2, 3, 4 is 2.5. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be between 0 and 1, not ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export type ResolveWeek = { week: string; resolved: number; medianHours: number | null; p90Hours: number | null };

/** Time from receipt to closing, per week of closing: the median and the 90th percentile, in hours. */
export function resolveTimesByWeek(closed: readonly { createdAt: Date; closedAt: Date }[], weeks: readonly string[]): ResolveWeek[] {
  const hoursByWeek = new Map<string, number[]>(weeks.map((w) => [w, []]));
  for (const r of closed) {
    const hours = Math.max(0, r.closedAt.getTime() - r.createdAt.getTime()) / HOUR;
    hoursByWeek.get(weekOf(r.closedAt))?.push(hours);
  }
  return weeks.map((week) => {
    const hours = hoursByWeek.get(week)!;
    return { week, resolved: hours.length, medianHours: round1(percentile(hours, 0.5)), p90Hours: round1(percentile(hours, 0.9)) };
  });
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

// What an RA manager asks of the change log: grants given and taken away, end dates, expiries, re-certifications.
export const CHANGE_KINDS = [
  { key: "role_added", label: "Job role added", actions: ["role.added"] },
  { key: "role_removed", label: "Job role removed", actions: ["role.removed"] },
  { key: "workgroup_added", label: "Workgroup added", actions: ["workgroup.added"] },
  { key: "workgroup_removed", label: "Workgroup removed", actions: ["workgroup.removed"] },
  { key: "expired", label: "Ended at its end date", actions: ["role.expired", "workgroup.expired"] },
  { key: "end_date_changed", label: "End date set or moved", actions: ["role.end_date_changed", "workgroup.end_date_changed"] },
  { key: "recertified", label: "Re-certified", actions: ["role.recertified", "workgroup.recertified"] },
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number]["key"];
export const CHANGE_ACTIONS: readonly string[] = CHANGE_KINDS.flatMap((k) => k.actions);

export type ChangeWeek = { week: string; total: number; byKind: Record<ChangeKind, number> };

/** Counts per UTC day (YYYY-MM-DD) and action, from the database's group by, folded into weeks and change kinds. */
export function changesByWeek(rows: readonly { day: string; action: string; count: number }[], weeks: readonly string[]): ChangeWeek[] {
  const empty = () => Object.fromEntries(CHANGE_KINDS.map((k) => [k.key, 0])) as Record<ChangeKind, number>;
  const byWeek = new Map<string, ChangeWeek>(weeks.map((week) => [week, { week, total: 0, byKind: empty() }]));
  for (const row of rows) {
    const kind = CHANGE_KINDS.find((k) => (k.actions as readonly string[]).includes(row.action));
    const week = byWeek.get(weekOf(new Date(`${row.day}T00:00:00Z`)));
    if (!kind || !week) continue;
    week.byKind[kind.key] += row.count;
    week.total += row.count;
  }
  return weeks.map((w) => byWeek.get(w)!);
}

/** Categories by count, largest first; ties in a fixed order (by name) so the chart does not reshuffle. */
export function topCategories<K extends string>(rows: readonly { category: K; count: number }[], limit = 5): { category: K; count: number }[] {
  return rows
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
    .slice(0, limit);
}

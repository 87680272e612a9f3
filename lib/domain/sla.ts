// Service level for the request queue, counted in working days (Monday to Friday, UTC; bank holidays
// are not modelled): amber once a request has waited 2 working days, red at 5.
// "Waiting for requester" stops the clock ("paused"): the time spent waiting is not counted against the RA.
export type SlaState = "on_time" | "amber" | "red" | "paused" | "closed";

export const SLA_AMBER_DAYS = 2;
export const SLA_RED_DAYS = 5;

const DAY = 24 * 60 * 60 * 1000;
const isWeekday = (d: Date) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6;

/** Leaving "waiting for requester": the wait that just ended is added to the waits so far, and the clock runs again. */
export function resumeClock(clock: { slaPausedAt: Date | null; slaPausedSeconds: number }, now: Date): { slaPausedAt: null; slaPausedSeconds: number } {
  const waited = clock.slaPausedAt ? Math.max(0, Math.round((now.getTime() - clock.slaPausedAt.getTime()) / 1000)) : 0;
  return { slaPausedAt: null, slaPausedSeconds: clock.slaPausedSeconds + waited };
}

/** Whole working days from `from` to `to`: each full weekday that has elapsed counts once. */
export function workingDaysBetween(from: Date, to: Date): number {
  if (to <= from) return 0;
  let days = 0;
  for (let t = from.getTime() + DAY; t <= to.getTime(); t += DAY) {
    if (isWeekday(new Date(t))) days++;
  }
  return days;
}

/**
 * The request's state against the service level. Earlier waits for the requester (`pausedSeconds`) move the
 * start of the clock later by their length, an approximation that keeps working days simple to count.
 */
export function slaState(createdAt: Date, now: Date, status: string, pausedSeconds = 0): SlaState {
  if (status === "resolved" || status === "rejected") return "closed";
  if (status === "waiting") return "paused";
  const waited = workingDaysBetween(new Date(createdAt.getTime() + Math.max(0, pausedSeconds) * 1000), now);
  if (waited >= SLA_RED_DAYS) return "red";
  if (waited >= SLA_AMBER_DAYS) return "amber";
  return "on_time";
}

/** "3 hours", "2 days": how long a request has been waiting, in calendar time, for people. */
export function ageText(createdAt: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / 60000));
  if (minutes < 60) return minutes <= 1 ? "just now" : `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? "1 hour" : `${hours} hours`;
  const days = Math.floor(hours / 24);
  return days === 1 ? "1 day" : `${days} days`;
}

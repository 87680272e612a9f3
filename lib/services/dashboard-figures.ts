import "server-only";
// The figures without the page around them (no session, no navigation), so scripts/bench.ts can time them too.
import { changeCounts, grantsEndingSoon, openRequests, requestCategories, resolvedRequests, type DashboardScope } from "@/lib/data/dashboard";
import { changesByWeek, countOpenRequests, resolveTimesByWeek, topCategories, weeksBetween } from "@/lib/domain/dashboard";

const DAY = 24 * 60 * 60 * 1000;
export const ENDING_WITHIN_DAYS = 30;

/** Every figure on the dashboard, from grouped or narrow queries (see lib/data/dashboard.ts). */
export async function dashboardFigures(scope: DashboardScope, range: { start: Date; end: Date }, now: Date) {
  const weeks = weeksBetween(range.start, new Date(range.end.getTime() - 1));
  const [open, resolved, categories, changes, ending] = await Promise.all([
    openRequests(scope),
    resolvedRequests(scope, range.start, range.end),
    requestCategories(scope, range.start, range.end),
    changeCounts(scope, range.start, range.end),
    grantsEndingSoon(scope, now, new Date(now.getTime() + ENDING_WITHIN_DAYS * DAY)),
  ]);
  return {
    open: countOpenRequests(open, now),
    resolveTimes: resolveTimesByWeek(resolved, weeks),
    diagnoses: topCategories(categories, 5),
    changes: changesByWeek(changes, weeks),
    ending,
  };
}

export type DashboardFigures = Awaited<ReturnType<typeof dashboardFigures>>;


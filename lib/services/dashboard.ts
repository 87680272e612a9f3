import "server-only";
import { authorisePage } from "@/lib/auth/authorise";
import type { ConsoleActor } from "@/lib/auth/rules";
import { changeCounts, grantsEndingSoon, openRequests, requestCategories, resolvedRequests, type DashboardScope } from "@/lib/data/dashboard";
import { changesByWeek, countOpenRequests, resolveTimesByWeek, topCategories, weeksBetween } from "@/lib/domain/dashboard";
import { singleValues, type RawSearchParams } from "@/lib/search-params";
import { fieldErrors } from "@/lib/validations/parse";
import { DASHBOARD_MAX_DAYS, DashboardFilterSchema, dashboardRange, type DashboardFilter } from "@/lib/validations/dashboard";

const DAY = 24 * 60 * 60 * 1000;
export const ENDING_WITHIN_DAYS = 30;

/**
 * What the filter asked for, or why it cannot be shown. RA managers see the organisations they act for (one of
 * them, if chosen); auditors see every organisation. Nothing is read when the filter is wrong.
 */
export function readDashboardFilter(actor: ConsoleActor, query: Record<string, string>, now: Date) {
  const parsed = DashboardFilterSchema.safeParse(query);
  if (!parsed.success) return { ok: false as const, errors: fieldErrors(parsed.error) };
  const filter: DashboardFilter = parsed.data;
  if (filter.odsCode && actor.role !== "auditor" && !actor.odsCodes.includes(filter.odsCode)) {
    return { ok: false as const, errors: { odsCode: `You do not act for ${filter.odsCode}: choose one of your organisations.` } };
  }
  const range = dashboardRange(filter, now);
  if (range.end.getTime() - range.start.getTime() > DASHBOARD_MAX_DAYS * DAY) {
    return { ok: false as const, errors: { from: `Choose a range of at most ${DASHBOARD_MAX_DAYS} days` } };
  }
  const scope: DashboardScope = { odsCodes: filter.odsCode ? [filter.odsCode] : actor.role === "auditor" ? null : actor.odsCodes };
  return { ok: true as const, filter, range, scope };
}

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

/** The page's whole load: authorise, read the filter, then the figures (or the filter's errors and no figures). */
export async function loadDashboard(params: RawSearchParams) {
  const actor = await authorisePage({ kind: "dashboard:read" }, "/dashboard");
  const now = new Date();
  const query = singleValues(params);
  const read = readDashboardFilter(actor, query, now);
  if (!read.ok) return { actor, now, query, errors: read.errors, figures: null, range: null };
  return { actor, now, query, errors: {}, figures: await dashboardFigures(read.scope, read.range, now), range: read.range };
}

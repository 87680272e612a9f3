import "server-only";
import { authorisePage } from "@/lib/auth/authorise";
import type { ConsoleActor } from "@/lib/auth/rules";
import type { DashboardScope } from "@/lib/data/dashboard";
import { dashboardFigures } from "./dashboard-figures";
import { singleValues, type RawSearchParams } from "@/lib/search-params";
import { fieldErrors } from "@/lib/validations/parse";
import { DASHBOARD_MAX_DAYS, DashboardFilterSchema, dashboardRange, readDashboardDays, type DashboardFilter } from "@/lib/validations/dashboard";

const DAY = 24 * 60 * 60 * 1000;

export { dashboardFigures, ENDING_WITHIN_DAYS, type DashboardFigures } from "./dashboard-figures";

/**
 * What the filter asked for, or why it cannot be shown. RA managers see the organisations they act for (one of
 * them, if chosen); auditors see every organisation. Nothing is read when the filter is wrong.
 */
export function readDashboardFilter(actor: ConsoleActor, query: Record<string, string>, now: Date) {
  const days = readDashboardDays(query);
  if (Object.keys(days.errors).length > 0) return { ok: false as const, errors: days.errors };
  const parsed = DashboardFilterSchema.safeParse(days.query);
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

/** The page's whole load: authorise, read the filter, then the figures (or the filter's errors and no figures). */
export async function loadDashboard(params: RawSearchParams) {
  const actor = await authorisePage({ kind: "dashboard:read" }, "/dashboard");
  const now = new Date();
  const query = singleValues(params);
  const read = readDashboardFilter(actor, query, now);
  if (!read.ok) return { actor, now, query, errors: read.errors, figures: null, range: null };
  return { actor, now, query, errors: {}, figures: await dashboardFigures(read.scope, read.range, now), range: read.range };
}

// The dashboard's queries on the bench database (scripts/bench.ts): its 1,000,000 change-log events, plus
// `requests` access requests loaded here, a year of them from 2025 across the bench practices.
import type Database from "better-sqlite3";

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);

/** Bulk-loads requests with SQL: 2% still open, a tenth rejected, the rest resolved 0 to 96 hours after arriving. */
export function loadRequests(sql: Database.Database, requests: number, practices: number): void {
  sql.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${requests})
    INSERT INTO "AccessRequest" ("id", "reference", "createdAt", "updatedAt", "source", "name", "email", "odsCode", "message", "status", "category", "closedAt")
    SELECT 'bench-' || i, 'CSMS-' || printf('%08d', i),
      strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${START / 1000} + i * ${Math.floor((365 * DAY) / 1000 / requests)}, 'unixepoch'),
      strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${START / 1000} + i * ${Math.floor((365 * DAY) / 1000 / requests)}, 'unixepoch'),
      'form', 'Requester ' || i, 'requester' || i || '@nhs.example', 'B' || printf('%05d', 1 + i % ${practices}), 'bench',
      CASE WHEN i % 50 = 0 THEN 'new' WHEN i % 50 = 1 THEN 'waiting' WHEN i % 10 = 2 THEN 'rejected' ELSE 'resolved' END,
      CASE i % 5 WHEN 0 THEN 'permissions' WHEN 1 THEN 'smartcard_locked' WHEN 2 THEN 'technical' WHEN 3 THEN 'no_care_id' ELSE 'unclear' END,
      CASE WHEN i % 50 IN (0, 1) THEN NULL
        ELSE strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${START / 1000} + i * ${Math.floor((365 * DAY) / 1000 / requests)} + (i % 97) * 3600, 'unixepoch') END
    FROM n`);
}

type Timing = { p50: number; p95: number; p99: number };
type Time = (samples: number, run: (i: number) => Promise<unknown>) => Promise<Timing>;

/** Targets for bench.ts: the whole dashboard (all five queries) as an RA manager and as an auditor. */
export async function dashboardTargets(time: Time, samples: number): Promise<[string, number, () => Promise<Timing>][]> {
  const { dashboardFigures } = await import("../lib/services/dashboard-figures");
  const now = new Date();
  // Twelve weeks from 1 January 2025: every bulk-loaded change-log event falls in them.
  const twelveWeeks = { start: new Date(START), end: new Date(START + 84 * DAY) };
  const year = { start: new Date(START), end: new Date(START + 365 * DAY) };
  const manager = { odsCodes: Array.from({ length: 10 }, (_, i) => `B${String(1 + i * 37).padStart(5, "0")}`) };
  const all = { odsCodes: null };
  // A timing of empty figures would prove nothing: the auditor's twelve weeks must count every event.
  const check = await dashboardFigures(all, twelveWeeks, now);
  const changes = check.changes.reduce((a, w) => a + w.total, 0);
  if (changes === 0 || check.resolveTimes.every((w) => w.resolved === 0)) throw new Error("the dashboard bench found no figures");
  console.log(`      dashboard check: ${changes.toLocaleString()} changes, ${check.open.total.toLocaleString()} open requests in the auditor's view`);
  return [
    ["dashboard, RA manager (10 orgs, 12 weeks)", 250, () => time(samples, () => dashboardFigures(manager, twelveWeeks, now))],
    ["dashboard, RA manager (10 orgs, a year)", 250, () => time(samples, () => dashboardFigures(manager, year, now))],
    ["dashboard, auditor (all orgs, 12 weeks)", 1500, () => time(samples, () => dashboardFigures(all, twelveWeeks, now))],
  ];
}

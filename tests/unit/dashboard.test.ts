import { describe, expect, it } from "vitest";
import {
  ageBand,
  changesByWeek,
  countOpenRequests,
  percentile,
  resolveTimesByWeek,
  topCategories,
  weekOf,
  weeksBetween,
} from "@/lib/domain/dashboard";

const HOUR = 3_600_000;
// Wednesday 25 November 2026, noon UTC.
const NOW = new Date("2026-11-25T12:00:00Z");
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

describe("ageBand", () => {
  it.each([
    [0, "under_1_day"],
    [23.99, "under_1_day"],
    [24, "1_to_3_days"],
    [71.99, "1_to_3_days"],
    [72, "3_to_7_days"],
    [167.99, "3_to_7_days"],
    [168, "over_7_days"],
    [24 * 400, "over_7_days"],
    // A clock a little behind the database's: a request "from the future" is brand new, not an error.
    [-5, "under_1_day"],
  ])("%s hours old is %s", (hours, band) => {
    expect(ageBand(ago(hours), NOW)).toBe(band);
  });
});

describe("countOpenRequests", () => {
  it("counts by age band and SLA state, and leaves closed requests out", () => {
    const counts = countOpenRequests(
      [
        { createdAt: ago(2), status: "new", slaPausedSeconds: 0 },
        { createdAt: ago(2), status: "waiting", slaPausedSeconds: 0 },
        // Friday noon to Wednesday noon: Monday, Tuesday, Wednesday are 3 working days: due soon.
        { createdAt: new Date("2026-11-20T12:00:00Z"), status: "in_progress", slaPausedSeconds: 0 },
        { createdAt: ago(24 * 10), status: "new", slaPausedSeconds: 0 },
        { createdAt: ago(24 * 10), status: "resolved", slaPausedSeconds: 0 },
        { createdAt: ago(24 * 10), status: "rejected", slaPausedSeconds: 0 },
      ],
      NOW,
    );
    expect(counts.total).toBe(4);
    expect(counts.byBand.under_1_day).toEqual({ on_time: 1, amber: 0, red: 0, paused: 1 });
    expect(counts.byBand["3_to_7_days"]).toEqual({ on_time: 0, amber: 1, red: 0, paused: 0 });
    expect(counts.byBand.over_7_days).toEqual({ on_time: 0, amber: 0, red: 1, paused: 0 });
    expect(counts.byBand["1_to_3_days"]).toEqual({ on_time: 0, amber: 0, red: 0, paused: 0 });
  });

  it("time spent waiting for the requester does not count against the RA", () => {
    const counts = countOpenRequests([{ createdAt: ago(24 * 10), status: "new", slaPausedSeconds: 9 * 24 * 3600 }], NOW);
    expect(counts.byBand.over_7_days.on_time).toBe(1);
  });

  it("no requests: every cell zero", () => {
    const counts = countOpenRequests([], NOW);
    expect(counts.total).toBe(0);
    expect(Object.values(counts.byBand).flatMap((b) => Object.values(b))).toEqual(new Array(16).fill(0));
  });
});

describe("weeks", () => {
  it.each([
    ["2026-11-23T00:00:00Z", "2026-11-23"], // Monday midnight starts its own week
    ["2026-11-22T23:59:59.999Z", "2026-11-16"], // Sunday night belongs to the week before
    ["2026-11-25T12:00:00Z", "2026-11-23"],
    ["2027-01-01T08:00:00Z", "2026-12-28"], // a week across the new year is named by its Monday
    ["2024-02-29T10:00:00Z", "2024-02-26"],
  ])("%s is in the week of %s", (at, monday) => {
    expect(weekOf(new Date(at))).toBe(monday);
  });

  it("lists every week between two dates, both ends included", () => {
    expect(weeksBetween(new Date("2026-11-04T00:00:00Z"), new Date("2026-11-23T00:00:00Z"))).toEqual(["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]);
    expect(weeksBetween(new Date("2026-11-24T00:00:00Z"), new Date("2026-11-25T00:00:00Z"))).toEqual(["2026-11-23"]);
  });

  it("an end before the start is no weeks", () => {
    expect(weeksBetween(new Date("2026-11-25T00:00:00Z"), new Date("2026-11-01T00:00:00Z"))).toEqual([]);
  });
});

describe("percentile", () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.5, 7],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[4, 1, 3, 2], 0.5, 2.5], // order of arrival does not matter
    [[1, 2, 3], 0.5, 2],
    [[5, 5, 5, 5], 0.9, 5], // ties
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    [[1, 100], 0, 1],
    [[1, 100], 1, 100],
  ])("%j at %s is %s", (values, p, expected) => {
    const got = percentile(values, p);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 10);
  });

  it("refuses a percentile outside 0..1", () => {
    expect(() => percentile([1], 90)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("resolveTimesByWeek", () => {
  const weeks = ["2026-11-09", "2026-11-16", "2026-11-23"];
  it("puts each request in the week it was closed and keeps empty weeks", () => {
    const at = (iso: string) => new Date(iso);
    const rows = [
      { createdAt: at("2026-11-09T09:00:00Z"), closedAt: at("2026-11-09T11:00:00Z") }, // 2 h
      { createdAt: at("2026-11-08T09:00:00Z"), closedAt: at("2026-11-10T09:00:00Z") }, // 48 h, created the week before
      { createdAt: at("2026-11-20T09:00:00Z"), closedAt: at("2026-11-23T09:00:00Z") }, // 72 h
      { createdAt: at("2026-10-01T09:00:00Z"), closedAt: at("2026-11-01T09:00:00Z") }, // outside the weeks: ignored
    ];
    expect(resolveTimesByWeek(rows, weeks)).toEqual([
      { week: "2026-11-09", resolved: 2, medianHours: 25, p90Hours: 43.4 },
      { week: "2026-11-16", resolved: 0, medianHours: null, p90Hours: null },
      { week: "2026-11-23", resolved: 1, medianHours: 72, p90Hours: 72 },
    ]);
  });
});

describe("changesByWeek", () => {
  it("folds actions into kinds, totals each week and fills empty weeks", () => {
    const result = changesByWeek(
      [
        { day: "2026-11-16", action: "role.added", count: 2 }, // Monday
        { day: "2026-11-22", action: "role.added", count: 1 }, // Sunday of the same week
        { day: "2026-11-18", action: "role.expired", count: 1 },
        { day: "2026-11-18", action: "workgroup.expired", count: 2 },
        { day: "2026-11-17", action: "request.created", count: 50 }, // not a change to access
        { day: "2026-11-15", action: "role.added", count: 4 }, // Sunday: the week before
        { day: "2026-10-05", action: "role.added", count: 9 }, // outside the weeks asked for
      ],
      ["2026-11-09", "2026-11-16"],
    );
    expect(result[0]).toMatchObject({ week: "2026-11-09", total: 4 });
    expect(result[1]!.total).toBe(6);
    expect(result[1]!.byKind).toMatchObject({ role_added: 3, expired: 3, role_removed: 0 });
  });
});

describe("topCategories", () => {
  it("largest first, ties by name, zeros dropped, at most the limit", () => {
    const rows = [
      { category: "technical", count: 2 },
      { category: "permissions", count: 5 },
      { category: "no_care_id", count: 2 },
      { category: "unclear", count: 0 },
      { category: "smartcard_locked", count: 1 },
    ];
    expect(topCategories(rows, 3)).toEqual([
      { category: "permissions", count: 5 },
      { category: "no_care_id", count: 2 },
      { category: "technical", count: 2 },
    ]);
    expect(topCategories([])).toEqual([]);
  });
});

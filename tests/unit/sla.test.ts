import { describe, expect, it } from "vitest";
import { ageText, slaState, workingDaysBetween } from "@/lib/domain/sla";

const at = (iso: string) => new Date(iso);

describe("workingDaysBetween", () => {
  it.each([
    ["same moment", "2026-11-23T09:00:00Z", "2026-11-23T09:00:00Z", 0],
    ["Monday to Tuesday", "2026-11-23T09:00:00Z", "2026-11-24T09:00:00Z", 1],
    ["Monday to Tuesday, an hour short", "2026-11-23T09:00:00Z", "2026-11-24T08:00:00Z", 0],
    ["Friday to Monday spans a weekend", "2026-11-20T09:00:00Z", "2026-11-23T09:00:00Z", 1],
    ["Friday to Saturday", "2026-11-20T09:00:00Z", "2026-11-21T09:00:00Z", 0],
    ["a whole week", "2026-11-23T09:00:00Z", "2026-11-30T09:00:00Z", 5],
    ["Saturday to Monday", "2026-11-21T09:00:00Z", "2026-11-23T09:00:00Z", 1],
    ["backwards", "2026-11-24T09:00:00Z", "2026-11-23T09:00:00Z", 0],
  ])("%s", (_name, from, to, days) => {
    expect(workingDaysBetween(at(from), at(to))).toBe(days);
  });
});

describe("slaState", () => {
  it.each([
    ["fresh", "2026-11-23T09:00:00Z", "2026-11-23T15:00:00Z", "new", "on_time"],
    ["one working day", "2026-11-23T09:00:00Z", "2026-11-24T10:00:00Z", "in_progress", "on_time"],
    ["two working days is amber", "2026-11-23T09:00:00Z", "2026-11-25T10:00:00Z", "new", "amber"],
    ["over a weekend stays on time", "2026-11-20T09:00:00Z", "2026-11-23T10:00:00Z", "new", "on_time"],
    ["five working days is red", "2026-11-23T09:00:00Z", "2026-11-30T10:00:00Z", "waiting", "red"],
    ["resolved is closed however old", "2026-01-01T09:00:00Z", "2026-11-30T10:00:00Z", "resolved", "closed"],
    ["rejected is closed", "2026-11-23T09:00:00Z", "2026-11-30T10:00:00Z", "rejected", "closed"],
  ])("%s", (_name, created, now, status, state) => {
    expect(slaState(at(created), at(now), status)).toBe(state);
  });
});

describe("ageText", () => {
  it.each([
    [0, "just now"],
    [5 * 60_000, "5 minutes"],
    [60 * 60_000, "1 hour"],
    [5 * 60 * 60_000, "5 hours"],
    [24 * 60 * 60_000, "1 day"],
    [72 * 60 * 60_000, "3 days"],
  ])("%d ms", (ms, text) => {
    const now = at("2026-11-25T12:00:00Z");
    expect(ageText(new Date(now.getTime() - ms), now)).toBe(text);
  });
});

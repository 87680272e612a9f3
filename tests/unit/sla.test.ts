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
    ["five working days is red", "2026-11-23T09:00:00Z", "2026-11-30T10:00:00Z", "in_progress", "red"],
    // Waiting for the requester stops the clock, however long it has run.
    ["waiting for the requester is paused, not red", "2026-11-23T09:00:00Z", "2026-11-30T10:00:00Z", "waiting", "paused"],
    ["resolved is closed however old", "2026-01-01T09:00:00Z", "2026-11-30T10:00:00Z", "resolved", "closed"],
    ["rejected is closed", "2026-11-23T09:00:00Z", "2026-11-30T10:00:00Z", "rejected", "closed"],
  ])("%s", (_name, created, now, status, state) => {
    expect(slaState(at(created), at(now), status)).toBe(state);
  });
});

describe("slaState after waits for the requester", () => {
  const DAY = 24 * 60 * 60;
  it.each([
    // Created Monday; five working days by next Monday would be red, but three days were spent waiting.
    ["three days paused keeps a red request amber", 3 * DAY, "amber"],
    ["no pause: red", 0, "red"],
    ["a whole week paused: on time again", 7 * DAY, "on_time"],
    ["a negative pause is ignored", -7 * DAY, "red"],
  ])("%s", (_name, paused, state) => {
    expect(slaState(at("2026-11-23T09:00:00Z"), at("2026-11-30T10:00:00Z"), "in_progress", paused)).toBe(state);
  });

  it("a paused request that is resolved is closed", () => {
    expect(slaState(at("2026-11-23T09:00:00Z"), at("2026-11-30T10:00:00Z"), "resolved", 3 * DAY)).toBe("closed");
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

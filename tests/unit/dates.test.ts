import { describe, expect, it } from "vitest";
import { ukDate, ukDateTime, ukTime } from "@/lib/dates";

const at = (iso: string) => new Date(iso);

describe("UK dates and times for people", () => {
  it.each([
    // GMT in winter: UK time is UTC.
    ["2026-11-25T17:24:00Z", "25 November 2026, 5:24pm"],
    ["2026-11-25T09:00:00Z", "25 November 2026, 9am"],
    ["2026-11-25T09:05:00Z", "25 November 2026, 9:05am"],
    // BST in summer: an hour ahead, so late evening UTC is already the next UK day.
    ["2026-07-01T16:24:00Z", "1 July 2026, 5:24pm"],
    ["2026-07-01T23:30:00Z", "2 July 2026, 12:30am"],
    ["2026-06-30T23:00:00Z", "1 July 2026, midnight"],
    ["2026-07-01T11:00:00Z", "1 July 2026, midday"],
    // Clocks go forward at 01:00 UTC on the last Sunday of March (29 March 2026).
    ["2026-03-29T00:59:00Z", "29 March 2026, 12:59am"],
    ["2026-03-29T01:00:00Z", "29 March 2026, 2am"],
    // Clocks go back at 01:00 UTC on the last Sunday of October (25 October 2026): 1am happens twice.
    ["2026-10-25T00:30:00Z", "25 October 2026, 1:30am"],
    ["2026-10-25T01:30:00Z", "25 October 2026, 1:30am"],
    ["2026-10-25T02:00:00Z", "25 October 2026, 2am"],
  ])("%s reads %s", (iso, expected) => {
    expect(ukDateTime(at(iso))).toBe(expected);
  });

  it("gives the UK day, not the UTC day, at midnight UTC in summer and winter", () => {
    expect(ukDate(at("2026-08-31T23:30:00Z"))).toBe("1 September 2026");
    expect(ukDate(at("2026-12-31T23:30:00Z"))).toBe("31 December 2026");
    expect(ukDate(at("2027-01-01T00:00:00Z"))).toBe("1 January 2027");
  });

  it("writes the time NHS style: 12-hour clock, lower-case am/pm, no :00", () => {
    expect(ukTime(at("2026-01-10T00:00:00Z"))).toBe("midnight");
    expect(ukTime(at("2026-01-10T12:00:00Z"))).toBe("midday");
    expect(ukTime(at("2026-01-10T12:01:00Z"))).toBe("12:01pm");
    expect(ukTime(at("2026-01-10T00:30:00Z"))).toBe("12:30am");
    // Midnight in UK summer time is 11pm UTC the day before.
    expect(ukTime(at("2026-07-01T23:00:00Z"))).toBe("midnight");
    expect(ukTime(at("2026-01-10T23:59:00Z"))).toBe("11:59pm");
    expect(ukTime(at("2026-01-10T13:00:00Z"))).not.toMatch(/:00|PM|13/);
  });
});

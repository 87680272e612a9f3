import { describe, expect, it } from "vitest";
import { grantLive, parseEndDate, reviewDue, startOfUkDay, ukDay } from "@/lib/domain/grant-dates";

const now = new Date("2026-11-25T18:00:00Z");

describe("startOfUkDay / ukDay", () => {
  it.each([
    ["2026-01-15", "2026-01-15T00:00:00.000Z"], // GMT
    ["2026-07-01", "2026-06-30T23:00:00.000Z"], // BST: midnight in London is 23:00 UTC the day before
    ["2026-03-29", "2026-03-29T00:00:00.000Z"], // the day the clocks go forward starts in GMT
    ["2026-10-25", "2026-10-24T23:00:00.000Z"], // the day the clocks go back starts in BST
  ])("%s begins at %s", (day, instant) => {
    expect(startOfUkDay(day).toISOString()).toBe(instant);
    expect(ukDay(startOfUkDay(day))).toBe(day);
  });

  it("an instant late in a summer evening (UTC) is already the next UK day", () => {
    expect(ukDay(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(ukDay(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});

describe("parseEndDate", () => {
  it.each([
    ["2026-12-03", "2026-12-03"],
    ["3/12/2026", "2026-12-03"],
    ["03/12/2026", "2026-12-03"],
    [" 26/11/2026 ", "2026-11-26"],
    ["2028-11-25", "2028-11-25"],
  ])("accepts %j as %s", (typed, day) => {
    const parsed = parseEndDate(typed, now);
    expect(parsed).toMatchObject({ ok: true, day });
    if (parsed.ok) expect(parsed.endsAt).toEqual(startOfUkDay(day));
  });

  it.each([
    ["", "Enter the end date"],
    ["tomorrow", "Enter the end date"],
    ["12/3", "Enter the end date"],
    ["2026-12-3", "Enter the end date"],
    ["2026/12/03", "Enter the end date"],
    ["31/02/2027", "real date"],
    ["2027-13-01", "real date"],
    ["00/12/2026", "real date"],
    ["25/11/2026", "after today"],
    ["2026-11-24", "after today"],
    ["2028-11-26", "within two years"],
  ])("refuses %j (%s)", (typed, message) => {
    const parsed = parseEndDate(typed, now);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it("'today' follows the UK day, not UTC: at 23:30 UTC on 30 June it is already 1 July in London", () => {
    const lateEvening = new Date("2026-06-30T23:30:00Z");
    expect(parseEndDate("2026-07-01", lateEvening).ok).toBe(false);
    expect(parseEndDate("2026-07-02", lateEvening).ok).toBe(true);
  });
});

describe("reviewDue", () => {
  const day = 24 * 3600 * 1000;
  it.each<[string, Date | null, Date, ReturnType<typeof reviewDue>]>([
    ["ends in 3 days", new Date(now.getTime() + 3 * day), now, "ending_soon"],
    ["ends in exactly 14 days", new Date(now.getTime() + 14 * day), now, "ending_soon"],
    ["ends in 15 days", new Date(now.getTime() + 15 * day), now, null],
    ["already ended by date (the verdict ignores it; expiry will end it)", new Date(now.getTime() - day), now, null],
    ["no end date, reviewed a month ago", null, new Date(now.getTime() - 30 * day), null],
    ["no end date, reviewed 12 months ago to the day", null, new Date("2025-11-25T18:00:00Z"), "not_reviewed"],
    ["no end date, reviewed 2 years ago", null, new Date("2024-11-01T00:00:00Z"), "not_reviewed"],
    ["ends soon and never reviewed: ending soon comes first", new Date(now.getTime() + day), new Date("2020-01-01"), "ending_soon"],
  ])("%s", (_label, endsAt, reviewedAt, expected) => {
    expect(reviewDue({ endsAt, reviewedAt }, now)).toBe(expected);
  });
});

describe("grantLive", () => {
  it.each<[string, Date | null, Date | null, boolean]>([
    ["open-ended", null, null, true],
    ["ends tomorrow", null, new Date(now.getTime() + 1), true],
    ["end date has begun", null, now, false],
    ["end date passed, not yet expired formally", null, new Date(now.getTime() - 1), false],
    ["formally ended", new Date(now.getTime() - 1), null, false],
  ])("%s", (_label, endedAt, endsAt, live) => {
    expect(grantLive({ endedAt, endsAt }, now)).toBe(live);
  });
});

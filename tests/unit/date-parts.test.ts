import { describe, expect, it } from "vitest";
import { dayToParts, readDateParts } from "@/lib/domain/date-parts";
import { readFilterDays } from "@/lib/validations/audit";
import { endDateField } from "@/lib/validations/fields";
import { ukDay } from "@/lib/domain/grant-dates";

describe("readDateParts: the NHS date input's three boxes", () => {
  it.each([
    [{ day: "27", month: "3", year: "2027" }, "2027-03-27"],
    [{ day: " 01", month: "03 ", year: "2027" }, "2027-03-01"],
    [{ day: "29", month: "2", year: "2028" }, "2028-02-29"],
  ])("reads %j as %s", (typed, day) => {
    expect(readDateParts(typed, "End date")).toEqual({ ok: true, day });
  });

  it("reads three empty boxes as no date", () => {
    expect(readDateParts({ day: "", month: " ", year: undefined }, "End date")).toEqual({ ok: true, day: undefined });
  });

  it.each([
    [{ day: "27", month: "3", year: "" }, "End date must include a year", ["year"]],
    [{ day: "", month: "3", year: "" }, "End date must include a day and year", ["day", "year"]],
    [{ day: "27", month: "", year: "2027" }, "End date must include a month", ["month"]],
    [{ day: "30", month: "2", year: "2027" }, "End date must be a real date", ["day"]],
    [{ day: "29", month: "2", year: "2027" }, "End date must be a real date", ["day"]],
    [{ day: "0", month: "3", year: "2027" }, "End date must be a real date", ["day"]],
    [{ day: "27", month: "13", year: "2027" }, "End date must be a real date", ["month"]],
    [{ day: "27", month: "March", year: "2027" }, "End date must be a real date", ["month"]],
    [{ day: "2x", month: "3", year: "2O27" }, "End date must be a real date", ["day", "year"]],
    [{ day: "27", month: "3", year: "27" }, "Year must include 4 numbers", ["year"]],
  ])("refuses %j: %s", (typed, message, parts) => {
    expect(readDateParts(typed, "End date")).toEqual({ ok: false, message, parts });
  });

  it("shows a day back in the boxes as people type it", () => {
    expect(dayToParts("2027-03-07")).toEqual({ day: "7", month: "3", year: "2027" });
    expect(dayToParts(undefined)).toEqual({ day: "", month: "", year: "" });
  });
});

describe("endDateField: the forms' boxes and the API's YYYY-MM-DD, one schema", () => {
  const inAYear = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const [y, m, d] = ukDay(inAYear).split("-");
  it("takes the boxes and the ISO day alike, as the start of that UK day", () => {
    const boxes = endDateField.safeParse({ day: String(Number(d)), month: String(Number(m)), year: y });
    const iso = endDateField.safeParse(`${y}-${m}-${d}`);
    expect(boxes.success && iso.success).toBe(true);
    expect(boxes.data).toEqual(iso.data);
    expect(ukDay(boxes.data!)).toBe(`${y}-${m}-${d}`);
    expect(endDateField.safeParse({ day: "", month: "", year: "" })).toEqual({ success: true, data: undefined });
  });

  it("words a wrong date for people, and still refuses today", () => {
    expect(endDateField.safeParse({ day: "31", month: "4", year: y }).error?.issues[0]?.message).toBe("End date must be a real date");
    expect(endDateField.safeParse({ day: d, month: m, year: "" }).error?.issues).toHaveLength(1);
    const [ty, tm, td] = ukDay(new Date()).split("-");
    expect(endDateField.safeParse({ day: td, month: tm, year: ty }).error?.issues[0]?.message).toBe("The end date must be after today");
  });
});

describe("readFilterDays: the change log's date boxes as whole UK days", () => {
  it("runs from the start of the first UK day to the end of the last, in summer (BST) and winter (GMT)", () => {
    const summer = readFilterDays({ fromDay: "1", fromMonth: "7", fromYear: "2026", toDay: "1", toMonth: "7", toYear: "2026", smartcardId: "x" });
    expect(summer).toEqual({ query: { smartcardId: "x", from: "2026-06-30T23:00:00.000Z", to: "2026-07-01T22:59:59.999Z" }, errors: {} });
    const winter = readFilterDays({ fromDay: "25", fromMonth: "11", fromYear: "2026", toDay: "25", toMonth: "11", toYear: "2026" });
    expect(winter.query).toEqual({ from: "2026-11-25T00:00:00.000Z", to: "2026-11-25T23:59:59.999Z" });
    // The day the clocks go back is 25 hours long.
    const longDay = readFilterDays({ fromDay: "25", fromMonth: "10", fromYear: "2026", toDay: "25", toMonth: "10", toYear: "2026" });
    expect(longDay.query).toEqual({ from: "2026-10-24T23:00:00.000Z", to: "2026-10-25T23:59:59.999Z" });
  });

  it("names the wrong end, leaves the API's own from/to alone, and drops empty boxes", () => {
    expect(readFilterDays({ fromDay: "31", fromMonth: "2", fromYear: "2026" }).errors).toEqual({ from: "Date from must be a real date" });
    expect(readFilterDays({ toDay: "1", toMonth: "", toYear: "2026" }).errors).toEqual({ to: "Date to must include a month" });
    expect(readFilterDays({ from: "2026-11-25" })).toEqual({ query: { from: "2026-11-25" }, errors: {} });
    expect(readFilterDays({ fromDay: "", fromMonth: "", fromYear: "", from: "2026-11-25" })).toEqual({ query: {}, errors: {} });
  });
});

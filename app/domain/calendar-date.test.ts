import { describe, expect, it } from "vitest";
import { calendarDateString, currentFinancialYear, toCalendarDate } from "./calendar-date";

describe("calendar dates", () => {
  it("round-trips a form's date through the stored value", () => {
    const stored = toCalendarDate("2026-02-09");
    expect(stored.toISOString()).toBe("2026-02-09T00:00:00.000Z");
    expect(calendarDateString(stored)).toBe("2026-02-09");
    expect(calendarDateString(stored.toISOString())).toBe("2026-02-09");
  });
  it("refuses what is not a calendar date", () => {
    expect(() => toCalendarDate("2026-02-30")).toThrow(RangeError);
    expect(() => toCalendarDate("09/02/2026")).toThrow(RangeError);
  });
});

describe("currentFinancialYear", () => {
  it("turns over at midnight IST on 1 April, not midnight UTC", () => {
    expect(currentFinancialYear(new Date("2026-03-31T18:29:59Z"))).toBe("2025-26");
    expect(currentFinancialYear(new Date("2026-03-31T18:30:00Z"))).toBe("2026-27");
  });
});

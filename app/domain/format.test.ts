import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatRupees, formatTimestamp, isIsoDate, istDayEnd, istDayStart, istToday } from "./format";

describe("Indian formats", () => {
  it("shows dates like 09 Feb 2026, in IST", () => {
    expect(formatDate(new Date("2026-02-09T10:00:00Z"))).toBe("09 Feb 2026");
    // 20:00 UTC on the 8th is already the 9th in India (UTC+05:30).
    expect(formatDate(new Date("2026-02-08T20:00:00Z"))).toBe("09 Feb 2026");
  });

  it("writes every month in three letters (no \"Sept\")", () => {
    expect(formatDate(new Date("2026-09-30T06:00:00Z"))).toBe("30 Sep 2026");
    expect(formatDate(new Date("2026-06-01T06:00:00Z"))).toBe("01 Jun 2026");
  });

  it("shows times in IST", () => {
    expect(formatDateTime(new Date("2026-02-09T08:35:00Z"))).toBe("09 Feb 2026, 14:05 IST");
  });

  it("groups rupees in lakh and crore", () => {
    expect(formatRupees(1234567)).toBe("₹12,34,567");
    expect(formatRupees(1000000000)).toBe("₹1,00,00,00,000");
  });

  it("shows audit timestamps to the second, in IST", () => {
    expect(formatTimestamp(new Date("2026-02-09T08:35:06.999Z"))).toBe("09 Feb 2026, 14:05:06 IST");
    expect(formatTimestamp("2026-02-08T18:30:00Z")).toBe("09 Feb 2026, 00:00:00 IST");
  });
});

describe("IST calendar days", () => {
  it("accepts only real dates written as YYYY-MM-DD", () => {
    expect(isIsoDate("2026-02-09")).toBe(true);
    expect(isIsoDate("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "09-02-2026", "2026-2-9", "", "2026-02-09T00:00"]) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it("turns an IST day into UTC bounds: from 18:30 UTC the day before, up to (not including) the next day's", () => {
    expect(istDayStart("2026-02-09").toISOString()).toBe("2026-02-08T18:30:00.000Z");
    expect(istDayEnd("2026-02-09").toISOString()).toBe("2026-02-09T18:30:00.000Z");
    // Year and month ends roll over.
    expect(istDayEnd("2025-12-31").toISOString()).toBe("2025-12-31T18:30:00.000Z");
    expect(istDayStart("2026-01-01").toISOString()).toBe("2025-12-31T18:30:00.000Z");
    expect(() => istDayStart("2026-02-30")).toThrow(RangeError);
  });

  it("knows today's date in India, which starts at 18:30 UTC", () => {
    expect(istToday(new Date("2026-02-08T18:29:59Z"))).toBe("2026-02-08");
    expect(istToday(new Date("2026-02-08T18:30:00Z"))).toBe("2026-02-09");
  });
});

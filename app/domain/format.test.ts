import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatRupees } from "./format";

describe("Indian formats", () => {
  it("shows dates like 09 Feb 2026, in IST", () => {
    expect(formatDate(new Date("2026-02-09T10:00:00Z"))).toBe("09 Feb 2026");
    // 20:00 UTC on the 8th is already the 9th in India (UTC+05:30).
    expect(formatDate(new Date("2026-02-08T20:00:00Z"))).toBe("09 Feb 2026");
  });

  it("shows times in IST", () => {
    expect(formatDateTime(new Date("2026-02-09T08:35:00Z"))).toBe("09 Feb 2026, 14:05 IST");
  });

  it("groups rupees in lakh and crore", () => {
    expect(formatRupees(1234567)).toBe("₹12,34,567");
    expect(formatRupees(1000000000)).toBe("₹1,00,00,00,000");
  });
});

import { describe, expect, it } from "vitest";
import { daysOverdue, formatCount, overdueLabel, pageWindow, showingRange } from "./findings-list";

describe("paging the findings list", () => {
  it("shows 25 a page and says which ones, with Indian digit grouping", () => {
    const second = pageWindow(2, 1234);
    expect(second).toEqual({ page: 2, pageCount: 50, offset: 25, first: 26, last: 50 });
    expect(showingRange(second, 1234)).toBe("Showing 26–50 of 1,234");
    expect(showingRange(pageWindow(1, 123456), 123456)).toBe("Showing 1–25 of 1,23,456");
  });

  it("ends the last page at the last finding", () => {
    expect(pageWindow(50, 1234)).toMatchObject({ page: 50, first: 1226, last: 1234 });
    expect(pageWindow(1, 7)).toMatchObject({ page: 1, pageCount: 1, first: 1, last: 7 });
  });

  it("shows the last page for a page beyond the end, and the first for nonsense", () => {
    expect(pageWindow(999, 30)).toMatchObject({ page: 2, offset: 25, first: 26, last: 30 });
    expect(pageWindow(0, 30)).toMatchObject({ page: 1, offset: 0 });
    expect(pageWindow(-3, 30)).toMatchObject({ page: 1 });
    expect(pageWindow(Number.NaN, 30)).toMatchObject({ page: 1 });
  });

  it("has one empty page when nothing matches", () => {
    const window = pageWindow(3, 0);
    expect(window).toEqual({ page: 1, pageCount: 1, offset: 0, first: 0, last: 0 });
    expect(showingRange(window, 0)).toBeNull();
  });

  it("groups counts in lakh and crore", () => {
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1234567)).toBe("12,34,567");
    expect(formatCount(12345678)).toBe("1,23,45,678");
  });
});

describe("overdue", () => {
  it("starts the day after the due date", () => {
    expect(daysOverdue("ISSUED", "2026-02-09", "2026-02-09")).toBe(0);
    expect(daysOverdue("ISSUED", "2026-02-09", "2026-02-10")).toBe(1);
    expect(daysOverdue("RESPONSE", "2026-02-09", "2026-03-11")).toBe(30);
  });

  it("counts across a year end and a leap day", () => {
    expect(daysOverdue("ISSUED", "2027-12-31", "2028-03-01")).toBe(61);
  });

  it("never applies to a closed finding or one without a due date", () => {
    expect(daysOverdue("CLOSED", "2026-02-09", "2026-03-11")).toBe(0);
    expect(daysOverdue("DRAFT", null, "2026-03-11")).toBe(0);
  });

  it("is not negative before the due date", () => {
    expect(daysOverdue("COMPLIANCE", "2026-02-09", "2026-02-01")).toBe(0);
  });

  it("reads naturally", () => {
    expect(overdueLabel(1)).toBe("Overdue by 1 day");
    expect(overdueLabel(12)).toBe("Overdue by 12 days");
    expect(overdueLabel(1500)).toBe("Overdue by 1,500 days");
  });
});

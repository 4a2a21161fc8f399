import { describe, expect, it } from "vitest";
import { EngagementSchema, PlanYearQuerySchema, isFinancialYear, shiftFinancialYear } from "./engagement";

describe("financial years", () => {
  it("knows a financial year when it sees one", () => {
    expect(isFinancialYear("2026-27")).toBe(true);
    expect(isFinancialYear("1999-00")).toBe(true);
    expect(isFinancialYear("2026-28")).toBe(false);
    expect(isFinancialYear("2026")).toBe(false);
  });
  it("moves between years, across the century too", () => {
    expect(shiftFinancialYear("2026-27", 1)).toBe("2027-28");
    expect(shiftFinancialYear("2026-27", -1)).toBe("2025-26");
    expect(shiftFinancialYear("2099-00", 1)).toBe("2100-01");
  });
  it("ignores an odd year in the plan page's address", () => {
    expect(PlanYearQuerySchema.parse({ year: "nonsense" })).toEqual({ year: undefined });
    expect(PlanYearQuerySchema.parse({ year: "2025-26" })).toEqual({ year: "2025-26" });
  });
});

describe("EngagementSchema", () => {
  const valid = {
    title: "Kothrud concurrent audit",
    planYear: "2026-27",
    orgUnitId: "7a1c0f9e-5d2b-4c61-9a3e-0b7d4e2f1a01",
    auditType: "CONCURRENT",
    periodStart: "2026-04-01",
    periodEnd: "2026-04-01",
    status: "PLANNED",
  };
  it("accepts a one-day period and no auditors yet", () => {
    expect(EngagementSchema.parse(valid).auditorIds).toEqual([]);
  });
  it("refuses a period that ends before it starts, on the end date", () => {
    const result = EngagementSchema.safeParse({ ...valid, periodEnd: "2026-03-31" });
    expect(result.success).toBe(false);
    expect(result.error?.flatten().fieldErrors.periodEnd).toEqual(["The period cannot end before it starts."]);
  });
});

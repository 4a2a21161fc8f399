import { describe, expect, it } from "vitest";
import { filtersToSearchParams, parseObservationFilters } from "./observation-filters";

const UNIT = "1613B76C-8DC7-415E-8828-1E87153C8AF1";

describe("reading filters from the address", () => {
  it("reads every filter, in any letter case where that is harmless", () => {
    const { filters, ignored } = parseObservationFilters(
      new URLSearchParams({
        q: "  kyc  ",
        status: "issued",
        severity: "High",
        unit: UNIT,
        area: "kyc_aml",
        risk: "IT_CYBER",
        engagement: UNIT,
        overdue: "1",
        sort: "due",
        page: "3",
      }),
    );
    expect(ignored).toEqual([]);
    expect(filters).toEqual({
      q: "kyc",
      status: "ISSUED",
      severity: "HIGH",
      unit: UNIT.toLowerCase(),
      area: "KYC_AML",
      risk: "IT_CYBER",
      engagement: UNIT.toLowerCase(),
      overdue: true,
      sort: "due",
      page: 3,
    });
  });

  it("defaults to everything, newest first, page 1", () => {
    expect(parseObservationFilters(new URLSearchParams())).toEqual({
      filters: { overdue: false, sort: "newest", page: 1 },
      ignored: [],
    });
  });

  it("drops what does not parse and names it", () => {
    const { filters, ignored } = parseObservationFilters(new URLSearchParams("page=1.5&sort=DUE&risk=weather&q=%20%20&overdue=yes"));
    expect(ignored.sort()).toEqual(["overdue", "page", "risk", "sort"]);
    expect(filters).toEqual({ overdue: false, sort: "newest", page: 1 });
  });

  it("ignores parameters it does not know", () => {
    expect(parseObservationFilters(new URLSearchParams("index=&utm_source=mail&status=CLOSED"))).toEqual({
      filters: { status: "CLOSED", overdue: false, sort: "newest", page: 1 },
      ignored: [],
    });
  });
});

describe("writing a view's address", () => {
  it("keeps only what narrows or orders the view", () => {
    const { filters } = parseObservationFilters(new URLSearchParams("q=&status=&severity=HIGH&sort=newest&page=1"));
    expect(filtersToSearchParams(filters).toString()).toBe("severity=HIGH");
  });

  it("round-trips every filter", () => {
    const address = `q=cash+limit&status=ISSUED&severity=LOW&unit=${UNIT.toLowerCase()}&area=CASH&risk=FRAUD&engagement=${UNIT.toLowerCase()}&overdue=1&sort=severity&page=4`;
    const { filters } = parseObservationFilters(new URLSearchParams(address));
    expect(filtersToSearchParams(filters).toString()).toBe(address);
  });

  it("changes one thing, such as the page", () => {
    const { filters } = parseObservationFilters(new URLSearchParams("severity=HIGH&page=3"));
    expect(filtersToSearchParams(filters, { page: 4 }).toString()).toBe("severity=HIGH&page=4");
    expect(filtersToSearchParams(filters, { page: 1 }).toString()).toBe("severity=HIGH");
  });
});

import { describe, expect, it } from "vitest";
import { escalationStatement, ordinal, severityStatement } from "./repeat-findings";

describe("ordinal", () => {
  it.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [11, "11th"],
    [12, "12th"],
    [13, "13th"],
    [21, "21st"],
    [22, "22nd"],
    [101, "101st"],
    [111, "111th"],
  ])("%i is the %s", (n, expected) => {
    expect(ordinal(n)).toBe(expected);
  });
});

describe("severityStatement", () => {
  it("states a first finding's severity plainly", () => {
    expect(severityStatement("MEDIUM", "MEDIUM", 1)).toBe("MEDIUM");
  });
  it("names the assessment and the occurrence of an escalated repeat", () => {
    expect(severityStatement("HIGH", "MEDIUM", 2)).toBe("HIGH (escalated from MEDIUM: 2nd occurrence)");
    expect(severityStatement("CRITICAL", "LOW", 3)).toBe("CRITICAL (escalated from LOW: 3rd occurrence)");
  });
  it("names the occurrence of a repeat that could not go higher", () => {
    expect(severityStatement("CRITICAL", "CRITICAL", 2)).toBe("CRITICAL (2nd occurrence)");
  });
});

describe("escalationStatement", () => {
  it("says what a confirmed repeat did to the severity", () => {
    expect(escalationStatement("MEDIUM", "HIGH", 2)).toBe("Escalated from MEDIUM to HIGH: 2nd occurrence");
    expect(escalationStatement("CRITICAL", "CRITICAL", 4)).toBe("Severity stays CRITICAL: 4th occurrence");
  });
});

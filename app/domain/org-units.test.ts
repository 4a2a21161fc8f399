import { describe, expect, it } from "vitest";
import { ORG_UNIT_KINDS, type OrgUnitKind, PARENT_CAPABLE_KINDS, parentProblem } from "./org-units";

describe("where a unit may sit", () => {
  const allowed: Record<OrgUnitKind, OrgUnitKind[]> = {
    HEAD_OFFICE: [],
    ZONE: ["HEAD_OFFICE", "ZONE"],
    BRANCH: ["HEAD_OFFICE", "ZONE"],
    DEPARTMENT: ["HEAD_OFFICE", "DEPARTMENT"],
  };

  for (const kind of ORG_UNIT_KINDS) {
    it(`a ${kind} sits under no unit, or only under ${allowed[kind].join(" / ") || "nothing"}`, () => {
      expect(parentProblem(kind, null)).toBeNull();
      for (const parentKind of ORG_UNIT_KINDS) {
        const problem = parentProblem(kind, parentKind);
        if (allowed[kind].includes(parentKind)) expect(problem).toBeNull();
        else expect(problem).toEqual(expect.any(String));
      }
    });
  }

  it("explains a refusal in the bank's words", () => {
    expect(parentProblem("BRANCH", "DEPARTMENT")).toBe("A branch can be part of a head office or zone / region, not a department.");
    expect(parentProblem("HEAD_OFFICE", "ZONE")).toMatch(/top of the bank/);
  });

  it("offers as parents exactly the kinds something can sit under", () => {
    const used = new Set(Object.values(allowed).flat());
    expect([...PARENT_CAPABLE_KINDS].sort()).toEqual([...used].sort());
  });
});

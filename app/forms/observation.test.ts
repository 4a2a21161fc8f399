import { describe, expect, it } from "vitest";
import { istToday } from "~/domain/format";
import { ACTIONS, REFUSAL_MESSAGES, RULES } from "~/domain/lifecycle";
import { DraftObservationSchema, MAX_TAGS, lifecycleStepSchema, parseTags } from "./observation";

describe("parseTags", () => {
  it("splits on commas, trims, collapses spaces and drops repeats whatever their case", () => {
    expect(parseTags(" kyc, Re-KYC ,  kyc,,  high   risk ,KYC ")).toEqual(["kyc", "Re-KYC", "high risk"]);
  });
  it("makes nothing of an empty field", () => {
    expect(parseTags(undefined)).toEqual([]);
    expect(parseTags(" , ")).toEqual([]);
  });
});

describe("DraftObservationSchema", () => {
  const valid = {
    title: "KYC not updated",
    condition: "14 high-risk accounts",
    criteria: "MD KYC para 38",
    cause: "Oversight",
    effect: "AML risk",
    recommendation: "Update KYC",
    assessedSeverity: "HIGH",
    orgUnitId: "7a1c0f9e-5d2b-4c61-9a3e-0b7d4e2f1a01",
    auditArea: "KYC_AML",
    riskCategory: "COMPLIANCE",
    tags: "kyc, re-kyc",
  };
  it("turns the tags field into a list", () => {
    expect(DraftObservationSchema.parse(valid).tags).toEqual(["kyc", "re-kyc"]);
  });
  it("treats a field of spaces as empty", () => {
    const result = DraftObservationSchema.safeParse({ ...valid, condition: "   " });
    expect(result.success).toBe(false);
    expect(result.error?.flatten().fieldErrors.condition).toEqual(["Describe what was found (the condition)."]);
  });
  it(`refuses more than ${MAX_TAGS} tags and impossible dates`, () => {
    const many = Array.from({ length: MAX_TAGS + 1 }, (_, i) => `tag${i}`).join(",");
    expect(DraftObservationSchema.safeParse({ ...valid, tags: many }).success).toBe(false);
    expect(DraftObservationSchema.safeParse({ ...valid, proposedDueDate: "2026-02-30" }).success).toBe(false);
  });
});

describe("lifecycleStepSchema", () => {
  it.each(ACTIONS)("asks for a comment and a due date exactly where the lifecycle's rules do (%s)", (action) => {
    const bare = lifecycleStepSchema(action).safeParse({ intent: action, version: 3 });
    const errors = bare.success ? {} : bare.error.flatten().fieldErrors;
    expect(Boolean(errors.comment)).toBe(Boolean(RULES[action].needsComment));
    expect(Boolean(errors.dueDate)).toBe(Boolean(RULES[action].needsDueDate));
    if (RULES[action].needsComment) expect(errors.comment).toEqual([REFUSAL_MESSAGES["comment-required"]]);
  });
  it("refuses a due date in the past, and accepts today", () => {
    expect(lifecycleStepSchema("issue").safeParse({ intent: "issue", version: 1, dueDate: "2001-01-01" }).success).toBe(false);
    expect(lifecycleStepSchema("issue").safeParse({ intent: "issue", version: 1, dueDate: istToday() }).success).toBe(true);
  });
  it("refuses a step posted under another step's name", () => {
    expect(lifecycleStepSchema("submit").safeParse({ intent: "issue", version: 1 }).success).toBe(false);
  });
});

import { z } from "zod";
import { isIsoDate, istToday } from "~/domain/format";
import { type LifecycleAction, REFUSAL_MESSAGES, RULES, SEVERITIES } from "~/domain/lifecycle";
import { AUDIT_AREAS, RISK_CATEGORIES } from "~/domain/observation";

export const OBSERVATION_STALE_MESSAGE = "This observation was changed by someone else since you opened it.";
export const NOT_EDITABLE_MESSAGE = "Only the observation's author can change it, and only while it is a draft.";

/** A required text: trimmed, so a field of spaces is as empty as a blank one. */
const requiredText = (message: string, max: number) =>
  z.string({ required_error: message }).trim().min(1, message).max(max, `Use at most ${max.toLocaleString("en-IN")} characters.`);

const version = z
  .number({ required_error: "Reload the page and try again.", invalid_type_error: "Reload the page and try again." })
  .int()
  .min(1);

const isoDate = (message: string) => z.string({ required_error: message }).trim().refine(isIsoDate, "Enter a date such as 2026-02-09.");

export const MAX_TAGS = 12;
export const MAX_TAG_LENGTH = 40;

/**
 * "kyc, Re-KYC ,  kyc" → ["kyc", "Re-KYC"]: comma-separated, trimmed, inner
 * spaces collapsed, repeats dropped whatever their case (the first spelling
 * is kept).
 */
export function parseTags(value: string | undefined): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of (value ?? "").split(",")) {
    const tag = raw.trim().replace(/\s+/g, " ");
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

const tags = z
  .string()
  .max(600, "Use at most 600 characters for tags.")
  .optional()
  .transform(parseTags)
  .refine((list) => list.length <= MAX_TAGS, `Use at most ${MAX_TAGS} tags.`)
  .refine((list) => list.every((tag) => tag.length <= MAX_TAG_LENGTH), `Keep each tag to ${MAX_TAG_LENGTH} characters.`);

const draftFields = {
  title: requiredText("Give the observation a short title.", 200),
  // The "5C" form auditors write in (DOMAIN.md).
  condition: requiredText("Describe what was found (the condition).", 8000),
  criteria: requiredText("State the rule or standard that applies (the criteria).", 8000),
  cause: requiredText("Explain why it happened (the cause).", 8000),
  effect: requiredText("Describe the risk or impact (the effect).", 8000),
  recommendation: requiredText("Say what should be done (the recommendation).", 8000),
  assessedSeverity: z.enum(SEVERITIES, { required_error: "Choose the severity.", invalid_type_error: "Choose the severity." }),
  orgUnitId: z
    .string({ required_error: "Choose the branch or department." })
    .uuid("Choose the branch or department from the list."),
  auditArea: z.enum(AUDIT_AREAS, { required_error: "Choose the audit area.", invalid_type_error: "Choose the audit area." }),
  riskCategory: z.enum(RISK_CATEGORIES, {
    required_error: "Choose the risk category.",
    invalid_type_error: "Choose the risk category.",
  }),
  rbiReferences: z.string().trim().max(1000, "Use at most 1,000 characters.").optional(),
  tags,
  engagementId: z.string().uuid("Choose an engagement from the list.").optional(),
  proposedDueDate: isoDate("Enter a date such as 2026-02-09.").optional(),
};

/** Drafting a new observation (/observations/new). */
export const DraftObservationSchema = z.object(draftFields);
export type DraftObservation = z.infer<typeof DraftObservationSchema>;

/** Editing a draft: the same fields, and the version the form was opened at. */
export const EditObservationSchema = z.object({ ...draftFields, version });

/**
 * One lifecycle step from the detail page's action panel. The comment (or
 * closure rationale) and the due date are required exactly where the
 * lifecycle's RULES say so; the server checks the step again with
 * `transition`, so these only spare the user a round trip.
 */
export function lifecycleStepSchema(action: LifecycleAction) {
  const rule = RULES[action];
  const comment = z.string().trim().max(4000, "Use at most 4,000 characters.");
  return z.object({
    intent: z.literal(action),
    version,
    comment: rule.needsComment
      ? z
          .string({ required_error: REFUSAL_MESSAGES["comment-required"] })
          .trim()
          .min(1, REFUSAL_MESSAGES["comment-required"])
          .max(4000, "Use at most 4,000 characters.")
      : comment.optional(),
    dueDate: rule.needsDueDate
      ? isoDate(REFUSAL_MESSAGES["due-date-required"]).refine(
          (value) => value >= istToday(),
          "The due date cannot be in the past.",
        )
      : z.string().optional(),
  });
}

export const REPEAT_INTENTS = ["confirm-repeat", "dismiss-repeat"] as const;
export type RepeatIntent = (typeof REPEAT_INTENTS)[number];

/** Confirming or dismissing a suggested earlier finding as the one this repeats. */
export const RepeatDecisionSchema = z.object({
  intent: z.enum(REPEAT_INTENTS),
  candidateId: z.string().uuid(),
  version,
});

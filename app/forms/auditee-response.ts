import { z } from "zod";
import { RESPONSE_KINDS } from "~/domain/auditee-response";
import { formatDate, isIsoDate } from "~/domain/format";

export const MAX_RESPONSE_LENGTH = 8000;

/**
 * The auditee's response (/portal/$id). The same values travel twice: first
 * to the confirmation step (intent=review), then, as hidden fields, to the
 * final submission (intent=submit); both are checked by this schema.
 */
export const RespondSchema = z.object({
  kind: z.enum(RESPONSE_KINDS, {
    required_error: "Choose what kind of response this is.",
    invalid_type_error: "Choose what kind of response this is.",
  }),
  body: z
    .string({ required_error: "Write your response." })
    .trim()
    .min(1, "Write your response.")
    .max(MAX_RESPONSE_LENGTH, `Use at most ${MAX_RESPONSE_LENGTH.toLocaleString("en-IN")} characters.`),
  proposedDueDate: z.string().trim().refine(isIsoDate, "Enter a date such as 2026-02-09.").optional(),
  evidenceIds: z.array(z.string().uuid("Choose evidence from the list."), { invalid_type_error: "Choose evidence from the list." }).max(100).optional(),
  version: z
    .number({ required_error: "Reload the page and try again.", invalid_type_error: "Reload the page and try again." })
    .int()
    .min(1),
});
export type RespondValues = z.infer<typeof RespondSchema>;

/**
 * The schema with the rules that depend on the observation and the day:
 * a request for more time proposes a date after today and after the current
 * due date (`earliestExtensionDate`, from app/domain/deadline.ts); a
 * compliance action relies on at least one evidence file.
 */
export function respondSchema(rules: { earliestExtensionDate: string }) {
  return RespondSchema.superRefine((value, ctx) => {
    if (value.kind === "EXTENSION_REQUEST") {
      if (!value.proposedDueDate) {
        ctx.addIssue({ code: "custom", path: ["proposedDueDate"], message: "Propose the date by which you will comply." });
      } else if (isIsoDate(value.proposedDueDate) && value.proposedDueDate < rules.earliestExtensionDate) {
        ctx.addIssue({
          code: "custom",
          path: ["proposedDueDate"],
          message: `Propose a date after today and after the current due date: ${formatDate(`${rules.earliestExtensionDate}T00:00:00Z`)} or later.`,
        });
      }
    }
    if (value.kind === "COMPLIANCE_ACTION" && !value.evidenceIds?.length) {
      ctx.addIssue({
        code: "custom",
        path: ["evidenceIds"],
        message: "Tick at least one evidence file that shows the compliance. Upload it first if it is not listed.",
      });
    }
  });
}

import { z } from "zod";
import { isIsoDate } from "~/domain/format";
import { AUDIT_TYPES, ENGAGEMENT_STATUSES } from "~/domain/observation";

/** "2026-27": a financial year (April to March) as the bank writes it. */
export function isFinancialYear(value: string) {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return Boolean(match && (Number(match[1]) + 1) % 100 === Number(match[2]));
}

/** The financial year `by` years after (or before) `year`: ("2026-27", -1) → "2025-26". */
export function shiftFinancialYear(year: string, by: number) {
  const start = Number(year.slice(0, 4)) + by;
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

const planYear = z
  .string({ required_error: "Choose the plan year." })
  .trim()
  .refine(isFinancialYear, "Choose a financial year such as 2026-27.");

const isoDate = (message: string) => z.string({ required_error: message }).trim().refine(isIsoDate, "Enter a date such as 2026-04-01.");

const version = z
  .number({ required_error: "Reload the page and try again.", invalid_type_error: "Reload the page and try again." })
  .int()
  .min(1);

const engagementFields = {
  title: z
    .string({ required_error: "Give the engagement a title." })
    .trim()
    .min(3, "Give the engagement a title of at least 3 characters.")
    .max(200, "Use at most 200 characters."),
  planYear,
  orgUnitId: z.string({ required_error: "Choose the branch or department." }).uuid("Choose the branch or department from the list."),
  auditType: z.enum(AUDIT_TYPES, { required_error: "Choose the type of audit.", invalid_type_error: "Choose the type of audit." }),
  periodStart: isoDate("Enter the date the audit period starts."),
  periodEnd: isoDate("Enter the date the audit period ends."),
  status: z.enum(ENGAGEMENT_STATUSES, { required_error: "Choose the status.", invalid_type_error: "Choose the status." }),
  auditorIds: z.array(z.string().uuid("Choose auditors from the list.")).max(50, "Assign at most 50 auditors.").default([]),
};

const periodInOrder = (value: { periodStart: string; periodEnd: string }) => value.periodEnd >= value.periodStart;
const periodProblem = { path: ["periodEnd"], message: "The period cannot end before it starts." };

export const EngagementSchema = z.object(engagementFields).refine(periodInOrder, periodProblem);
export type EngagementInput = z.infer<typeof EngagementSchema>;

export const EditEngagementSchema = z.object({ ...engagementFields, version }).refine(periodInOrder, periodProblem);

/** The plan page's year selector (a GET form). Anything odd falls back to the current year. */
export const PlanYearQuerySchema = z.object({ year: planYear.optional().catch(undefined) });

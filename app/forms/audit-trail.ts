import { z } from "zod";
import { isIsoDate } from "~/domain/format";

const optionalText = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).optional();

const istDate = z
  .string()
  .trim()
  .refine(isIsoDate, "Enter a date such as 2026-02-09.")
  .optional();

const cursor = z.coerce.number().int().positive().optional();

/**
 * Searching the audit trail: a GET form, so a search is a URL that can be
 * bookmarked or passed to a colleague. Dates are IST calendar days.
 */
export const AuditTrailSearchSchema = z
  .object({
    entity: optionalText(64, "Choose a record type from the list."),
    entityId: optionalText(128, "A record id is at most 128 characters."),
    actor: optionalText(254, "Enter at most 254 characters."),
    action: optionalText(100, "An action is at most 100 characters, such as auth.sign_in."),
    from: istDate,
    to: istDate,
    olderThan: cursor,
    newerThan: cursor,
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, {
    path: ["to"],
    message: "The end date is before the start date.",
  });

export type AuditTrailSearch = z.infer<typeof AuditTrailSearchSchema>;

/** The one action on the audit trail page that changes anything (it records itself). */
export const VERIFY_INTENT = "verify";

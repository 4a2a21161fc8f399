import type { Submission } from "@conform-to/react";
import type { RuleError } from "~/domain/errors";

/**
 * A bank rule's refusal as the form's errors: on the field it names, else
 * for the whole form. Secrets (passwords) are never sent back.
 */
export function ruleReply(submission: Submission<unknown>, error: RuleError, options: { hideFields?: string[] } = {}) {
  return submission.reply({
    ...(error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] }),
    hideFields: options.hideFields,
  });
}

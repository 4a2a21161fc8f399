/**
 * Expected refusals the models raise and the routes turn into pages or form
 * errors. Nothing here is a crash: a route that meets one answers 404 or
 * re-renders the form with the message.
 */

/** The record does not exist in this bank (or at all): always a 404. */
export class RecordNotFoundError extends Error {
  override name = "RecordNotFoundError";
  constructor(what = "record") {
    super(`No such ${what} in this bank.`);
  }
}

export const STALE_MESSAGE = "This was changed by someone else since you opened it.";

/**
 * Optimistic concurrency: the form was opened at an older version. Carries
 * the record as it is now, so the page can show what changed while keeping
 * what the user typed.
 */
export class StaleRecordError<Current = unknown> extends Error {
  override name = "StaleRecordError";
  constructor(readonly current: Current) {
    super(STALE_MESSAGE);
  }
}

/** A bank rule refused the change; `field` names the form field it is about. */
export class RuleError<Field extends string = string> extends Error {
  override name = "RuleError";
  constructor(
    message: string,
    readonly field?: Field,
  ) {
    super(message);
  }
}

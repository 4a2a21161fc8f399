/**
 * Deadline maths for the auditee portal: how far a due date is, in plain
 * words, counted in whole calendar days in India. A due date is a calendar
 * date (a PostgreSQL `date`, handed over as UTC midnight of that date); it is
 * met if the response arrives any time on that day in IST, so "today" is the
 * IST date, not the server's and not UTC's (between 18:30 and midnight UTC
 * those differ by a day).
 */
import { istToday } from "~/domain/format";
import type { ObservationStatus } from "~/domain/lifecycle";

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type Countdown =
  /** No due date has been set. */
  | { state: "none"; days: null; text: string }
  /** Due tomorrow or later; `days` ≥ 1. */
  | { state: "upcoming"; days: number; text: string }
  | { state: "today"; days: 0; text: string }
  /** Past the due date; `days` ≥ 1 is how many days late. */
  | { state: "overdue"; days: number; text: string }
  /** The auditee has answered (or the observation is closed): no countdown runs. */
  | { state: "settled"; days: null; text: string };

/**
 * A calendar date as "YYYY-MM-DD": from a `date` column's Date, its JSON
 * string ("2026-02-09T00:00:00.000Z"), or the form's "2026-02-09".
 */
export function calendarDay(value: Date | string): string {
  if (typeof value === "string" && ISO_DATE.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`, both "YYYY-MM-DD" (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** "YYYY-MM-DD" plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "due in 3 days", "due tomorrow", "due today", "overdue by 2 days", counted in IST. */
export function dueCountdown(dueDate: Date | string | null | undefined, now: Date = new Date()): Countdown {
  if (dueDate === null || dueDate === undefined) return { state: "none", days: null, text: "no due date set" };
  const days = daysBetween(istToday(now), calendarDay(dueDate));
  if (days === 0) return { state: "today", days: 0, text: "due today" };
  if (days === 1) return { state: "upcoming", days, text: "due tomorrow" };
  if (days > 1) return { state: "upcoming", days, text: `due in ${plural(days, "day", "days")}` };
  return { state: "overdue", days: -days, text: `overdue by ${plural(-days, "day", "days")}` };
}

const SETTLED_TEXT: Partial<Record<ObservationStatus, string>> = {
  RESPONSE: "response submitted",
  COMPLIANCE: "compliance verified",
  CLOSED: "closed",
};

/**
 * The countdown as the auditee should see it: it runs only while the
 * observation waits for them (ISSUED). Once they have responded, a passed
 * due date is no longer theirs to meet; if the response is rejected the
 * observation is ISSUED again and the countdown resumes.
 */
export function auditeeDeadline(observation: { status: ObservationStatus; dueDate: Date | string | null }, now: Date = new Date()): Countdown {
  const settled = SETTLED_TEXT[observation.status];
  if (settled) return { state: "settled", days: null, text: settled };
  return dueCountdown(observation.dueDate, now);
}

/** The portal's banner: "2 observations are overdue", or null when none is. */
export function overdueBanner(count: number): string | null {
  if (count <= 0) return null;
  return count === 1 ? "1 observation is overdue" : `${count} observations are overdue`;
}

/**
 * The earliest date an auditee may propose when asking for more time: after
 * today (IST) and after the current due date, whichever is later.
 */
export function earliestExtensionDate(currentDueDate: Date | string | null | undefined, now: Date = new Date()): string {
  const tomorrow = addDays(istToday(now), 1);
  if (currentDueDate === null || currentDueDate === undefined) return tomorrow;
  const dayAfterDue = addDays(calendarDay(currentDueDate), 1);
  return dayAfterDue > tomorrow ? dayAfterDue : tomorrow;
}

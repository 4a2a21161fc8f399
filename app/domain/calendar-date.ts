/**
 * Calendar dates (due dates, audit periods) are stored in PostgreSQL `date`
 * columns, which Prisma hands over as UTC midnight. Forms send them as
 * YYYY-MM-DD (what <input type="date"> sends); these two convert between the
 * two without any time zone shifting the day.
 */
import { isIsoDate } from "~/domain/format";
import { financialYearOf } from "~/domain/observation";

// India keeps one offset all year (no daylight saving).
const IST_OFFSET_MS = 330 * 60 * 1000;

/** "2026-02-09" → 2026-02-09T00:00:00Z, the value a `date` column stores. */
export function toCalendarDate(isoDate: string): Date {
  if (!isIsoDate(isoDate)) throw new RangeError(`Not a calendar date: ${isoDate}`);
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/** A `date` column's value (or its JSON string) → "2026-02-09", for date inputs. */
export function calendarDateString(value: Date | string): string {
  return new Date(value).toISOString().slice(0, 10);
}

/** The financial year (April–March) it is now in India, e.g. "2026-27": the default plan year. */
export function currentFinancialYear(now = new Date()) {
  return financialYearOf(new Date(now.getTime() + IST_OFFSET_MS));
}

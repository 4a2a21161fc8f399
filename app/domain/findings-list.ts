/**
 * The findings list's rules that need no database: how it pages, how it
 * may be sorted, and what "overdue" means. Dates are IST calendar days
 * (YYYY-MM-DD), the bank's own.
 */
import type { ObservationStatus } from "~/domain/lifecycle";

export const FINDINGS_PER_PAGE = 25;

export const FINDING_SORTS = ["newest", "oldest", "due", "severity", "number"] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

export const FINDING_SORT_LABELS: Record<FindingSort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  due: "Due date, soonest first",
  severity: "Severity, critical first",
  number: "Reference number",
};

export interface PageWindow {
  /** The page shown: the one asked for, or the last one when it asked beyond the end. */
  page: number;
  pageCount: number;
  offset: number;
  /** 1-based positions of the first and last row shown; 0 when there are none. */
  first: number;
  last: number;
}

/**
 * Which rows a page shows. A page beyond the end (an old bookmark, a
 * hand-edited address) shows the last page rather than an empty one.
 */
export function pageWindow(requested: number, total: number, pageSize = FINDINGS_PER_PAGE): PageWindow {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(requested) || 1), pageCount);
  const offset = (page - 1) * pageSize;
  if (total === 0) return { page, pageCount, offset, first: 0, last: 0 };
  return { page, pageCount, offset, first: offset + 1, last: Math.min(offset + pageSize, total) };
}

const indianCount = new Intl.NumberFormat("en-IN");

/** 1234567 → "12,34,567": Indian digit grouping (lakh, crore). */
export function formatCount(value: number) {
  return indianCount.format(value);
}

/** "Showing 26–50 of 1,234", or null when nothing matched. */
export function showingRange(window: PageWindow, total: number) {
  if (total === 0) return null;
  return `Showing ${formatCount(window.first)}–${formatCount(window.last)} of ${formatCount(total)}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How many days past its due date a finding is on `today` (both IST
 * calendar days); 0 when it is not overdue. A finding is overdue from the
 * day after its due date until it is closed.
 */
export function daysOverdue(status: ObservationStatus, dueDate: string | null, today: string): number {
  if (!dueDate || status === "CLOSED") return 0;
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / DAY_MS);
  return days > 0 ? days : 0;
}

/** "Overdue by 1 day", "Overdue by 12 days". */
export function overdueLabel(days: number) {
  return `Overdue by ${formatCount(days)} ${days === 1 ? "day" : "days"}`;
}

import { z } from "zod";
import { FINDING_SORTS } from "~/domain/findings-list";
import { SEVERITIES, STATUSES } from "~/domain/lifecycle";
import { AUDIT_AREAS, RISK_CATEGORIES } from "~/domain/observation";

/**
 * The findings list's filters. They live in the address (a GET form), so a
 * view can be bookmarked, passed to a colleague and used without
 * JavaScript. An address is typed, truncated or kept for months, so a
 * value that does not parse is dropped (and the page says so) rather than
 * refused: filters never fail.
 */

export const SEARCH_MAX_LENGTH = 100;

/** Enum values in any letter case: ?severity=high is as good as HIGH. */
const upperEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (typeof value === "string" ? value.toUpperCase() : value), z.enum(values));

const FILTER_FIELDS = {
  /** Words looked for in the title and the condition. */
  q: z.string().trim().max(SEARCH_MAX_LENGTH),
  status: upperEnum(STATUSES),
  severity: upperEnum(SEVERITIES),
  /** A branch or department (its id). */
  unit: z.string().uuid().transform((id) => id.toLowerCase()),
  area: upperEnum(AUDIT_AREAS),
  risk: upperEnum(RISK_CATEGORIES),
  engagement: z.string().uuid().transform((id) => id.toLowerCase()),
  /** A checkbox: present means "only overdue findings". */
  overdue: z.enum(["1", "on", "true"]).transform(() => true),
  sort: z.enum(FINDING_SORTS),
  page: z.coerce.number().int().min(1).max(1_000_000),
};

export type FilterName = keyof typeof FILTER_FIELDS;
export const FILTER_NAMES = Object.keys(FILTER_FIELDS) as FilterName[];

export const ObservationFiltersSchema = z.object({
  q: FILTER_FIELDS.q.optional().transform((text) => text || undefined),
  status: FILTER_FIELDS.status.optional(),
  severity: FILTER_FIELDS.severity.optional(),
  unit: FILTER_FIELDS.unit.optional(),
  area: FILTER_FIELDS.area.optional(),
  risk: FILTER_FIELDS.risk.optional(),
  engagement: FILTER_FIELDS.engagement.optional(),
  overdue: FILTER_FIELDS.overdue.optional().transform((on) => on ?? false),
  sort: FILTER_FIELDS.sort.default("newest"),
  page: FILTER_FIELDS.page.default(1),
});

export type ObservationFilters = z.output<typeof ObservationFiltersSchema>;

/** The words the page uses for a filter it had to drop. */
export const FILTER_LABELS: Record<FilterName, string> = {
  q: "search words",
  status: "status",
  severity: "severity",
  unit: "branch or department",
  area: "audit area",
  risk: "risk category",
  engagement: "engagement",
  overdue: "overdue",
  sort: "sort order",
  page: "page number",
};

/**
 * The filters in an address. Each is read once (the first value wins);
 * empty ones, which a GET form sends for "Any", mean no filter; invalid
 * ones are dropped and named in `ignored`.
 */
export function parseObservationFilters(params: URLSearchParams): { filters: ObservationFilters; ignored: FilterName[] } {
  const raw: Partial<Record<FilterName, string>> = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value !== null && value.trim() !== "") raw[name] = value;
  }
  const checked = ObservationFiltersSchema.safeParse(raw);
  if (checked.success) return { filters: checked.data, ignored: [] };
  const ignored = [...new Set(checked.error.issues.map((issue) => issue.path[0] as FilterName))];
  for (const name of ignored) delete raw[name];
  // Every field is optional and independent, so what is left always parses.
  return { filters: ObservationFiltersSchema.parse(raw), ignored };
}

/**
 * The address of a view: only the filters that narrow or order it, so
 * links stay short and two equal views have one address.
 */
export function filtersToSearchParams(filters: ObservationFilters, changes: Partial<ObservationFilters> = {}) {
  const view = { ...filters, ...changes };
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.status) params.set("status", view.status);
  if (view.severity) params.set("severity", view.severity);
  if (view.unit) params.set("unit", view.unit);
  if (view.area) params.set("area", view.area);
  if (view.risk) params.set("risk", view.risk);
  if (view.engagement) params.set("engagement", view.engagement);
  if (view.overdue) params.set("overdue", "1");
  if (view.sort !== "newest") params.set("sort", view.sort);
  if (view.page > 1) params.set("page", String(view.page));
  return params;
}

/**
 * The findings list: a bank's observations filtered, searched, sorted and
 * paged, and the choices its filter form offers.
 *
 * One tenant-bound transaction of at most five statements whatever the
 * filters: the bank binding (withTenant), branches and departments,
 * engagements, the count, and the page with the joins its columns need
 * (skipped when the count is nil). Scoped twice: row-level security, and
 * tenant_id in every query.
 */
import { type FindingSort, FINDINGS_PER_PAGE, pageWindow } from "~/domain/findings-list";
import { istToday } from "~/domain/format";
import type { ObservationStatus, Severity } from "~/domain/lifecycle";
import type { FilterName, ObservationFilters } from "~/forms/observation-filters";
import { Prisma } from "~/generated/prisma/client";
import type { OrgUnitKind } from "~/generated/prisma/enums";
import type { SessionUser } from "~/models/session.server";
import { withTenant } from "~/utils/db.server";

/**
 * The most branches/departments or engagements one filter list offers. The
 * largest UCBs run a few hundred branches, and a plan a few hundred audits
 * a year; beyond this the list would be unusable anyway.
 */
export const MAX_FILTER_CHOICES = 1000;

/** Findings are raised at a branch or a head-office department. */
const FINDING_UNIT_KINDS: OrgUnitKind[] = ["BRANCH", "DEPARTMENT"];

export interface FindingRow {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: ObservationStatus;
  auditArea: string;
  riskCategory: string;
  /** IST calendar day, YYYY-MM-DD; null until issued. */
  dueDate: string | null;
  createdAt: Date;
  repeatOccurrence: number;
  unitCode: string;
  unitName: string;
  authorName: string;
}

export interface FindingsPage {
  rows: FindingRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** The IST day "overdue" was judged on. */
  today: string;
  /** The filters applied, after dropping ids this bank does not have. */
  filters: ObservationFilters;
  /** Filters dropped here: a branch or engagement id the bank does not have. */
  ignored: FilterName[];
  choices: {
    units: { id: string; code: string; name: string; kind: OrgUnitKind; active: boolean }[];
    engagements: { id: string; title: string; planYear: string }[];
  };
}

const ORDER: Record<FindingSort, Prisma.Sql> = {
  newest: Prisma.sql`o.created_at DESC, o.number DESC`,
  oldest: Prisma.sql`o.created_at ASC, o.number ASC`,
  due: Prisma.sql`o.due_date ASC NULLS LAST, o.number ASC`,
  // The enum's own order is LOW < MEDIUM < HIGH < CRITICAL.
  severity: Prisma.sql`o.severity DESC, o.created_at DESC, o.number DESC`,
  number: Prisma.sql`o.number ASC`,
};

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally. */
function containing(text: string) {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function conditionsFor(tenantId: string, filters: ObservationFilters, today: string): Prisma.Sql[] {
  const conditions = [Prisma.sql`o.tenant_id = ${tenantId}::uuid`];
  if (filters.status) conditions.push(Prisma.sql`o.status = ${filters.status}::"ObservationStatus"`);
  if (filters.severity) conditions.push(Prisma.sql`o.severity = ${filters.severity}::"Severity"`);
  if (filters.unit) conditions.push(Prisma.sql`o.org_unit_id = ${filters.unit}::uuid`);
  if (filters.area) conditions.push(Prisma.sql`o.audit_area = ${filters.area}`);
  if (filters.risk) conditions.push(Prisma.sql`o.risk_category = ${filters.risk}`);
  if (filters.engagement) conditions.push(Prisma.sql`o.engagement_id = ${filters.engagement}::uuid`);
  // Overdue from the day after the due date, judged on the IST calendar
  // (not the database server's), until the finding is closed.
  if (filters.overdue) conditions.push(Prisma.sql`o.due_date < ${today}::date AND o.status <> 'CLOSED'`);
  if (filters.q) {
    // ILIKE '%…%' is what the trigram GIN indexes on title and condition
    // serve (when the planner may use them: see bench/README.md).
    const pattern = containing(filters.q);
    conditions.push(Prisma.sql`(o.title ILIKE ${pattern} OR o.condition ILIKE ${pattern})`);
  }
  return conditions;
}

/**
 * One page of the bank's findings for these filters, with the total and
 * the filter form's choices. `now` decides "today" in IST (for overdue).
 */
export async function listObservations(
  viewer: Pick<SessionUser, "tenantId">,
  requested: ObservationFilters,
  options: { now?: Date } = {},
): Promise<FindingsPage> {
  const { tenantId } = viewer;
  const today = istToday(options.now);
  return withTenant({ tenantId }, async (tx) => {
    const units = await tx.orgUnit.findMany({
      where: { tenantId, kind: { in: FINDING_UNIT_KINDS } },
      orderBy: [{ kind: "asc" }, { code: "asc" }],
      take: MAX_FILTER_CHOICES,
      select: { id: true, code: true, name: true, kind: true, active: true },
    });
    const engagements = await tx.engagement.findMany({
      where: { tenantId },
      orderBy: [{ planYear: "desc" }, { title: "asc" }, { id: "asc" }],
      take: MAX_FILTER_CHOICES,
      select: { id: true, title: true, planYear: true },
    });

    // An id the bank does not have (another bank's, or one mistyped) is
    // dropped like any invalid filter, not answered with an empty list.
    const filters = { ...requested };
    const ignored: FilterName[] = [];
    if (filters.unit && !units.some((unit) => unit.id === filters.unit)) {
      filters.unit = undefined;
      ignored.push("unit");
    }
    if (filters.engagement && !engagements.some((engagement) => engagement.id === filters.engagement)) {
      filters.engagement = undefined;
      ignored.push("engagement");
    }

    const where = Prisma.join(conditionsFor(tenantId, filters, today), " AND ");
    const counted = await tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM observation o WHERE ${where}`;
    const total = counted[0]?.total ?? 0;
    const window = pageWindow(filters.page, total, FINDINGS_PER_PAGE);
    filters.page = window.page;

    const rows =
      total === 0
        ? []
        : await tx.$queryRaw<FindingRow[]>`
            SELECT o.id::text AS id, o.number, o.title, o.severity::text AS severity, o.status::text AS status,
                   o.audit_area AS "auditArea", o.risk_category AS "riskCategory",
                   to_char(o.due_date, 'YYYY-MM-DD') AS "dueDate", o.created_at AS "createdAt",
                   o.repeat_occurrence AS "repeatOccurrence",
                   u.code AS "unitCode", u.name AS "unitName", a.name AS "authorName"
              FROM observation o
              JOIN org_unit u ON u.tenant_id = o.tenant_id AND u.id = o.org_unit_id
              JOIN app_user a ON a.tenant_id = o.tenant_id AND a.id = o.author_id
             WHERE ${where}
             ORDER BY ${ORDER[filters.sort]}
             LIMIT ${FINDINGS_PER_PAGE} OFFSET ${window.offset}`;

    return {
      rows,
      total,
      page: window.page,
      pageCount: window.pageCount,
      pageSize: FINDINGS_PER_PAGE,
      today,
      filters,
      ignored,
      choices: { units, engagements },
    };
  });
}

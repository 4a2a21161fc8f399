/**
 * The findings list against a real PostgreSQL, as the app's role under
 * row-level security, over the demo banks' seeded findings. Expected
 * values are read with the owner's connection, so the tests say what the
 * list must return, not how the seed happens to be written.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINDINGS_PER_PAGE } from "~/domain/findings-list";
import { istToday } from "~/domain/format";
import { SEVERITIES, STATUSES } from "~/domain/lifecycle";
import { type ObservationFilters, ObservationFiltersSchema, parseObservationFilters } from "~/forms/observation-filters";
import { DEMO_BANKS, seedDemo } from "../../prisma/seed";
import { prismaClient } from "../../scripts/lib/prisma";
import { recordQueries } from "../../scripts/lib/query-counter";
import { type FindingRow, listObservations } from "./observation-list.server";

const owner = new pg.Pool({ connectionString: process.env.OWNER_DATABASE_URL });
const vetal = DEMO_BANKS[0]!;
const sahyadri = DEMO_BANKS[1]!;
const vetalViewer = { tenantId: vetal.id };
const sahyadriViewer = { tenantId: sahyadri.id };

beforeAll(async () => {
  const prisma = prismaClient(process.env.OWNER_DATABASE_URL!);
  await seedDemo(prisma);
  await prisma.$disconnect();
});
afterAll(() => owner.end());

/** Filters as the form would send them, with the defaults filled in. */
const filtersOf = (values: Partial<Record<keyof ObservationFilters, unknown>> = {}): ObservationFilters =>
  ObservationFiltersSchema.parse(values);

/** Ids of the bank's findings matching an SQL condition on `observation o`, read as the owner. */
async function expectedIds(tenantId: string, condition = "true", params: unknown[] = []) {
  const { rows } = await owner.query<{ id: string }>(
    `SELECT o.id FROM observation o WHERE o.tenant_id = $1 AND (${condition})`,
    [tenantId, ...params],
  );
  return rows.map((row) => row.id).sort();
}

async function unitId(tenantId: string, code: string) {
  const { rows } = await owner.query<{ id: string }>("SELECT id FROM org_unit WHERE tenant_id = $1 AND code = $2", [tenantId, code]);
  return rows[0]!.id;
}

/** Every row of a view, page by page. */
async function allRows(viewer: { tenantId: string }, values: Partial<Record<keyof ObservationFilters, unknown>> = {}, now?: Date) {
  const rows: FindingRow[] = [];
  const first = await listObservations(viewer, filtersOf(values), { now });
  rows.push(...first.rows);
  for (let page = 2; page <= first.pageCount; page++) {
    rows.push(...(await listObservations(viewer, filtersOf({ ...values, page }), { now })).rows);
  }
  return { rows, total: first.total };
}

const idsOf = (rows: FindingRow[]) => rows.map((row) => row.id).sort();

describe("the list", () => {
  it("shows 25 findings a page, newest first, with the bank's total", async () => {
    const everything = await expectedIds(vetal.id);
    expect(everything.length).toBeGreaterThanOrEqual(40);
    const page = await listObservations(vetalViewer, filtersOf());
    expect(page.total).toBe(everything.length);
    expect(page.rows).toHaveLength(FINDINGS_PER_PAGE);
    expect(page.pageCount).toBe(Math.ceil(everything.length / FINDINGS_PER_PAGE));
    const created = page.rows.map((row) => row.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it("gives each row what the columns show", async () => {
    const { rows } = await listObservations(vetalViewer, filtersOf({ q: "Dual custody of strong-room keys" }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      title: "Dual custody of strong-room keys not maintained",
      unitCode: "KOTH-014",
      unitName: "Kothrud Branch",
      auditArea: "CASH",
      severity: "HIGH",
      status: "ISSUED",
      authorName: "Rohan Deshpande",
      repeatOccurrence: 1,
    });
    expect(rows[0]!.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows[0]!.number).toBeGreaterThan(0);
  });
});

describe("filters", () => {
  it.each(STATUSES)("by status %s", async (status) => {
    const expected = await expectedIds(vetal.id, `o.status = $2::"ObservationStatus"`, [status]);
    expect(expected.length).toBeGreaterThan(0);
    const { rows, total } = await allRows(vetalViewer, { status });
    expect(total).toBe(expected.length);
    expect(idsOf(rows)).toEqual(expected);
  });

  it.each(SEVERITIES)("by severity %s", async (severity) => {
    const expected = await expectedIds(vetal.id, `o.severity = $2::"Severity"`, [severity]);
    const { rows } = await allRows(vetalViewer, { severity });
    expect(idsOf(rows)).toEqual(expected);
    expect(rows.every((row) => row.severity === severity)).toBe(true);
  });

  it("by branch or department", async () => {
    const kothrud = await unitId(vetal.id, "KOTH-014");
    const credit = await unitId(vetal.id, "CRD");
    for (const unit of [kothrud, credit]) {
      const expected = await expectedIds(vetal.id, "o.org_unit_id = $2", [unit]);
      expect(expected.length).toBeGreaterThan(0);
      expect(idsOf((await allRows(vetalViewer, { unit })).rows)).toEqual(expected);
    }
  });

  it("by audit area and by risk category", async () => {
    expect(idsOf((await allRows(vetalViewer, { area: "KYC_AML" })).rows)).toEqual(await expectedIds(vetal.id, "o.audit_area = 'KYC_AML'"));
    expect(idsOf((await allRows(vetalViewer, { risk: "IT_CYBER" })).rows)).toEqual(await expectedIds(vetal.id, "o.risk_category = 'IT_CYBER'"));
  });

  it("by engagement", async () => {
    const { rows: engagements } = await owner.query<{ id: string }>(
      "SELECT e.id FROM engagement e WHERE e.tenant_id = $1 AND EXISTS (SELECT 1 FROM observation o WHERE o.tenant_id = e.tenant_id AND o.engagement_id = e.id)",
      [vetal.id],
    );
    expect(engagements.length).toBeGreaterThan(1);
    for (const { id } of engagements) {
      expect(idsOf((await allRows(vetalViewer, { engagement: id })).rows)).toEqual(await expectedIds(vetal.id, "o.engagement_id = $2", [id]));
    }
  });

  it("combines filters: severity and branch", async () => {
    const kothrud = await unitId(vetal.id, "KOTH-014");
    const expected = await expectedIds(vetal.id, `o.severity = 'HIGH' AND o.org_unit_id = $2`, [kothrud]);
    expect(expected.length).toBeGreaterThan(0);
    expect(idsOf((await allRows(vetalViewer, { severity: "HIGH", unit: kothrud })).rows)).toEqual(expected);
  });

  it("shows only overdue findings: due before today in IST and not closed", async () => {
    const expected = await expectedIds(vetal.id, `o.due_date < $2::date AND o.status <> 'CLOSED'`, [istToday()]);
    expect(expected.length).toBeGreaterThan(0);
    const { rows } = await allRows(vetalViewer, { overdue: "1" });
    expect(idsOf(rows)).toEqual(expected);
    expect(rows.some((row) => row.status === "CLOSED")).toBe(false);
  });
});

describe("search", () => {
  it("finds words in the title, whatever their case", async () => {
    const { rows } = await allRows(vetalViewer, { q: "INSURANCE LIMIT" });
    expect(rows.map((row) => row.title).sort()).toEqual([
      "Cash in safe exceeded insurance limit on 3 days",
      "Cash in safe exceeded insurance limit on 5 days",
      "Cash in safe exceeded insurance limit on 7 days",
    ]);
  });

  it("finds words that appear only in the condition", async () => {
    const expected = await expectedIds(vetal.id, "o.condition ILIKE '%warje%' AND o.title NOT ILIKE '%warje%'");
    expect(expected).toHaveLength(1);
    expect(idsOf((await allRows(vetalViewer, { q: "warje" })).rows)).toEqual(expected);
  });

  it("takes LIKE's wildcards literally", async () => {
    const percent = await expectedIds(vetal.id, "strpos(o.title, '%') > 0 OR strpos(o.condition, '%') > 0");
    expect(percent.length).toBeGreaterThan(0);
    expect(idsOf((await allRows(vetalViewer, { q: "%" })).rows)).toEqual(percent);
    expect((await listObservations(vetalViewer, filtersOf({ q: "_" }))).total).toBe(0);
    expect((await listObservations(vetalViewer, filtersOf({ q: "\\" }))).total).toBe(0);
  });

  it("combines with the other filters", async () => {
    const { rows } = await allRows(vetalViewer, { q: "insurance limit", status: "CLOSED" });
    expect(rows.map((row) => row.title).sort()).toEqual([
      "Cash in safe exceeded insurance limit on 3 days",
      "Cash in safe exceeded insurance limit on 5 days",
    ]);
  });

  it("treats SQL in the search as words", async () => {
    const page = await listObservations(vetalViewer, filtersOf({ q: "'; DROP TABLE observation; --" }));
    expect(page.total).toBe(0);
    expect(await expectedIds(vetal.id)).not.toHaveLength(0);
  });
});

describe("sorting", () => {
  const SEVERITY_RANK = { LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3 } as const;

  it("by severity, critical first", async () => {
    const { rows } = await allRows(vetalViewer, { sort: "severity" });
    const ranks = rows.map((row) => SEVERITY_RANK[row.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(rows[0]!.severity).toBe("CRITICAL");
  });

  it("by due date, soonest first, undated last", async () => {
    const { rows } = await allRows(vetalViewer, { sort: "due" });
    const dated = rows.filter((row) => row.dueDate !== null).map((row) => row.dueDate!);
    expect(dated).toEqual([...dated].sort());
    const firstUndated = rows.findIndex((row) => row.dueDate === null);
    expect(rows.slice(firstUndated).every((row) => row.dueDate === null)).toBe(true);
  });

  it("oldest first, and by reference number", async () => {
    const oldest = (await allRows(vetalViewer, { sort: "oldest" })).rows.map((row) => row.createdAt.getTime());
    expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
    const numbers = (await allRows(vetalViewer, { sort: "number" })).rows.map((row) => row.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });
});

describe("paging", () => {
  it("pages without gaps or overlaps, in every sort", async () => {
    const everything = await expectedIds(vetal.id);
    for (const sort of ["newest", "oldest", "due", "severity", "number"] as const) {
      const { rows } = await allRows(vetalViewer, { sort });
      expect(rows).toHaveLength(everything.length);
      expect(idsOf(rows)).toEqual(everything);
    }
  });

  it("ends at the last finding and shows the last page for a page beyond the end", async () => {
    const total = (await expectedIds(vetal.id)).length;
    const pageCount = Math.ceil(total / FINDINGS_PER_PAGE);
    const last = await listObservations(vetalViewer, filtersOf({ page: pageCount }));
    expect(last.rows).toHaveLength(total - (pageCount - 1) * FINDINGS_PER_PAGE);
    const beyond = await listObservations(vetalViewer, filtersOf({ page: 999 }));
    expect(beyond.page).toBe(pageCount);
    expect(beyond.filters.page).toBe(pageCount);
    expect(idsOf(beyond.rows)).toEqual(idsOf(last.rows));
  });

  it("has one empty page when nothing matches", async () => {
    const page = await listObservations(vetalViewer, filtersOf({ q: "no finding says this", page: 3 }));
    expect(page).toMatchObject({ rows: [], total: 0, page: 1, pageCount: 1 });
  });
});

describe("another bank's findings", () => {
  it("are never listed", async () => {
    const { rows, total } = await allRows(sahyadriViewer);
    const expected = await expectedIds(sahyadri.id);
    expect(total).toBe(expected.length);
    expect(idsOf(rows)).toEqual(expected);
    const vetalIds = new Set(await expectedIds(vetal.id));
    expect(rows.some((row) => vetalIds.has(row.id))).toBe(false);
  });

  it("are not found by searching for them", async () => {
    // Only Vetal Hill has a Kothrud branch and its cash-limit lapses.
    expect((await listObservations(sahyadriViewer, filtersOf({ q: "insurance limit on 7 days" }))).total).toBe(0);
  });

  it("cannot be reached through another bank's branch or engagement: the filter is dropped", async () => {
    const kothrud = await unitId(vetal.id, "KOTH-014");
    const { rows: vetalEngagements } = await owner.query<{ id: string }>("SELECT id FROM engagement WHERE tenant_id = $1 LIMIT 1", [vetal.id]);
    const page = await listObservations(sahyadriViewer, filtersOf({ unit: kothrud, engagement: vetalEngagements[0]!.id }));
    expect(page.ignored.sort()).toEqual(["engagement", "unit"]);
    expect(page.filters.unit).toBeUndefined();
    expect(page.total).toBe((await expectedIds(sahyadri.id)).length);
  });

  it("offer only the bank's own branches, departments and engagements as choices", async () => {
    const { choices } = await listObservations(sahyadriViewer, filtersOf());
    const { rows: units } = await owner.query<{ id: string }>(
      "SELECT id FROM org_unit WHERE tenant_id = $1 AND kind IN ('BRANCH', 'DEPARTMENT')",
      [sahyadri.id],
    );
    expect(choices.units.map((unit) => unit.id).sort()).toEqual(units.map((unit) => unit.id).sort());
    const { rows: engagements } = await owner.query<{ id: string }>("SELECT id FROM engagement WHERE tenant_id = $1", [sahyadri.id]);
    expect(choices.engagements.map((engagement) => engagement.id).sort()).toEqual(engagements.map((row) => row.id).sort());
  });
});

describe("addresses that do not parse", () => {
  it("lose only the bad filters, never the page", async () => {
    const { filters, ignored } = parseObservationFilters(
      new URLSearchParams({
        status: "OPEN",
        severity: "high",
        page: "-2",
        sort: "random",
        unit: "not-a-uuid",
        engagement: "123",
        overdue: "maybe",
        area: "kyc_aml",
        q: "x".repeat(101),
      }),
    );
    expect(ignored.sort()).toEqual(["engagement", "overdue", "page", "q", "sort", "status", "unit"]);
    expect(filters).toEqual({ severity: "HIGH", area: "KYC_AML", overdue: false, sort: "newest", page: 1 });
    const page = await listObservations(vetalViewer, filters);
    expect(page.total).toBe((await expectedIds(vetal.id, `o.severity = 'HIGH' AND o.audit_area = 'KYC_AML'`)).length);
  });

  it("treat empty values (the form's 'Any') as no filter, and the first of repeated ones as the value", () => {
    const { filters, ignored } = parseObservationFilters(new URLSearchParams("q=&status=&severity=LOW&severity=HIGH&page=2"));
    expect(ignored).toEqual([]);
    expect(filters).toEqual({ severity: "LOW", overdue: false, sort: "newest", page: 2 });
  });
});

describe("overdue is judged on the IST calendar", () => {
  it("starts at midnight IST after the due date, not midnight UTC", async () => {
    // A finding due on 10 Feb 2026, still open.
    const { rows } = await owner.query<{ id: string }>(
      `SELECT id FROM observation WHERE tenant_id = $1 AND status = 'ISSUED' ORDER BY number LIMIT 1`,
      [vetal.id],
    );
    const probe = rows[0]!.id;
    const { rows: due } = await owner.query<{ due: string }>(
      "SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM observation WHERE tenant_id = $1 AND id = $2",
      [vetal.id, probe],
    );
    const dueDate = due[0]!.due;
    // 18:29:59 UTC on the due date is 23:59:59 IST the same day: not yet overdue.
    const lastMinute = new Date(`${dueDate}T18:29:59.999Z`);
    // 18:30 UTC is midnight IST: the next day, and overdue, although UTC is still on the due date.
    const midnightIst = new Date(`${dueDate}T18:30:00.000Z`);
    const before = await allRows(vetalViewer, { overdue: "1" }, lastMinute);
    const after = await allRows(vetalViewer, { overdue: "1" }, midnightIst);
    expect(before.rows.some((row) => row.id === probe)).toBe(false);
    expect(after.rows.some((row) => row.id === probe)).toBe(true);
    expect((await listObservations(vetalViewer, filtersOf(), { now: midnightIst })).today).toBe(
      new Date(Date.parse(`${dueDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
    );
  });
});

describe("queries", () => {
  it("are bounded: the same few statements whatever the filters, page or rows returned", async () => {
    const kothrud = await unitId(vetal.id, "KOTH-014");
    const views: Partial<Record<keyof ObservationFilters, unknown>>[] = [
      {},
      { status: "ISSUED" },
      { severity: "HIGH", unit: kothrud },
      { q: "kyc" },
      { overdue: "1", sort: "due" },
      { page: 2 },
      { sort: "severity", page: 999 },
    ];
    for (const view of views) {
      const { result, statements, transactionControl } = await recordQueries(() => listObservations(vetalViewer, filtersOf(view)));
      expect(result.rows.length).toBeGreaterThan(0);
      // The bank binding, branches/departments, engagements, the count, the page.
      expect(statements, JSON.stringify(view)).toHaveLength(5);
      expect(transactionControl.map((text) => text.trim().toUpperCase())).toEqual(["BEGIN", "COMMIT"]);
    }
  });

  it("skip the page when nothing matches", async () => {
    const { statements } = await recordQueries(() => listObservations(vetalViewer, filtersOf({ q: "no finding says this" })));
    expect(statements).toHaveLength(4);
  });
});

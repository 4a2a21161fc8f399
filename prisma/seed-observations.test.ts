/**
 * The demo findings: seeded twice without duplicates, and consistent with
 * the lifecycle a user of the app would see (who took each step, due
 * dates, closures, repeat chains).
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { istToday } from "~/domain/format";
import { STATUSES, closingAuthorityFor, escalatedSeverity } from "~/domain/lifecycle";
import { financialYearOf } from "~/domain/observation";
import { prismaClient } from "../scripts/lib/prisma";
import { DEMO_BANKS, seedDemo } from "./seed";

const owner = new pg.Pool({ connectionString: process.env.OWNER_DATABASE_URL });
const prisma = prismaClient(process.env.OWNER_DATABASE_URL!);

beforeAll(() => seedDemo(prisma));
afterAll(async () => {
  await Promise.all([owner.end(), prisma.$disconnect()]);
});

async function countsPerBank() {
  const { rows } = await owner.query<{ tenant_id: string; observations: number; events: number; engagements: number; auditors: number }>(`
    SELECT t.id AS tenant_id,
           (SELECT count(*)::int FROM observation o WHERE o.tenant_id = t.id) AS observations,
           (SELECT count(*)::int FROM observation_event e WHERE e.tenant_id = t.id) AS events,
           (SELECT count(*)::int FROM engagement g WHERE g.tenant_id = t.id) AS engagements,
           (SELECT count(*)::int FROM engagement_auditor a WHERE a.tenant_id = t.id) AS auditors
      FROM tenant t ORDER BY t.id`);
  return rows;
}

const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await owner.query<T>(sql, params)).rows;

describe("seeding the demo findings", () => {
  it("twice changes nothing", async () => {
    const first = await countsPerBank();
    await seedDemo(prisma);
    expect(await countsPerBank()).toEqual(first);
  });

  it("gives each bank findings in all seven states", async () => {
    for (const [bank, atLeast] of [
      [DEMO_BANKS[0]!, 40],
      [DEMO_BANKS[1]!, 15],
    ] as const) {
      const rows = await query<{ status: string }>("SELECT DISTINCT status::text FROM observation WHERE tenant_id = $1", [bank.id]);
      expect(rows.map((row) => row.status).sort()).toEqual([...STATUSES].sort());
      const [{ count }] = (await query<{ count: number }>("SELECT count(*)::int AS count FROM observation WHERE tenant_id = $1", [bank.id])) as [
        { count: number },
      ];
      expect(count).toBeGreaterThanOrEqual(atLeast);
    }
  });

  it("numbers each bank's findings 1, 2, 3, … in the order they were drafted", async () => {
    for (const bank of DEMO_BANKS) {
      const rows = await query<{ number: number }>("SELECT number FROM observation WHERE tenant_id = $1 ORDER BY created_at, number", [bank.id]);
      expect(rows.map((row) => row.number)).toEqual(rows.map((_, index) => index + 1));
    }
  });

  it("has due dates exactly on the findings that were issued, some of them overdue", async () => {
    const wrong = await query(`
      SELECT number FROM observation
       WHERE (status IN ('DRAFT', 'SUBMITTED', 'REVIEWED') AND (due_date IS NOT NULL OR issued_at IS NOT NULL))
          OR (status IN ('ISSUED', 'RESPONSE', 'COMPLIANCE') AND (due_date IS NULL OR issued_at IS NULL))
          OR (status = 'CLOSED' AND NOT closed_during_fieldwork AND due_date IS NULL)`);
    expect(wrong).toEqual([]);
    for (const bank of DEMO_BANKS) {
      const overdue = await query("SELECT id FROM observation WHERE tenant_id = $1 AND due_date < $2::date AND status <> 'CLOSED'", [bank.id, istToday()]);
      const notYet = await query("SELECT id FROM observation WHERE tenant_id = $1 AND due_date >= $2::date AND status <> 'CLOSED'", [bank.id, istToday()]);
      expect(overdue.length).toBeGreaterThan(0);
      expect(notYet.length).toBeGreaterThan(0);
    }
  });

  it("records every step in the timeline, in order, ending in the finding's state", async () => {
    const rows = await query<{ number: number; status: string; version: number; events: number; last_status: string; first_kind: string; ordered: boolean; updated_matches: boolean }>(`
      SELECT o.number, o.status::text, o.version,
             (SELECT count(*)::int FROM observation_event e WHERE e.tenant_id = o.tenant_id AND e.observation_id = o.id) AS events,
             (SELECT e.to_status::text FROM observation_event e WHERE e.tenant_id = o.tenant_id AND e.observation_id = o.id AND e.to_status IS NOT NULL ORDER BY e.at DESC LIMIT 1) AS last_status,
             (SELECT e.kind FROM observation_event e WHERE e.tenant_id = o.tenant_id AND e.observation_id = o.id ORDER BY e.at LIMIT 1) AS first_kind,
             (SELECT min(e.at) = o.created_at AND max(e.at) = o.updated_at FROM observation_event e WHERE e.tenant_id = o.tenant_id AND e.observation_id = o.id) AS updated_matches,
             (SELECT max(e.at) < now() FROM observation_event e WHERE e.tenant_id = o.tenant_id AND e.observation_id = o.id) AS ordered
        FROM observation o`);
    for (const row of rows) {
      expect(row.first_kind, `#${row.number}`).toBe("created");
      expect(row.last_status, `#${row.number}`).toBe(row.status);
      expect(row.version, `#${row.number}`).toBe(row.events);
      expect(row.updated_matches, `#${row.number}`).toBe(true);
      expect(row.ordered, `#${row.number}`).toBe(true);
    }
  });

  it("has each step taken by someone entitled to take it", async () => {
    const steps = await query<{ number: number; action: string; severity: string; roles: string[]; is_author: boolean; assigned: boolean }>(`
      SELECT o.number, e.details->>'action' AS action, o.severity::text AS severity,
             array(SELECT r.role::text FROM user_role r WHERE r.tenant_id = e.tenant_id AND r.user_id = e.actor_id) AS roles,
             e.actor_id = o.author_id AS is_author,
             EXISTS (SELECT 1 FROM user_org_unit m WHERE m.tenant_id = e.tenant_id AND m.user_id = e.actor_id AND m.org_unit_id = o.org_unit_id) AS assigned
        FROM observation_event e JOIN observation o ON o.tenant_id = e.tenant_id AND o.id = e.observation_id
       WHERE e.kind = 'transition'`);
    expect(steps.length).toBeGreaterThan(100);
    for (const step of steps) {
      const where = `#${step.number} ${step.action}`;
      if (step.action === "submit") expect(step.is_author && step.roles.includes("AUDITOR"), where).toBe(true);
      if (["approve-review", "issue", "return-to-draft", "close-during-fieldwork"].includes(step.action)) {
        expect(step.roles.includes("AUDIT_MANAGER") && !step.is_author, where).toBe(true);
      }
      if (step.action === "respond") expect(step.roles.includes("AUDITEE") && step.assigned, where).toBe(true);
      if (step.action === "close") expect(step.roles, where).toContain(closingAuthorityFor(step.severity as "LOW"));
    }
    // HIGH and CRITICAL findings closed by the Chief Audit Executive: the demo has some.
    expect(steps.some((step) => step.action === "close" && ["HIGH", "CRITICAL"].includes(step.severity))).toBe(true);
  });

  it("keeps the rationale of findings resolved during fieldwork", async () => {
    const rows = await query<{ rationale: string | null; comment: string | null; from_status: string }>(`
      SELECT o.closure_rationale AS rationale, e.comment, e.from_status::text AS from_status
        FROM observation o JOIN observation_event e ON e.tenant_id = o.tenant_id AND e.observation_id = o.id AND e.to_status = 'CLOSED'
       WHERE o.closed_during_fieldwork`);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.rationale).toMatch(/^Resolved during fieldwork/);
      expect(row.comment).toBe(row.rationale);
      expect(["DRAFT", "SUBMITTED"]).toContain(row.from_status);
    }
  });

  it("has repeat chains that escalate: 2nd occurrence one level up, 3rd CRITICAL", async () => {
    const repeats = await query<{ title: string; occurrence: number; assessed: string; severity: string; earlier_occurrence: number; same_place: boolean; confirmed: number }>(`
      SELECT o.title, o.repeat_occurrence AS occurrence, o.assessed_severity::text AS assessed, o.severity::text AS severity,
             p.repeat_occurrence AS earlier_occurrence,
             (p.org_unit_id = o.org_unit_id AND p.audit_area = o.audit_area AND p.risk_category = o.risk_category AND p.created_at < o.created_at) AS same_place,
             (SELECT count(*)::int FROM observation_event e WHERE e.tenant_id = o.tenant_id AND e.observation_id = o.id AND e.kind = 'repeat-confirmed') AS confirmed
        FROM observation o JOIN observation p ON p.tenant_id = o.tenant_id AND p.id = o.repeat_of_id`);
    expect(repeats.length).toBeGreaterThanOrEqual(3);
    for (const repeat of repeats) {
      expect(repeat.occurrence, repeat.title).toBe(repeat.earlier_occurrence + 1);
      expect(repeat.severity, repeat.title).toBe(escalatedSeverity(repeat.assessed as "LOW", repeat.occurrence));
      expect(repeat.same_place, repeat.title).toBe(true);
      expect(repeat.confirmed, repeat.title).toBe(1);
    }
    const third = repeats.find((repeat) => repeat.occurrence === 3);
    expect(third).toMatchObject({ title: "Cash in safe exceeded insurance limit on 7 days", severity: "CRITICAL" });
  });

  it("plans engagements for this and last financial year, with auditors assigned", async () => {
    const today = new Date(`${istToday()}T00:00:00Z`);
    const thisYear = financialYearOf(today);
    const lastYear = financialYearOf(new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), 1)));
    for (const bank of DEMO_BANKS) {
      const engagements = await query<{ plan_year: string; auditors: string[] }>(
        `SELECT e.plan_year,
                array(SELECT r.role::text FROM engagement_auditor a JOIN user_role r ON r.tenant_id = a.tenant_id AND r.user_id = a.user_id
                       WHERE a.tenant_id = e.tenant_id AND a.engagement_id = e.id) AS auditors
           FROM engagement e WHERE e.tenant_id = $1`,
        [bank.id],
      );
      const years = new Set(engagements.map((engagement) => engagement.plan_year));
      expect(years.has(thisYear) && years.has(lastYear), `${bank.name}: ${[...years].join(", ")}`).toBe(true);
      for (const engagement of engagements) {
        expect(engagement.auditors.length).toBeGreaterThan(0);
        expect(engagement.auditors.every((role) => role === "AUDITOR")).toBe(true);
      }
    }
  });
});

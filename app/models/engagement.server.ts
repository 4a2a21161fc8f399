import { toCalendarDate } from "~/domain/calendar-date";
import { RecordNotFoundError, RuleError, StaleRecordError } from "~/domain/errors";
import type { AuditType, EngagementStatus } from "~/domain/observation";
import type { Actor } from "~/utils/actor.server";
import { type Tx, withTenant } from "~/utils/db.server";

/**
 * The bank's annual audit plan: engagements (one audit of one branch or
 * department in a financial year), each with its assigned auditors.
 * Engagements are not deleted: observations refer to them for years.
 */

export const ENGAGEMENTS_PER_PAGE = 100;
/** The most branches, departments or auditors offered in one list of choices. */
const MAX_CHOICES = 1000;
/** What an engagement (and an observation) is about: a branch or a head-office department. */
export const AUDITABLE_UNIT_KINDS = ["BRANCH", "DEPARTMENT"] as const;

export type EngagementField = "orgUnitId" | "auditorIds";

export interface EngagementChange {
  title: string;
  planYear: string;
  orgUnitId: string;
  auditType: AuditType;
  periodStart: string;
  periodEnd: string;
  status: EngagementStatus;
  auditorIds: string[];
}

/** Plan years that have engagements, newest first. */
export async function planYearsOf(actor: Actor) {
  const rows = await withTenant(actor, (tx) =>
    tx.engagement.findMany({
      where: { tenantId: actor.tenantId },
      distinct: ["planYear"],
      orderBy: { planYear: "desc" },
      select: { planYear: true },
    }),
  );
  return rows.map((row) => row.planYear);
}

/** One page of a plan year's engagements, by the start of their period. */
export async function listEngagements(actor: Actor, { planYear, page }: { planYear: string; page: number }) {
  const { tenantId } = actor;
  return withTenant(actor, async (tx) => {
    const where = { tenantId, planYear };
    const total = await tx.engagement.count({ where });
    const engagements = await tx.engagement.findMany({
      where,
      orderBy: [{ periodStart: "asc" }, { title: "asc" }, { id: "asc" }],
      skip: (page - 1) * ENGAGEMENTS_PER_PAGE,
      take: ENGAGEMENTS_PER_PAGE,
      select: {
        id: true,
        title: true,
        auditType: true,
        periodStart: true,
        periodEnd: true,
        status: true,
        orgUnit: { select: { code: true, name: true } },
        auditors: { select: { user: { select: { name: true } } }, orderBy: { userId: "asc" } },
      },
    });
    return {
      engagements: engagements.map(({ auditors, ...engagement }) => ({
        ...engagement,
        auditors: auditors.map((row) => row.user.name).sort((a, b) => a.localeCompare(b)),
      })),
      total,
      page,
      pageCount: Math.max(1, Math.ceil(total / ENGAGEMENTS_PER_PAGE)),
    };
  });
}

/**
 * The choices of the engagement form: active branches and departments, and
 * active people holding the AUDITOR role. A unit or auditor the engagement
 * already has stays offered even if since deactivated, so saving the form
 * does not silently drop it.
 */
export async function engagementChoices(actor: Actor, current?: { orgUnitId: string; auditorIds: readonly string[] }) {
  const { tenantId } = actor;
  return withTenant(actor, async (tx) => {
    const units = await tx.orgUnit.findMany({
      where: {
        tenantId,
        OR: [{ active: true, kind: { in: [...AUDITABLE_UNIT_KINDS] } }, ...(current ? [{ id: current.orgUnitId }] : [])],
      },
      orderBy: [{ kind: "asc" }, { code: "asc" }],
      take: MAX_CHOICES,
      select: { id: true, kind: true, code: true, name: true, active: true },
    });
    const auditors = await tx.user.findMany({
      where: {
        tenantId,
        OR: [
          { status: "ACTIVE", roles: { some: { role: "AUDITOR" } } },
          ...(current?.auditorIds.length ? [{ id: { in: [...current.auditorIds] } }] : []),
        ],
      },
      orderBy: [{ name: "asc" }, { email: "asc" }],
      take: MAX_CHOICES,
      select: { id: true, name: true, email: true, status: true },
    });
    return { units, auditors };
  });
}

/** Refuses a unit or auditors the form could not have offered (another bank's, inactive, not auditors). */
async function checkChoices(tx: Tx, tenantId: string, input: EngagementChange, current?: { orgUnitId: string; auditorIds: readonly string[] }) {
  if (input.orgUnitId !== current?.orgUnitId) {
    const unit = await tx.orgUnit.findFirst({
      where: { tenantId, id: input.orgUnitId, active: true, kind: { in: [...AUDITABLE_UNIT_KINDS] } },
      select: { id: true },
    });
    if (!unit) throw new RuleError<EngagementField>("Choose an active branch or department from the list.", "orgUnitId");
  }
  const kept = new Set(current?.auditorIds ?? []);
  const fresh = [...new Set(input.auditorIds)].filter((id) => !kept.has(id));
  if (fresh.length > 0) {
    const found = await tx.user.count({
      where: { tenantId, id: { in: fresh }, status: "ACTIVE", roles: { some: { role: "AUDITOR" } } },
    });
    if (found !== fresh.length) {
      throw new RuleError<EngagementField>("Someone you chose is not an active auditor of this bank. Check the list and try again.", "auditorIds");
    }
  }
}

function engagementData(input: EngagementChange) {
  return {
    title: input.title.trim(),
    planYear: input.planYear,
    orgUnitId: input.orgUnitId,
    auditType: input.auditType,
    periodStart: toCalendarDate(input.periodStart),
    periodEnd: toCalendarDate(input.periodEnd),
    status: input.status,
  };
}

/** Adds an engagement to the plan, with its auditors. */
export async function createEngagement(actor: Actor, input: EngagementChange) {
  const { tenantId } = actor;
  if (input.periodEnd < input.periodStart) throw new RuleError("The period cannot end before it starts.", "periodEnd");
  return withTenant({ ...actor, action: "engagement.create" }, async (tx) => {
    await checkChoices(tx, tenantId, input);
    const created = await tx.engagement.create({
      data: { tenantId, ...engagementData(input) },
      select: { id: true, title: true, planYear: true },
    });
    const auditorIds = [...new Set(input.auditorIds)];
    if (auditorIds.length > 0) {
      await tx.engagementAuditor.createMany({ data: auditorIds.map((userId) => ({ tenantId, engagementId: created.id, userId })) });
    }
    return created;
  });
}

const detailSelect = {
  id: true,
  title: true,
  planYear: true,
  auditType: true,
  periodStart: true,
  periodEnd: true,
  status: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  orgUnit: { select: { id: true, code: true, name: true, active: true } },
  auditors: { select: { user: { select: { id: true, name: true, email: true } } }, orderBy: { userId: "asc" as const } },
  _count: { select: { observations: true } },
};

/** One engagement with what its page shows, or null when this bank has no such engagement. */
export async function engagementDetail(actor: Actor, id: string) {
  const { tenantId } = actor;
  const engagement = await withTenant(actor, (tx) => tx.engagement.findFirst({ where: { tenantId, id }, select: detailSelect }));
  if (!engagement) return null;
  const { auditors, _count, ...rest } = engagement;
  return {
    ...rest,
    observationCount: _count.observations,
    auditors: auditors.map((row) => row.user).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export type EngagementSnapshot = { version: number };

/**
 * Saves an engagement if nobody changed it since the form was opened
 * (optimistic `version`), replacing its auditors with those chosen; else a
 * StaleRecordError carries the version it is at now.
 */
export async function updateEngagement(actor: Actor, id: string, input: EngagementChange & { version: number }) {
  const { tenantId } = actor;
  if (input.periodEnd < input.periodStart) throw new RuleError("The period cannot end before it starts.", "periodEnd");
  return withTenant({ ...actor, action: "engagement.update" }, async (tx) => {
    const current = await tx.engagement.findFirst({
      where: { tenantId, id },
      select: { version: true, orgUnitId: true, auditors: { select: { userId: true } } },
    });
    if (!current) throw new RecordNotFoundError("engagement");
    if (current.version !== input.version) throw new StaleRecordError<EngagementSnapshot>({ version: current.version });
    const assigned = current.auditors.map((row) => row.userId);
    await checkChoices(tx, tenantId, input, { orgUnitId: current.orgUnitId, auditorIds: assigned });

    const { count } = await tx.engagement.updateMany({
      where: { tenantId, id, version: input.version },
      data: { ...engagementData(input), version: { increment: 1 } },
    });
    if (count === 0) {
      const now = await tx.engagement.findFirst({ where: { tenantId, id }, select: { version: true } });
      if (!now) throw new RecordNotFoundError("engagement");
      throw new StaleRecordError<EngagementSnapshot>(now);
    }

    const wanted = new Set(input.auditorIds);
    const removed = assigned.filter((userId) => !wanted.has(userId));
    const added = [...wanted].filter((userId) => !assigned.includes(userId));
    if (removed.length > 0) {
      await tx.engagementAuditor.deleteMany({ where: { tenantId, engagementId: id, userId: { in: removed } } });
    }
    if (added.length > 0) {
      await tx.engagementAuditor.createMany({ data: added.map((userId) => ({ tenantId, engagementId: id, userId })) });
    }
  });
}

/**
 * Engagements an observation can be filed under: the plan year's, plus the
 * one it is already filed under (which may be of another year).
 */
export function engagementsForYear(tx: Tx, tenantId: string, planYear: string, includeId?: string | null) {
  return tx.engagement.findMany({
    where: { tenantId, OR: [{ planYear }, ...(includeId ? [{ id: includeId }] : [])] },
    orderBy: [{ periodStart: "asc" }, { title: "asc" }],
    take: MAX_CHOICES,
    select: { id: true, title: true, planYear: true, orgUnitId: true, orgUnit: { select: { code: true, name: true } } },
  });
}

import { calendarDateString, currentFinancialYear, toCalendarDate } from "~/domain/calendar-date";
import { RecordNotFoundError, RuleError, StaleRecordError } from "~/domain/errors";
import { NOT_EDITABLE_MESSAGE } from "~/forms/observation";
import {
  type LifecycleAction,
  type ObservationStatus,
  REFUSAL_MESSAGES,
  RULES,
  type Refusal,
  type Severity,
  escalatedSeverity,
  transition,
} from "~/domain/lifecycle";
import type { AuditArea, RiskCategory } from "~/domain/observation";
import type { Role } from "~/domain/permissions";
import { Prisma } from "~/generated/prisma/client";
import { AUDITABLE_UNIT_KINDS, engagementsForYear } from "~/models/engagement.server";
import type { Actor } from "~/utils/actor.server";
import { type Tx, withTenant } from "~/utils/db.server";

/**
 * Observations (findings): drafting and editing them, their lifecycle steps
 * (app/domain/lifecycle.ts decides every step; this file only applies what it
 * allows), their timeline, and repeat findings. Nothing here deletes; the
 * timeline is only ever added to, and the database refuses anything else.
 */


/** Who takes a lifecycle step: the audit trail's actor, with what the lifecycle decides on. */
export interface ObservationActor extends Actor {
  roles: readonly Role[];
  /** Branches/departments an auditee answers for. */
  orgUnitIds: readonly string[];
}

/** The lifecycle refused the step; `refusal` says why, in REFUSAL_MESSAGES' words. */
export class StepRefusedError extends Error {
  override name = "StepRefusedError";
  constructor(readonly refusal: Refusal) {
    super(REFUSAL_MESSAGES[refusal]);
  }
}

/** The observation may not be edited by this person now (not its author, or no longer a draft). */
export class NotEditableError extends Error {
  override name = "NotEditableError";
  constructor() {
    super(NOT_EDITABLE_MESSAGE);
  }
}

export type ObservationField = "orgUnitId" | "engagementId";

export interface DraftContent {
  title: string;
  condition: string;
  criteria: string;
  cause: string;
  effect: string;
  recommendation: string;
  assessedSeverity: Severity;
  orgUnitId: string;
  auditArea: AuditArea;
  riskCategory: RiskCategory;
  rbiReferences?: string;
  tags: string[];
  engagementId?: string;
  /** YYYY-MM-DD */
  proposedDueDate?: string;
}

function contentData(input: DraftContent) {
  return {
    title: input.title.trim(),
    condition: input.condition.trim(),
    criteria: input.criteria.trim(),
    cause: input.cause.trim(),
    effect: input.effect.trim(),
    recommendation: input.recommendation.trim(),
    assessedSeverity: input.assessedSeverity,
    orgUnitId: input.orgUnitId,
    auditArea: input.auditArea,
    riskCategory: input.riskCategory,
    rbiReferences: input.rbiReferences?.trim() ?? "",
    tags: input.tags,
    engagementId: input.engagementId ?? null,
    proposedDueDate: input.proposedDueDate ? toCalendarDate(input.proposedDueDate) : null,
  };
}

/**
 * Refuses a branch/department or engagement the form could not have
 * offered. What the observation already refers to stays acceptable even if
 * since deactivated.
 */
async function checkReferences(tx: Tx, tenantId: string, input: DraftContent, current?: { orgUnitId: string; engagementId: string | null }) {
  if (input.orgUnitId !== current?.orgUnitId) {
    const unit = await tx.orgUnit.findFirst({
      where: { tenantId, id: input.orgUnitId, active: true, kind: { in: [...AUDITABLE_UNIT_KINDS] } },
      select: { id: true },
    });
    if (!unit) throw new RuleError<ObservationField>("Choose an active branch or department from the list.", "orgUnitId");
  }
  if (input.engagementId && input.engagementId !== current?.engagementId) {
    const engagement = await tx.engagement.findFirst({ where: { tenantId, id: input.engagementId }, select: { id: true } });
    if (!engagement) throw new RuleError<ObservationField>("Choose an engagement from the list.", "engagementId");
  }
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Attempts at taking the bank's next running number before giving up. */
const NUMBERING_ATTEMPTS = 8;

/**
 * Records a new draft by its author. Its number is the bank's next running
 * number (max + 1, taken inside the transaction); two auditors saving at the
 * same moment collide on the (tenant, number) key, and the loser simply
 * tries again with the next number.
 */
export async function createDraft(actor: Actor, input: DraftContent) {
  const { tenantId } = actor;
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTenant({ ...actor, action: "observation.create" }, async (tx) => {
        await checkReferences(tx, tenantId, input);
        const { _max } = await tx.observation.aggregate({ where: { tenantId }, _max: { number: true } });
        const created = await tx.observation.create({
          data: {
            tenantId,
            number: (_max.number ?? 0) + 1,
            ...contentData(input),
            severity: input.assessedSeverity,
            authorId: actor.actorId,
          },
          select: { id: true, number: true },
        });
        await tx.observationEvent.create({
          data: { tenantId, observationId: created.id, actorId: actor.actorId, kind: "created", toStatus: "DRAFT" },
        });
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error) && attempt < NUMBERING_ATTEMPTS) continue;
      throw error;
    }
  }
}

const EDITABLE_FIELDS = [
  "title",
  "condition",
  "criteria",
  "cause",
  "effect",
  "recommendation",
  "assessedSeverity",
  "orgUnitId",
  "auditArea",
  "riskCategory",
  "rbiReferences",
  "tags",
  "engagementId",
  "proposedDueDate",
] as const;

function sameValue(a: unknown, b: unknown) {
  if (a instanceof Date || b instanceof Date) return (a as Date | null)?.getTime() === (b as Date | null)?.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((value, i) => value === b[i]);
  return a === b;
}

export type ObservationSnapshot = { version: number };

/**
 * Saves the author's changes to a draft if nobody changed it since the form
 * was opened (optimistic `version`); a StaleRecordError carries the version
 * it is at now. A confirmed repeat's severity is escalated again from the
 * new assessment. Records which fields changed in the timeline.
 */
export async function updateDraft(actor: Actor, id: string, input: DraftContent & { version: number }) {
  const { tenantId } = actor;
  return withTenant({ ...actor, action: "observation.edit" }, async (tx) => {
    const current = await tx.observation.findFirst({
      where: { tenantId, id },
      select: {
        status: true,
        authorId: true,
        version: true,
        severity: true,
        repeatOccurrence: true,
        title: true,
        condition: true,
        criteria: true,
        cause: true,
        effect: true,
        recommendation: true,
        assessedSeverity: true,
        orgUnitId: true,
        auditArea: true,
        riskCategory: true,
        rbiReferences: true,
        tags: true,
        engagementId: true,
        proposedDueDate: true,
      },
    });
    if (!current) throw new RecordNotFoundError("observation");
    if (current.authorId !== actor.actorId || current.status !== "DRAFT") throw new NotEditableError();
    if (current.version !== input.version) throw new StaleRecordError<ObservationSnapshot>({ version: current.version });
    await checkReferences(tx, tenantId, input, current);

    const data = contentData(input);
    const changed = EDITABLE_FIELDS.filter((field) => !sameValue(current[field], data[field]));
    if (changed.length === 0) return { changed };
    const severity = escalatedSeverity(input.assessedSeverity, current.repeatOccurrence);

    const { count } = await tx.observation.updateMany({
      where: { tenantId, id, version: input.version, status: "DRAFT" },
      data: { ...data, severity, version: { increment: 1 } },
    });
    if (count === 0) {
      const now = await tx.observation.findFirst({ where: { tenantId, id }, select: { version: true } });
      if (!now) throw new RecordNotFoundError("observation");
      throw new StaleRecordError<ObservationSnapshot>(now);
    }
    await tx.observationEvent.create({
      data: {
        tenantId,
        observationId: id,
        actorId: actor.actorId,
        kind: "edited",
        details: {
          changed,
          ...(severity !== current.severity ? { severity: { from: current.severity, to: severity } } : {}),
        },
      },
    });
    return { changed };
  });
}

export interface StepInput {
  id: string;
  version: number;
  action: LifecycleAction;
  comment?: string | null;
  /** YYYY-MM-DD; the due date the auditee must meet (when issuing). */
  dueDate?: string | null;
}

/**
 * Takes one lifecycle step if the lifecycle allows it for this actor now:
 * the new status (and what comes with it: due date on issue, closure
 * details) and its timeline entry are written in one transaction, under the
 * audit action "observation.<step>". A form opened at an older version is
 * refused (StaleRecordError) and nothing is written; so is the loser of two
 * simultaneous steps, since the update only matches the version read.
 */
export async function applyStep(actor: ObservationActor, input: StepInput) {
  const { tenantId } = actor;
  return withTenant({ ...actor, action: `observation.${input.action}` }, async (tx) => {
    const observation = await tx.observation.findFirst({
      where: { tenantId, id: input.id },
      select: { id: true, number: true, status: true, severity: true, authorId: true, orgUnitId: true, version: true },
    });
    if (!observation) throw new RecordNotFoundError("observation");
    if (observation.version !== input.version) throw new StaleRecordError<ObservationSnapshot>({ version: observation.version });

    const comment = input.comment?.trim() || null;
    const dueDate = input.dueDate ? toCalendarDate(input.dueDate) : null;
    const result = transition(
      observation,
      { id: actor.actorId, roles: actor.roles, orgUnitIds: actor.orgUnitIds },
      input.action,
      { comment, dueDate },
    );
    if (!result.ok) throw new StepRefusedError(result.refusal);

    const rule = RULES[input.action];
    const now = new Date();
    const { count } = await tx.observation.updateMany({
      where: { tenantId, id: input.id, version: input.version },
      data: {
        status: result.to,
        version: { increment: 1 },
        ...(rule.needsDueDate ? { dueDate, issuedAt: now } : {}),
        ...(result.to === "CLOSED" ? { closedAt: now } : {}),
        // "Resolved during fieldwork" and its rationale are kept forever (DOMAIN.md).
        ...(result.closedDuringFieldwork ? { closedDuringFieldwork: true, closureRationale: comment } : {}),
      },
    });
    if (count === 0) {
      const current = await tx.observation.findFirst({ where: { tenantId, id: input.id }, select: { version: true } });
      throw new StaleRecordError<ObservationSnapshot>({ version: current?.version ?? input.version });
    }
    await tx.observationEvent.create({
      data: {
        tenantId,
        observationId: input.id,
        actorId: actor.actorId,
        kind: "transition",
        fromStatus: result.from,
        toStatus: result.to,
        comment,
        details: { action: input.action, ...(dueDate ? { dueDate: calendarDateString(dueDate) } : {}) },
      },
    });
    return { number: observation.number, from: result.from, to: result.to };
  });
}

export interface RepeatCandidate {
  id: string;
  number: number;
  title: string;
  status: ObservationStatus;
  severity: Severity;
  repeatOccurrence: number;
  createdAt: Date;
  /** The better of the title's and the condition's trigram similarity, 0–1. */
  similarity: number;
}

interface RepeatSubject {
  id: string;
  number: number;
  orgUnitId: string;
  auditArea: string;
  riskCategory: string;
  title: string;
  condition: string;
}

/**
 * Earlier findings of the same bank at the same branch, audit area and risk
 * category whose title or condition is similar (pg_trgm), best first, top
 * five. Left out: the observation itself, its own repeats, anything its
 * author already dismissed for it (see dismissRepeat), and findings that a later one already
 * repeats: the chain is continued from its latest link, so the escalation
 * counts every occurrence.
 */
function findRepeatCandidates(tx: Tx, tenantId: string, subject: RepeatSubject, onlyId?: string) {
  return tx.$queryRaw<RepeatCandidate[]>`
    SELECT c.id, c.number, c.title, c.status::text AS status, c.severity::text AS severity,
           c.repeat_occurrence AS "repeatOccurrence", c.created_at AS "createdAt",
           round(greatest(similarity(c.title, ${subject.title}), similarity(c.condition, ${subject.condition}))::numeric, 2)::float8 AS similarity
      FROM observation c
     WHERE c.tenant_id = ${tenantId}::uuid
       AND c.org_unit_id = ${subject.orgUnitId}::uuid
       AND c.audit_area = ${subject.auditArea}
       AND c.risk_category = ${subject.riskCategory}
       AND c.id <> ${subject.id}::uuid
       AND c.number < ${subject.number}
       AND c.repeat_of_id IS DISTINCT FROM ${subject.id}::uuid
       AND NOT EXISTS (SELECT 1 FROM observation_event e
                        WHERE e.tenant_id = ${tenantId}::uuid AND e.observation_id = ${subject.id}::uuid
                          AND e.kind = 'repeat-dismissed' AND e.details->>'candidate' = c.id::text)
       AND NOT EXISTS (SELECT 1 FROM repeat_dismissal d
                        WHERE d.tenant_id = ${tenantId}::uuid AND d.observation_id = ${subject.id}::uuid AND d.candidate_id = c.id)
       AND NOT EXISTS (SELECT 1 FROM observation later
                        WHERE later.tenant_id = ${tenantId}::uuid AND later.repeat_of_id = c.id AND later.id <> ${subject.id}::uuid)
       AND (similarity(c.title, ${subject.title}) > 0.3 OR similarity(c.condition, ${subject.condition}) > 0.3)
       ${onlyId ? Prisma.sql`AND c.id = ${onlyId}::uuid` : Prisma.empty}
     ORDER BY similarity DESC, c.number DESC
     LIMIT 5`;
}

/** Repeat suggestions for a draft that is not yet linked to an earlier finding. */
export async function repeatSuggestions(actor: Actor, id: string) {
  const { tenantId } = actor;
  return withTenant(actor, async (tx) => {
    const subject = await tx.observation.findFirst({
      where: { tenantId, id },
      select: { ...repeatSubjectSelect, status: true, repeatOfId: true },
    });
    if (!subject) throw new RecordNotFoundError("observation");
    return subject.status === "DRAFT" && !subject.repeatOfId ? findRepeatCandidates(tx, tenantId, subject) : [];
  });
}

const repeatSubjectSelect = {
  id: true,
  number: true,
  orgUnitId: true,
  auditArea: true,
  riskCategory: true,
  title: true,
  condition: true,
} as const;

/** Loads a draft its author is deciding repeats for, refusing anyone else or any other state. */
async function draftForRepeatDecision(tx: Tx, actor: Actor, id: string) {
  const observation = await tx.observation.findFirst({
    where: { tenantId: actor.tenantId, id },
    select: { ...repeatSubjectSelect, status: true, authorId: true, version: true, assessedSeverity: true, severity: true, repeatOfId: true },
  });
  if (!observation) throw new RecordNotFoundError("observation");
  if (observation.authorId !== actor.actorId || observation.status !== "DRAFT") throw new NotEditableError();
  return observation;
}

const NO_LONGER_OFFERED = "That finding is no longer offered as a possible repeat. Reload the page to see the current suggestions.";

/**
 * The author confirms that the draft repeats an earlier finding: it links to
 * it, counts one occurrence more than it, and its severity escalates from
 * the author's assessment (2nd occurrence +1 level, 3rd and later CRITICAL).
 */
export async function confirmRepeat(actor: Actor, input: { id: string; version: number; candidateId: string }) {
  const { tenantId } = actor;
  return withTenant({ ...actor, action: "observation.repeat-confirm" }, async (tx) => {
    const observation = await draftForRepeatDecision(tx, actor, input.id);
    if (observation.version !== input.version) throw new StaleRecordError<ObservationSnapshot>({ version: observation.version });
    if (observation.repeatOfId) throw new RuleError("This observation is already confirmed as a repeat.");
    const [candidate] = await findRepeatCandidates(tx, tenantId, observation, input.candidateId);
    if (!candidate) throw new RuleError(NO_LONGER_OFFERED);

    const occurrence = candidate.repeatOccurrence + 1;
    const severity = escalatedSeverity(observation.assessedSeverity, occurrence);
    const { count } = await tx.observation.updateMany({
      where: { tenantId, id: input.id, version: input.version },
      data: { repeatOfId: candidate.id, repeatOccurrence: occurrence, severity, version: { increment: 1 } },
    });
    if (count === 0) throw new StaleRecordError<ObservationSnapshot>({ version: input.version + 1 });
    await tx.observationEvent.create({
      data: {
        tenantId,
        observationId: input.id,
        actorId: actor.actorId,
        kind: "repeat-confirmed",
        details: { repeatOf: candidate.id, repeatOfNumber: candidate.number, occurrence, from: observation.severity, to: severity },
      },
    });
    return { number: observation.number, repeatOfNumber: candidate.number, occurrence, from: observation.severity, to: severity };
  });
}

/**
 * The author says the draft does not repeat that finding; it is never
 * suggested for this draft again. Idempotent.
 *
 * The decision is kept twice, both append-only: a repeat_dismissal row
 * (what the suggestions leave out) and the timeline entry
 * "repeat-dismissed" (who, when, which finding) the page shows.
 */
export async function dismissRepeat(actor: Actor, input: { id: string; candidateId: string }) {
  const { tenantId } = actor;
  return withTenant({ ...actor, action: "observation.repeat-dismiss" }, async (tx) => {
    const observation = await draftForRepeatDecision(tx, actor, input.id);
    const candidate = await tx.observation.findFirst({
      where: { tenantId, id: input.candidateId, NOT: { id: input.id } },
      select: { id: true, number: true },
    });
    if (!candidate) throw new RuleError(NO_LONGER_OFFERED);
    const already = await tx.observationEvent.findFirst({
      where: { tenantId, observationId: input.id, kind: "repeat-dismissed", details: { path: ["candidate"], equals: candidate.id } },
      select: { id: true },
    });
    if (!already) {
      await tx.repeatDismissal.create({
        data: { tenantId, observationId: input.id, candidateId: candidate.id, dismissedById: actor.actorId },
      });
      await tx.observationEvent.create({
        data: {
          tenantId,
          observationId: input.id,
          actorId: actor.actorId,
          kind: "repeat-dismissed",
          details: { candidate: candidate.id, candidateNumber: candidate.number },
        },
      });
    }
    return { number: observation.number, candidateNumber: candidate.number };
  });
}

/** Whether this bank has the finding: a cheap check before reading a form. */
export async function observationExists(actor: Actor, id: string) {
  const { tenantId } = actor;
  return withTenant(actor, async (tx) => Boolean(await tx.observation.findFirst({ where: { tenantId, id }, select: { id: true } })));
}

/**
 * Everything the detail page shows, in a fixed number of queries whatever
 * the timeline's length: the observation with its unit, engagement, author
 * and repeat links; the timeline with each actor's name; and, for a draft
 * not yet linked, the repeat suggestions. Null when this bank has no such
 * observation.
 */
export async function getObservation(actor: Actor, id: string) {
  const { tenantId } = actor;
  return withTenant(actor, async (tx) => {
    const observation = await tx.observation.findFirst({
      where: { tenantId, id },
      select: {
        id: true,
        number: true,
        title: true,
        condition: true,
        criteria: true,
        cause: true,
        effect: true,
        recommendation: true,
        assessedSeverity: true,
        severity: true,
        status: true,
        orgUnitId: true,
        auditArea: true,
        riskCategory: true,
        rbiReferences: true,
        tags: true,
        engagementId: true,
        proposedDueDate: true,
        dueDate: true,
        authorId: true,
        repeatOfId: true,
        repeatOccurrence: true,
        closedDuringFieldwork: true,
        closureRationale: true,
        issuedAt: true,
        closedAt: true,
        version: true,
        createdAt: true,
        updatedAt: true,
        orgUnit: { select: { id: true, kind: true, code: true, name: true } },
        engagement: { select: { id: true, title: true, planYear: true } },
        author: { select: { id: true, name: true } },
        repeatOf: { select: { id: true, number: true, title: true } },
        repeats: { select: { id: true, number: true }, orderBy: { number: "asc" } },
      },
    });
    if (!observation) return null;
    const timeline = await tx.observationEvent.findMany({
      where: { tenantId, observationId: id },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: {
        id: true,
        at: true,
        kind: true,
        fromStatus: true,
        toStatus: true,
        comment: true,
        details: true,
        actor: { select: { id: true, name: true } },
      },
    });
    const suggestions =
      observation.status === "DRAFT" && !observation.repeatOfId ? await findRepeatCandidates(tx, tenantId, observation) : [];
    return { observation, timeline, suggestions };
  });
}

export type ObservationDetail = NonNullable<Awaited<ReturnType<typeof getObservation>>>;

/**
 * The choices of the observation form: active branches and departments, and
 * the engagements of the current plan year (IST financial year). What the
 * observation already refers to stays offered.
 */
export async function observationFormChoices(
  actor: Actor,
  current?: { orgUnitId?: string | null; engagementId?: string | null },
  now = new Date(),
) {
  const { tenantId } = actor;
  const planYear = currentFinancialYear(now);
  return withTenant(actor, async (tx) => {
    const units = await tx.orgUnit.findMany({
      where: {
        tenantId,
        OR: [{ active: true, kind: { in: [...AUDITABLE_UNIT_KINDS] } }, ...(current?.orgUnitId ? [{ id: current.orgUnitId }] : [])],
      },
      orderBy: [{ kind: "asc" }, { code: "asc" }],
      take: 1000,
      select: { id: true, kind: true, code: true, name: true },
    });
    const engagements = await engagementsForYear(tx, tenantId, planYear, current?.engagementId);
    return { planYear, units, engagements };
  });
}

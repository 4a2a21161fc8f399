/**
 * The auditee's side of an observation: the portal's list, and responses.
 * A submitted response is immutable (the database refuses UPDATE and
 * DELETE), timestamped, in the timeline and the audit trail, and moves the
 * observation ISSUED → RESPONSE.
 */
import { transition, REFUSAL_MESSAGES } from "~/domain/lifecycle";
import type { SessionUser } from "~/models/session.server";
import { AUDITEE_VISIBLE_STATUSES, evidenceOf, observationVisibleTo } from "~/models/evidence.server";
import { RESPONSE_KIND_LABELS, type ResponseKind } from "~/domain/auditee-response";
import { responsesOf } from "~/models/observation-evidence.server";
import { type ActorContext, withTenant } from "~/utils/db.server";

// One vocabulary for pages and server alike.
export { RESPONSE_KINDS, RESPONSE_KIND_LABELS, type ResponseKind } from "~/domain/auditee-response";

const PAGE_SIZE = 25;

/** The auditee's observations: their branches/departments, from ISSUED on. */
export async function portalObservations(user: SessionUser, page = 1, today = new Date()) {
  return withTenant({ tenantId: user.tenantId }, async (tx) => {
    const where = {
      tenantId: user.tenantId,
      orgUnitId: { in: user.orgUnitIds },
      status: { in: [...AUDITEE_VISIBLE_STATUSES] },
    };
    const startOfToday = istStartOfDay(today);
    const [rows, total, overdue] = await Promise.all([
      tx.observation.findMany({
        where,
        orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { number: "asc" }],
        skip: (Math.max(1, page) - 1) * PAGE_SIZE,
        take: PAGE_SIZE,
        select: {
          id: true,
          number: true,
          title: true,
          severity: true,
          status: true,
          dueDate: true,
          orgUnit: { select: { name: true } },
        },
      }),
      tx.observation.count({ where }),
      tx.observation.count({ where: { ...where, status: "ISSUED", dueDate: { lt: startOfToday } } }),
    ]);
    return { rows, total, overdue, pageSize: PAGE_SIZE };
  });
}

/** Midnight in India (UTC+05:30) of the day `now` falls on, as a UTC instant. */
export function istStartOfDay(now: Date) {
  const ist = new Date(now.getTime() + 330 * 60 * 1000);
  return new Date(Date.UTC(ist.getUTCFullYear(), ist.getUTCMonth(), ist.getUTCDate()));
}

/** One observation for the portal: the five Cs, responses, evidence. */
export async function portalObservation(user: SessionUser, observationId: string) {
  return withTenant({ tenantId: user.tenantId }, async (tx) => {
    await observationVisibleTo(tx, user, observationId);
    const [observation, responses, evidence] = await Promise.all([
      tx.observation.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: user.tenantId, id: observationId } },
        select: {
          id: true,
          number: true,
          title: true,
          condition: true,
          criteria: true,
          cause: true,
          effect: true,
          recommendation: true,
          severity: true,
          status: true,
          dueDate: true,
          version: true,
          orgUnitId: true,
          authorId: true,
          orgUnit: { select: { name: true } },
        },
      }),
      responsesOf(tx, user.tenantId, observationId),
      evidenceOf(tx, user.tenantId, observationId),
    ]);
    return { observation, responses, evidence };
  });
}

export interface ResponseInput {
  kind: ResponseKind;
  body: string;
  proposedDueDate?: Date;
  evidenceIds: string[];
  version: number;
}

export type ResponseOutcome = { ok: true; responseId: string } | { ok: false; status: 400 | 409; message: string };

export async function submitResponse(user: SessionUser, observationId: string, input: ResponseInput, context: ActorContext): Promise<ResponseOutcome> {
  return withTenant(
    { ...context, tenantId: user.tenantId, actorId: user.id, actorEmail: user.email, sessionId: user.sessionId, action: "observation.respond" },
    async (tx) => {
      const observation = await observationVisibleTo(tx, user, observationId);
      const step = transition(observation, { id: user.id, roles: user.roles, orgUnitIds: user.orgUnitIds }, "respond");
      if (!step.ok) return { ok: false, status: 400, message: REFUSAL_MESSAGES[step.refusal] };
      if (input.kind === "COMPLIANCE_ACTION" && input.evidenceIds.length === 0) {
        return { ok: false, status: 400, message: "A compliance action needs at least one evidence file. Upload it first, then tick it." };
      }
      // Only evidence of this observation, not yet relied on by a response.
      const evidence = await tx.evidence.findMany({
        where: { tenantId: user.tenantId, observationId, id: { in: input.evidenceIds } },
        select: { id: true },
      });
      if (evidence.length !== new Set(input.evidenceIds).size) {
        return { ok: false, status: 400, message: "Some of the chosen evidence does not belong to this observation." };
      }
      // Optimistic: only the version the auditee saw may move on.
      const moved = await tx.observation.updateMany({
        where: { tenantId: user.tenantId, id: observationId, version: input.version, status: "ISSUED" },
        data: { status: step.to, version: { increment: 1 } },
      });
      if (moved.count === 0) {
        return { ok: false, status: 409, message: "This observation was changed by someone else since you opened it. Please review it and respond again." };
      }
      const response = await tx.observationResponse.create({
        data: {
          tenantId: user.tenantId,
          observationId,
          kind: input.kind,
          body: input.body,
          proposedDueDate: input.kind === "EXTENSION_REQUEST" ? input.proposedDueDate : null,
          submittedById: user.id,
        },
        select: { id: true },
      });
      if (evidence.length > 0) {
        await tx.responseEvidence.createMany({
          data: evidence.map((row) => ({ tenantId: user.tenantId, responseId: response.id, evidenceId: row.id })),
        });
      }
      await tx.observationEvent.create({
        data: {
          tenantId: user.tenantId,
          observationId,
          actorId: user.id,
          kind: "transition",
          fromStatus: step.from,
          toStatus: step.to,
          comment: `${RESPONSE_KIND_LABELS[input.kind]}: ${input.body}`.slice(0, 2000),
          details: { responseId: response.id, kind: input.kind, evidenceIds: evidence.map((row) => row.id) },
        },
      });
      return { ok: true, responseId: response.id };
    },
  );
}

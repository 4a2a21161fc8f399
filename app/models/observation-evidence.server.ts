/**
 * An observation's responses and evidence, as the shared components
 * (app/components/response-history.tsx, evidence-list.tsx) show them: for
 * the staff detail page, which loads them beside its own data. Two queries
 * whatever the number of files or responses (plus the visibility check).
 */
import type { SessionUser } from "~/models/session.server";
import { evidenceOf, observationVisibleTo } from "~/models/evidence.server";
import { type Tx, withTenant } from "~/utils/db.server";

/** Responses to an observation, oldest first, with who sent them and the evidence each relies on. */
export function responsesOf(tx: Tx, tenantId: string, observationId: string) {
  return tx.observationResponse.findMany({
    where: { tenantId, observationId },
    orderBy: { submittedAt: "asc" },
    select: {
      id: true,
      kind: true,
      body: true,
      proposedDueDate: true,
      submittedAt: true,
      submittedBy: { select: { name: true } },
      evidence: { select: { evidenceId: true } },
    },
  });
}

/**
 * Responses and evidence of an observation this user may see (404 otherwise:
 * another bank's, or for an auditee another branch's or one not yet issued).
 * Inside a caller's own transaction use `responsesOf` and `evidenceOf`.
 */
export async function responsesAndEvidence(user: SessionUser, observationId: string) {
  return withTenant({ tenantId: user.tenantId }, async (tx) => {
    await observationVisibleTo(tx, user, observationId);
    const responses = await responsesOf(tx, user.tenantId, observationId);
    const evidence = await evidenceOf(tx, user.tenantId, observationId);
    return { responses, evidence };
  });
}

export type ObservationResponses = Awaited<ReturnType<typeof responsesOf>>;
export type ObservationEvidence = Awaited<ReturnType<typeof evidenceOf>>;

/**
 * Demo responses and evidence for the seeded findings: every "respond" step
 * in a finding's timeline (prisma/seed-observations.ts) becomes a submitted
 * response, and each compliance action gets a real evidence file (from
 * e2e/evidence-files: a PDF, photo, workbook…) stored in the object store
 * under the production key layout. Idempotent: a bank that already has
 * responses is skipped.
 */
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../app/generated/prisma/client.ts";
import { RESPONSE_KINDS } from "../app/domain/auditee-response.ts";
import { DEMO_BANKS } from "./seed.ts";

export interface EvidenceStore {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
}

const FILES = [
  { file: "kyc-register.pdf", contentType: "application/pdf", ext: "pdf" },
  { file: "vault-photo.jpg", contentType: "image/jpeg", ext: "jpg" },
  { file: "cash-verification.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx" },
  { file: "board-minutes.docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ext: "docx" },
  { file: "signed-certificate.png", contentType: "image/png", ext: "png" },
  { file: "unicode-नाम.pdf", contentType: "application/pdf", ext: "pdf" },
] as const;
const filesDir = path.resolve(import.meta.dirname, "../e2e/evidence-files");

export async function seedResponsesAndEvidence(prisma: PrismaClient, store: EvidenceStore) {
  let files = 0;
  for (const bank of DEMO_BANKS) {
    const tenantId = bank.id;
    // Objects first (the bucket allows no deletes, and a rerun skips the bank
    // once its rows exist); then all rows in one transaction.
    const plan = await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
      if ((await tx.observationResponse.count({ where: { tenantId } })) > 0) return null;
      return tx.observationEvent.findMany({
        where: { tenantId, kind: "transition", toStatus: "RESPONSE" },
        orderBy: { at: "asc" },
        select: { observationId: true, actorId: true, at: true, comment: true, details: true, observation: { select: { dueDate: true } } },
      });
    });
    if (!plan) continue;

    type Planned = {
      step: (typeof plan)[number];
      kind: (typeof RESPONSE_KINDS)[number];
      evidence: { id: string; storageKey: string; filename: string; contentType: string; sizeBytes: number; sha256: string } | null;
    };
    const rows: Planned[] = [];
    for (const [index, step] of plan.entries()) {
      const details = (step.details ?? {}) as { kind?: string };
      const kind = RESPONSE_KINDS.find((value) => value === details.kind) ?? "COMPLIANCE_ACTION";
      let evidence: Planned["evidence"] = null;
      if (kind === "COMPLIANCE_ACTION") {
        const chosen = FILES[index % FILES.length]!;
        const bytes = readFileSync(path.join(filesDir, chosen.file));
        const key = `${tenantId}/evidence/${step.observationId}/${randomUUID()}.${chosen.ext}`;
        await store.put(key, bytes, chosen.contentType);
        files += 1;
        evidence = {
          id: randomUUID(),
          storageKey: key,
          filename: chosen.file,
          contentType: chosen.contentType,
          sizeBytes: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
        };
      }
      rows.push({ step, kind, evidence });
    }

    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.tenant_id', ${tenantId}, true), set_config('app.action', 'demo.seed', true)`;
      for (const { step, kind, evidence } of rows) {
        const uploadedAt = new Date(step.at.getTime() - 60 * 60 * 1000);
        if (evidence) {
          await tx.evidence.create({
            data: { tenantId, observationId: step.observationId, uploadedById: step.actorId, uploadedAt, ...evidence },
          });
          await tx.observationEvent.create({
            data: {
              tenantId,
              observationId: step.observationId,
              actorId: step.actorId,
              at: uploadedAt,
              kind: "evidence-uploaded",
              details: { evidenceId: evidence.id, filename: evidence.filename, sha256: evidence.sha256, sizeBytes: evidence.sizeBytes, supersedesId: null },
            },
          });
        }
        const proposed = kind === "EXTENSION_REQUEST" && step.observation.dueDate ? new Date(step.observation.dueDate.getTime() + 30 * 86_400_000) : null;
        const response = await tx.observationResponse.create({
          data: {
            tenantId,
            observationId: step.observationId,
            kind,
            body: step.comment ?? "Response recorded.",
            proposedDueDate: proposed,
            submittedById: step.actorId,
            submittedAt: step.at,
          },
          select: { id: true },
        });
        if (evidence) {
          await tx.responseEvidence.create({ data: { tenantId, responseId: response.id, evidenceId: evidence.id } });
        }
      }
    });
  }
  return { files };
}

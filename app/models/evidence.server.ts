/**
 * Evidence: files an auditee uploads to support a response. The bytes stream
 * to S3 (app/utils/evidence-storage.server.ts); the row is written only once
 * S3 has confirmed the object. Rows and objects are never changed or
 * deleted: a wrong file is superseded by a new upload, and both stay visible.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { SessionUser } from "~/models/session.server";
import { type ActorContext, type Tx, withTenant } from "~/utils/db.server";
import { EvidenceRefused } from "~/utils/evidence-inspector.server";
import { type StoredEvidence, streamEvidenceToStore } from "~/utils/evidence-storage.server";
import { evidenceBucket, s3 } from "~/utils/s3.server";
import { can } from "~/domain/permissions";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Auditees see an observation from the moment it is issued to them. */
export const AUDITEE_VISIBLE_STATUSES = ["ISSUED", "RESPONSE", "COMPLIANCE", "CLOSED"] as const;
/** Text fields sent alongside a file are small; anything larger is refused. */
const MAX_FIELD_BYTES = 4 * 1024;

export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/**
 * The observation as far as this user may see it, or a 404: staff with
 * `observation:view` see every observation of their bank; auditees only
 * their own branches' and departments', from ISSUED on.
 */
export async function observationVisibleTo(tx: Tx, user: SessionUser, observationId: string) {
  if (!UUID.test(observationId)) notFound();
  const observation = await tx.observation.findUnique({
    where: { tenantId_id: { tenantId: user.tenantId, id: observationId } },
    select: { id: true, tenantId: true, status: true, orgUnitId: true, version: true, severity: true, authorId: true },
  });
  if (!observation) notFound();
  if (can(user.roles, "observation:view")) return observation;
  const auditeeMaySee =
    user.roles.includes("AUDITEE") &&
    user.orgUnitIds.includes(observation.orgUnitId) &&
    (AUDITEE_VISIBLE_STATUSES as readonly string[]).includes(observation.status);
  if (!auditeeMaySee) notFound();
  return observation;
}

export type UploadOutcome =
  | { ok: true; evidence: { id: string; filename: string; sha256: string; sizeBytes: number }[] }
  | { ok: false; status: 400 | 409 | 413 | 415; message: string };

function tenantContext(user: SessionUser, context: ActorContext, action: string) {
  return { ...context, tenantId: user.tenantId, actorId: user.id, actorEmail: user.email, sessionId: user.sessionId, action };
}

/**
 * Receives a multipart upload (field `file`, one or more; optional field
 * `supersedes` placed before the files) for an observation the auditee is
 * answering. Every file is checked while it streams; a refused file stores
 * nothing and writes no row.
 */
export async function receiveEvidence(user: SessionUser, observationId: string, request: Request, context: ActorContext): Promise<UploadOutcome> {
  // Check before reading a byte of the body that this user may add evidence.
  const observation = await withTenant({ tenantId: user.tenantId }, (tx) => observationVisibleTo(tx, user, observationId));
  if (!user.roles.includes("AUDITEE") || !user.orgUnitIds.includes(observation.orgUnitId)) {
    throw new Response("Only an auditee of this branch or department can add evidence.", { status: 403 });
  }
  if (observation.status !== "ISSUED") {
    return { ok: false, status: 409, message: "Evidence can be added only while the observation awaits your response." };
  }

  const stored: StoredEvidence[] = [];
  const fields = new Map<string, string>();
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename !== undefined) {
      if (name !== "file" || filename === "") {
        // An empty file input sends a part with no name and no bytes.
        for await (const _ of data) {
          // drain
        }
        return null;
      }
      const file = await streamEvidenceToStore({ tenantId: user.tenantId, observationId, filename, data });
      stored.push(file);
      return file.key;
    }
    let text = "";
    for await (const chunk of data) {
      text += Buffer.from(chunk).toString("utf8");
      if (text.length > MAX_FIELD_BYTES) throw new EvidenceRefused(413, "A form field was too long.");
    }
    fields.set(name, text);
    return text;
  };

  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof EvidenceRefused) {
      // Files stored before the refused one were fine; keep and record them.
      if (stored.length === 0) return { ok: false, status: error.status, message: error.message };
      const evidence = await recordEvidence(user, observationId, stored, fields.get("supersedes"), context);
      return {
        ok: false,
        status: error.status,
        message: `${evidence.map((row) => row.filename).join(", ")} uploaded; the next file was refused: ${error.message}`,
      };
    }
    throw error;
  }
  if (stored.length === 0) return { ok: false, status: 400, message: "Choose a file to upload." };
  const evidence = await recordEvidence(user, observationId, stored, fields.get("supersedes"), context);
  return { ok: true, evidence };
}

async function recordEvidence(user: SessionUser, observationId: string, files: StoredEvidence[], supersedes: string | undefined, context: ActorContext) {
  return withTenant(tenantContext(user, context, "evidence.upload"), async (tx) => {
    let supersedesId: string | null = null;
    if (supersedes && UUID.test(supersedes)) {
      const earlier = await tx.evidence.findFirst({ where: { tenantId: user.tenantId, id: supersedes, observationId }, select: { id: true } });
      supersedesId = earlier?.id ?? null;
    }
    const rows = [];
    for (const file of files) {
      const row = await tx.evidence.create({
        data: {
          tenantId: user.tenantId,
          observationId,
          storageKey: file.key,
          filename: file.filename,
          contentType: file.contentType,
          sizeBytes: file.size,
          sha256: file.sha256,
          uploadedById: user.id,
          supersedesId,
        },
        select: { id: true, filename: true, sha256: true, sizeBytes: true },
      });
      await tx.observationEvent.create({
        data: {
          tenantId: user.tenantId,
          observationId,
          actorId: user.id,
          kind: "evidence-uploaded",
          details: { evidenceId: row.id, filename: row.filename, sha256: row.sha256, sizeBytes: row.sizeBytes, supersedesId },
        },
      });
      rows.push(row);
    }
    return rows;
  });
}

/** Evidence of an observation the user may see, oldest first. */
export function evidenceOf(tx: Tx, tenantId: string, observationId: string) {
  return tx.evidence.findMany({
    where: { tenantId, observationId },
    orderBy: { uploadedAt: "asc" },
    select: {
      id: true,
      filename: true,
      contentType: true,
      sizeBytes: true,
      sha256: true,
      uploadedAt: true,
      supersedesId: true,
      uploadedBy: { select: { name: true } },
      responses: { select: { responseId: true } },
    },
  });
}

/** The evidence row if this user may see it; a 404 otherwise. */
export async function evidenceVisibleTo(user: SessionUser, evidenceId: string) {
  if (!UUID.test(evidenceId)) notFound();
  return withTenant({ tenantId: user.tenantId }, async (tx) => {
    const row = await tx.evidence.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: evidenceId } },
      select: { id: true, observationId: true, storageKey: true, filename: true, contentType: true, sizeBytes: true, sha256: true },
    });
    if (!row) notFound();
    await observationVisibleTo(tx, user, row.observationId);
    return row;
  });
}

/**
 * A download, streamed from S3 through the app: attachment, the stored type,
 * nosniff. The bytes are never buffered whole.
 */
export async function downloadEvidence(user: SessionUser, evidenceId: string) {
  const row = await evidenceVisibleTo(user, evidenceId);
  const object = await s3().send(new GetObjectCommand({ Bucket: evidenceBucket(), Key: row.storageKey }));
  const body = object.Body as Readable;
  const asciiName = row.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(Readable.toWeb(body) as ReadableStream, {
    headers: {
      "Content-Type": row.contentType,
      "Content-Length": String(row.sizeBytes),
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

/** Re-reads the stored bytes and compares their SHA-256 with the record. */
export async function recheckEvidence(user: SessionUser, evidenceId: string, context: ActorContext) {
  const row = await evidenceVisibleTo(user, evidenceId);
  const object = await s3().send(new GetObjectCommand({ Bucket: evidenceBucket(), Key: row.storageKey }));
  const hash = createHash("sha256");
  for await (const chunk of object.Body as Readable) hash.update(chunk);
  const actual = hash.digest("hex");
  const unchanged = actual === row.sha256;
  await withTenant(tenantContext(user, context, "evidence.verify"), (tx) =>
    tx.observationEvent.create({
      data: {
        tenantId: user.tenantId,
        observationId: row.observationId,
        actorId: user.id,
        kind: "evidence-verified",
        details: { evidenceId: row.id, filename: row.filename, unchanged, expected: row.sha256, actual },
      },
    }),
  );
  return { unchanged, expected: row.sha256, actual, filename: row.filename, observationId: row.observationId };
}

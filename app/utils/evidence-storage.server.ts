/**
 * Streams one evidence file from the request straight into S3 with
 * @aws-sdk/lib-storage: never whole in memory (at most one 5 MB part is
 * buffered) and never on local disk. The inspector checks type, size and
 * SHA-256 on the way; if it refuses, the upload is aborted and nothing is
 * stored. There is no delete anywhere: evidence is never removed.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { AbortMultipartUploadCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { env } from "~/utils/env.server";
import { EVIDENCE_TYPES, EvidenceInspector, type EvidenceKind, MAX_EVIDENCE_BYTES, sanitiseEvidenceName } from "~/utils/evidence-inspector.server";
import { evidenceBucket, s3 } from "~/utils/s3.server";

export interface StoredEvidence {
  key: string;
  kind: EvidenceKind;
  contentType: string;
  size: number;
  sha256: string;
  filename: string;
}

/** `{tenantId}/evidence/{observationId}/{uuid}.{ext}`: never the user's file name. */
export function evidenceKey(tenantId: string, observationId: string, kind: EvidenceKind) {
  return `${tenantId}/evidence/${observationId}/${randomUUID()}.${EVIDENCE_TYPES[kind].extension}`;
}

async function abortMultipart(upload: Upload) {
  await upload.abort().catch(() => undefined);
  // The upload may still be waiting for S3 to hand out its id.
  const creating = (upload as unknown as { createMultiPartPromise?: Promise<unknown> }).createMultiPartPromise;
  await creating?.catch(() => undefined);
  if (!upload.uploadId) return;
  const { Bucket, Key } = (upload as unknown as { params: { Bucket: string; Key: string } }).params;
  await s3()
    .send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: upload.uploadId }))
    .catch((abortError: unknown) => {
      console.error(JSON.stringify({ level: "error", msg: "evidence multipart abort failed", key: Key, error: String(abortError) }));
    });
}

export async function streamEvidenceToStore(input: {
  tenantId: string;
  observationId: string;
  filename: string | undefined;
  data: AsyncIterable<Uint8Array>;
  maxBytes?: number;
}): Promise<StoredEvidence> {
  const filename = sanitiseEvidenceName(input.filename);
  const inspector = new EvidenceInspector(input.maxBytes ?? MAX_EVIDENCE_BYTES, filename);
  const source = Readable.from(input.data);
  let upload: Upload | undefined;
  let key: string | undefined;

  const started = new Promise<Upload>((resolve, reject) => {
    inspector.once("kind", (kind: EvidenceKind) => {
      const config = env();
      key = evidenceKey(input.tenantId, input.observationId, kind);
      upload = new Upload({
        client: s3(),
        params: {
          Bucket: evidenceBucket(),
          Key: key,
          Body: inspector,
          ContentType: EVIDENCE_TYPES[kind].contentType,
          ServerSideEncryption: config.S3_SSE,
          SSEKMSKeyId: config.S3_SSE === "aws:kms" ? config.S3_KMS_KEY_ID : undefined,
          // Object metadata must be ASCII: the name is kept percent-encoded.
          Metadata: { "original-filename": encodeURIComponent(filename) },
        },
        // One part in flight: bounded memory per upload on a small server.
        queueSize: 1,
        partSize: 5 * 1024 * 1024,
        leavePartsOnError: false,
      });
      resolve(upload);
    });
    inspector.once("error", reject);
  });

  source.on("error", (error) => inspector.destroy(error));
  source.pipe(inspector);

  try {
    const running = await started;
    const [, inspected] = await Promise.all([running.done(), inspector.result]);
    return {
      key: key!,
      kind: inspected.kind,
      contentType: EVIDENCE_TYPES[inspected.kind].contentType,
      size: inspected.size,
      sha256: inspected.sha256,
      filename,
    };
  } catch (error) {
    // Whatever failed, leave no half-written object. A single-part upload was
    // never sent; a multipart one must be aborted explicitly: lib-storage does
    // not abort when its Body stream fails. (The bucket's lifecycle rule also
    // aborts any incomplete upload after a day, as a backstop.)
    if (upload) await abortMultipart(upload);
    // Drain the request so the client gets our answer, not a reset connection.
    source.unpipe(inspector);
    source.resume();
    throw error;
  }
}

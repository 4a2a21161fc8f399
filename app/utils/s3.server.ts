import { HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { env } from "~/utils/env.server";

/**
 * The evidence store. In production this is AWS S3 in ap-south-1; in
 * development and tests an S3-compatible server given by S3_ENDPOINT.
 */
export function createS3Client() {
  const config = env();
  const local = Boolean(config.S3_ENDPOINT);
  return new S3Client({
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    credentials:
      config.AWS_ACCESS_KEY_ID && config.AWS_SECRET_ACCESS_KEY
        ? { accessKeyId: config.AWS_ACCESS_KEY_ID, secretAccessKey: config.AWS_SECRET_ACCESS_KEY }
        : undefined,
    // S3-compatible servers want path-style addressing, and store a streamed
    // PutObject corrupted when the SDK adds its default flexible checksums.
    forcePathStyle: local,
    requestChecksumCalculation: local ? "WHEN_REQUIRED" : "WHEN_SUPPORTED",
    responseChecksumValidation: local ? "WHEN_REQUIRED" : "WHEN_SUPPORTED",
    maxAttempts: 3,
  });
}

const globalForS3 = globalThis as unknown as { aegisS3?: S3Client };

export function s3(): S3Client {
  globalForS3.aegisS3 ??= createS3Client();
  return globalForS3.aegisS3;
}

export function evidenceBucket() {
  return env().S3_BUCKET;
}

/**
 * A small object the health check reads. The app's IAM policy allows only
 * GetObject and PutObject (evidence is never deleted), so HeadBucket, which
 * needs ListBucket, would fail on AWS; reading a known object does not.
 */
export const HEALTH_MARKER_KEY = "_aegis/health-marker";

function isMissing(error: unknown) {
  // Without ListBucket, S3 answers a missing key with 403 rather than 404.
  return error instanceof S3ServiceException && [403, 404].includes(error.$metadata.httpStatusCode ?? 0);
}

/** Resolves when the evidence bucket can be read; rejects otherwise. */
export async function pingObjectStore(signal?: AbortSignal) {
  const marker = { Bucket: evidenceBucket(), Key: HEALTH_MARKER_KEY };
  try {
    await s3().send(new HeadObjectCommand(marker), { abortSignal: signal });
  } catch (error) {
    if (!isMissing(error)) throw error;
    // First check against a new bucket: write the marker once, read it back.
    await s3().send(new PutObjectCommand({ ...marker, Body: "ok", ContentType: "text/plain" }), { abortSignal: signal });
    await s3().send(new HeadObjectCommand(marker), { abortSignal: signal });
  }
}

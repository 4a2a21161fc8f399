import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
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

/** Resolves when the evidence bucket answers; rejects otherwise. */
export async function pingObjectStore(signal?: AbortSignal) {
  await s3().send(new HeadBucketCommand({ Bucket: evidenceBucket() }), { abortSignal: signal });
}

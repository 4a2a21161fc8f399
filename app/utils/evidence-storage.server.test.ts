import { randomBytes, createHash, randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBucket, freePort, localS3Client, projectRoot, type RunningObjectStore, startLocalS3 } from "../../scripts/lib/services";

// A recording S3 server of this file's own, so the test can see what was
// asked of S3 (encryption headers, multipart aborts) — s3rver itself ignores
// server-side encryption.
const directory = path.join(projectRoot, ".data", `test-s3-evidence-${process.pid}`);
let store: RunningObjectStore;
let storage: typeof import("./evidence-storage.server");
const bucket = "aegis-evidence-storage-test";
const fixtures = path.resolve(import.meta.dirname, "../../e2e/evidence-files");
const tenantId = randomUUID();
const observationId = randomUUID();

beforeAll(async () => {
  store = await startLocalS3({ directory, port: await freePort(), record: true });
  process.env.S3_ENDPOINT = store.endpoint;
  process.env.S3_BUCKET = bucket;
  await ensureBucket(localS3Client(store.endpoint), bucket);
  storage = await import("./evidence-storage.server");
});

afterAll(async () => {
  await store.stop();
  rmSync(directory, { recursive: true, force: true });
});

async function* chunks(bytes: Buffer, size = 64 * 1024) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const s3 = () => localS3Client(store.endpoint);
const prefix = (observation: string) => `${tenantId}/evidence/${observation}/`;

async function keysUnder(observation: string) {
  const listed = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix(observation) }));
  return (listed.Contents ?? []).map((object) => object.Key);
}

describe("streamEvidenceToStore", () => {
  it("stores an accepted file under the tenant/evidence/observation/uuid.ext key, unchanged, encrypted, with its SHA-256", async () => {
    const bytes = readFileSync(path.join(fixtures, "kyc-register.pdf"));
    const before = store.requests.length;
    const stored = await storage.streamEvidenceToStore({ tenantId, observationId, filename: "kyc-register.pdf", data: chunks(bytes, 4096) });

    expect(stored.key).toMatch(new RegExp(`^${tenantId}/evidence/${observationId}/[0-9a-f-]{36}\\.pdf$`));
    expect(stored).toMatchObject({ kind: "pdf", contentType: "application/pdf", size: bytes.length, filename: "kyc-register.pdf" });
    expect(stored.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));

    const object = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: stored.key }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(bytes)).toBe(true);
    expect(object.ContentType).toBe("application/pdf");

    const puts = store.requests.slice(before).filter((request) => request.method === "PUT" || request.method === "POST");
    expect(puts.length).toBeGreaterThan(0);
    for (const put of puts.filter((request) => !request.query.partNumber)) {
      expect(put.headers["x-amz-server-side-encryption"]).toBe("AES256");
    }
  });

  it("keeps a Devanagari file name as metadata, never in the key", async () => {
    const bytes = readFileSync(path.join(fixtures, "unicode-नाम.pdf"));
    const stored = await storage.streamEvidenceToStore({ tenantId, observationId, filename: "unicode-नाम.pdf", data: chunks(bytes) });
    expect(stored.filename).toBe("unicode-नाम.pdf");
    expect(stored.key).not.toContain("नाम");
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: stored.key }));
    expect(decodeURIComponent(head.Metadata?.["original-filename"] ?? "")).toBe("unicode-नाम.pdf");
  });

  it("stores DOCX and XLSX made by LibreOffice with the right type", async () => {
    for (const [file, kind] of [["board-minutes.docx", "docx"], ["cash-verification.xlsx", "xlsx"]] as const) {
      const stored = await storage.streamEvidenceToStore({
        tenantId,
        observationId,
        filename: file,
        data: chunks(readFileSync(path.join(fixtures, file)), 1000),
      });
      expect(stored.kind).toBe(kind);
      expect(stored.key.endsWith(`.${kind}`)).toBe(true);
    }
  });

  it.each(["invoice.pdf", "macro-report.docm", "archive.zip", "empty.pdf", "logo.svg"])("refuses %s and stores nothing", async (file) => {
    const observation = randomUUID();
    await expect(
      storage.streamEvidenceToStore({ tenantId, observationId: observation, filename: file, data: chunks(readFileSync(path.join(fixtures, file)), 512) }),
    ).rejects.toMatchObject({ name: "EvidenceRefused", status: 415 });
    expect(await keysUnder(observation)).toEqual([]);
  });

  it("refuses a file over 10 MB mid-stream, aborts the multipart upload and leaves nothing", async () => {
    const observation = randomUUID();
    const big = Buffer.concat([readFileSync(path.join(fixtures, "kyc-register.pdf")), randomBytes(11 * 1024 * 1024)]);
    const before = store.requests.length;
    await expect(
      storage.streamEvidenceToStore({ tenantId, observationId: observation, filename: "big.pdf", data: chunks(big) }),
    ).rejects.toMatchObject({ name: "EvidenceRefused", status: 413 });
    const seen = store.requests.slice(before);
    // More than one 5 MB part had begun, so this was a multipart upload...
    expect(seen.some((request) => request.method === "POST" && "uploads" in request.query)).toBe(true);
    // ...which was aborted, leaving neither parts nor an object.
    expect(seen.some((request) => request.method === "DELETE" && request.query.uploadId)).toBe(true);
    expect(await store.openMultipartUploads()).toEqual([]);
    expect(await keysUnder(observation)).toEqual([]);
  });

  it("refuses a file name that climbs folders before reading any byte", async () => {
    await expect(
      storage.streamEvidenceToStore({ tenantId, observationId, filename: "../../etc/passwd.pdf", data: chunks(Buffer.from("%PDF-1.4")) }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

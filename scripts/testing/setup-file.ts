/**
 * Runs before each test file: clones the migrated template into a database
 * of the file's own and points the app's environment at it and at the local
 * S3 server, so the app's modules under test talk to real services.
 */
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { LOCAL_S3_CREDENTIALS, createDatabase, dropDatabase, appLoginUrl, withDatabase } from "../lib/services.ts";

const adminUrl = inject("databaseAdminUrl");
const database = `aegis_test_${randomBytes(6).toString("hex")}`;
await createDatabase(adminUrl, database, { template: inject("templateDatabase") });

// The app connects as its restricted login role, as in production; tests
// that must act as the owner (tamper checks) use OWNER_DATABASE_URL.
const ownerUrl = withDatabase(adminUrl, database);
Object.assign(process.env, {
  NODE_ENV: "test",
  OWNER_DATABASE_URL: ownerUrl,
  DATABASE_URL: appLoginUrl(ownerUrl),
  SESSION_SECRET: "test-session-secret-that-is-long-enough-0123456789",
  S3_ENDPOINT: inject("s3Endpoint"),
  S3_BUCKET: inject("s3Bucket"),
  S3_REGION: "ap-south-1",
  AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
});

afterAll(async () => {
  const { db } = await import("~/utils/db.server");
  const globalForDb = globalThis as unknown as { aegisPrisma?: unknown };
  if (globalForDb.aegisPrisma) await db().$disconnect();
  await dropDatabase(adminUrl, database);
});

/**
 * Vitest global setup: real services for the integration tests.
 * - PostgreSQL: the server in DATABASE_URL when set, else an embedded one in
 *   .data/test-postgres on a free port. Tests only ever use databases named
 *   aegis_test_*, which they create and drop: never the demo's.
 * - S3: a local s3rver on a free port, files in .data/test-s3.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDeploy } from "../lib/prisma.ts";
import {
  createDatabase,
  dropDatabase,
  ensureBucket,
  freePort,
  localS3Client,
  projectRoot,
  provisionAppLogin,
  scratchPostgres,
  startLocalS3,
  withDatabase,
} from "../lib/services.ts";

export const TEST_BUCKET = "aegis-evidence-test";

declare module "vitest" {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    templateDatabase: string;
    s3Endpoint: string;
    s3Bucket: string;
  }
}

export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const stops: (() => Promise<void>)[] = [];

  const postgres = await scratchPostgres("test-postgres");
  stops.push(postgres.stop);
  const adminUrl = postgres.adminUrl;

  // One migrated template per run; each test file clones it (fast, isolated).
  const template = `aegis_test_template_${process.pid}`;
  await dropDatabase(adminUrl, template);
  await createDatabase(adminUrl, template);
  await migrateDeploy(withDatabase(adminUrl, template));
  await provisionAppLogin(adminUrl);
  stops.push(() => dropDatabase(adminUrl, template));

  const s3Dir = path.join(projectRoot, ".data", "test-s3");
  rmSync(s3Dir, { recursive: true, force: true });
  const store = await startLocalS3({ directory: s3Dir, port: await freePort() });
  stops.push(store.stop);
  await ensureBucket(localS3Client(store.endpoint), TEST_BUCKET);

  project.provide("databaseAdminUrl", adminUrl);
  project.provide("templateDatabase", template);
  project.provide("s3Endpoint", store.endpoint);
  project.provide("s3Bucket", TEST_BUCKET);

  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}

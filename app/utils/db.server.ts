import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "~/utils/env.server";

function createClient() {
  // allowExitOnIdle: once remix-serve closes its HTTP server on SIGTERM, idle
  // connections must not keep the process alive past Docker's stop timeout.
  const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 10, allowExitOnIdle: true });
  return new PrismaClient({ adapter });
}

// One client per process; in development Vite re-imports modules on change,
// so the client is kept on globalThis to avoid leaking connection pools.
const globalForDb = globalThis as unknown as { aegisPrisma?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.aegisPrisma ??= createClient();
  return globalForDb.aegisPrisma;
}

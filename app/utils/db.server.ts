import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "~/utils/env.server";

function createClient() {
  const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 });
  return new PrismaClient({ adapter });
}

// One client per process; in development Vite re-imports modules on change,
// so the client is kept on globalThis to avoid leaking connection pools.
const globalForDb = globalThis as unknown as { aegisPrisma?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.aegisPrisma ??= createClient();
  return globalForDb.aegisPrisma;
}

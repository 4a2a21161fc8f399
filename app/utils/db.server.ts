import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient } from "~/generated/prisma/client";
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

/** The raw client. Only for work that touches no tenant table (health). */
export function db(): PrismaClient {
  globalForDb.aegisPrisma ??= createClient();
  return globalForDb.aegisPrisma;
}

export type Tx = Prisma.TransactionClient;

/** Who is acting, and from where: recorded by the audit trail's triggers. */
export interface ActorContext {
  actorId?: string | null;
  actorEmail?: string | null;
  sessionId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface TenantContext extends ActorContext {
  tenantId: string;
  /** What this transaction does, in the trail's words (e.g. "user.invite"). */
  action?: string;
}

/**
 * Runs `work` in one transaction bound to a bank. Row-level security sees
 * only that bank's rows; every audited change made inside is attributed to
 * the actor and action given here. Settings are transaction-local: they end
 * with the transaction and never leak to the next user of the connection.
 */
export async function withTenant<T>(context: TenantContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(async (tx) => {
    await bindTenant(tx, context);
    return work(tx);
  });
}

/**
 * Binds an open transaction to a bank and an actor. withTenant does this
 * first thing; a lookup by credential (withCredential) does it once the
 * credential has told which bank the request belongs to.
 */
export async function bindTenant(tx: Tx, context: TenantContext) {
  await tx.$queryRaw`SELECT
    set_config('app.tenant_id', ${context.tenantId}, true),
    set_config('app.action', ${context.action ?? ""}, true),
    set_config('app.actor_id', ${context.actorId ?? ""}, true),
    set_config('app.actor_email', ${context.actorEmail ?? ""}, true),
    set_config('app.session_id', ${context.sessionId ?? ""}, true),
    set_config('app.ip', ${context.ip ?? ""}, true),
    set_config('app.user_agent', ${(context.userAgent ?? "").slice(0, 400)}, true)`;
}

/**
 * The credentials a request may look up before its bank is known. Row-level
 * security shows exactly the rows matching the credential presented, and
 * nothing else (see the policies in the identity migration).
 */
export interface Credential {
  loginEmail?: string;
  sessionTokenHash?: string;
  invitationTokenHash?: string;
}

export async function withCredential<T>(credential: Credential, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT
      set_config('app.login_email', ${credential.loginEmail ?? ""}, true),
      set_config('app.session_token_hash', ${credential.sessionTokenHash ?? ""}, true),
      set_config('app.invitation_token_hash', ${credential.invitationTokenHash ?? ""}, true)`;
    return work(tx);
  });
}

import { openSession } from "~/models/session.server";
import { db, withCredential, withTenant } from "~/utils/db.server";
import { verifyAgainstNothing, verifyPassword } from "~/utils/password.server";

/** At most this many failed attempts per IP, and per account, per window. */
export const ATTEMPT_LIMIT = 10;
export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;
/** Consecutive failures that lock an account, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 30 * 60 * 1000;

export type SignInResult =
  | { ok: true; token: string; tenantId: string; userId: string }
  | { ok: false; reason: "invalid" | "rate-limited" };

interface SignInInput {
  email: string;
  password: string;
  ip: string;
  userAgent: string;
  now?: Date;
}

/**
 * Checks a sign-in. Whatever fails (no such account, wrong password, locked
 * or deactivated account) the caller learns only "invalid", so a message can
 * never reveal whether an account exists. Counters live in PostgreSQL, so
 * limits hold across app instances.
 */
export async function signIn(input: SignInInput): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();

  if (await overAttemptLimit(input.ip, email, now)) return { ok: false, reason: "rate-limited" };

  // The same address may belong to people at two banks: try each account.
  const candidates = await withCredential({ loginEmail: email }, (tx) =>
    tx.user.findMany({
      where: { email },
      select: { tenantId: true, id: true, email: true, passwordHash: true, status: true, lockedUntil: true, failedLoginCount: true },
    }),
  );

  let matched: (typeof candidates)[number] | undefined;
  for (const candidate of candidates) {
    if (candidate.passwordHash && (await verifyPassword(candidate.passwordHash, input.password))) {
      matched = candidate;
      break;
    }
  }
  if (candidates.length === 0) await verifyAgainstNothing(input.password);

  const usable = matched && matched.status === "ACTIVE" && !(matched.lockedUntil && matched.lockedUntil > now);
  const context = { ip: input.ip, userAgent: input.userAgent };

  if (matched && usable) {
    const session = await withTenant(
      { ...context, tenantId: matched.tenantId, actorId: matched.id, actorEmail: matched.email, action: "auth.sign_in" },
      async (tx) => {
        await tx.user.update({
          where: { tenantId_id: { tenantId: matched.tenantId, id: matched.id } },
          data: { failedLoginCount: 0, lockedUntil: null, lastSignInAt: now },
        });
        return openSession(tx, { tenantId: matched.tenantId, userId: matched.id, ip: input.ip, userAgent: input.userAgent, now });
      },
    );
    await recordAttempt(input.ip, email, true, now);
    return { ok: true, token: session.token, tenantId: matched.tenantId, userId: matched.id };
  }

  // A failure counts against every account with this address whose password
  // did not match, and against none that is already locked.
  for (const candidate of candidates) {
    if (candidate === matched || (candidate.lockedUntil && candidate.lockedUntil > now)) continue;
    const failures = candidate.failedLoginCount + 1;
    const locks = failures >= LOCKOUT_THRESHOLD;
    await withTenant(
      {
        ...context,
        tenantId: candidate.tenantId,
        actorId: candidate.id,
        actorEmail: candidate.email,
        action: locks ? "auth.account_locked" : "auth.sign_in_failed",
      },
      (tx) =>
        tx.user.update({
          where: { tenantId_id: { tenantId: candidate.tenantId, id: candidate.id } },
          data: locks
            ? { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) }
            : { failedLoginCount: failures },
        }),
    );
  }
  await recordAttempt(input.ip, email, false, now);
  return { ok: false, reason: "invalid" };
}

async function overAttemptLimit(ip: string, email: string, now: Date) {
  const since = new Date(now.getTime() - ATTEMPT_WINDOW_MS);
  const [byIp, byEmail] = await Promise.all([
    db().loginAttempt.count({ where: { ip, succeeded: false, at: { gt: since } } }),
    db().loginAttempt.count({ where: { email, succeeded: false, at: { gt: since } } }),
  ]);
  return byIp >= ATTEMPT_LIMIT || byEmail >= ATTEMPT_LIMIT;
}

async function recordAttempt(ip: string, email: string, succeeded: boolean, at: Date) {
  await db().loginAttempt.create({ data: { ip, email: email.slice(0, 320), succeeded, at } });
}

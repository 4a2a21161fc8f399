import { createHash, randomBytes } from "node:crypto";
import type { Role } from "~/domain/permissions";
import { type ActorContext, type Tx, bindTenant, withCredential, withTenant } from "~/utils/db.server";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
export const MAX_ACTIVE_SESSIONS = 2;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export interface SessionUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  roles: Role[];
  orgUnitIds: string[];
  bankName: string;
  sessionId: string;
}

/**
 * Opens a session for a user who has just proved who they are, inside the
 * caller's tenant transaction. Returns the random token for the cookie; only
 * its hash is stored. A user keeps at most MAX_ACTIVE_SESSIONS: the oldest
 * others end.
 */
export async function openSession(
  tx: Tx,
  input: { tenantId: string; userId: string; ip: string; userAgent: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const session = await tx.session.create({
    data: {
      tenantId: input.tenantId,
      userId: input.userId,
      tokenHash: hashToken(token),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
      ip: input.ip,
      userAgent: input.userAgent,
    },
    select: { id: true },
  });
  const active = await tx.session.findMany({
    where: { tenantId: input.tenantId, userId: input.userId, endedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  const surplus = active.slice(MAX_ACTIVE_SESSIONS).map((row) => row.id);
  if (surplus.length > 0) {
    await tx.session.updateMany({
      where: { tenantId: input.tenantId, id: { in: surplus } },
      data: { endedAt: now, endReason: "superseded by a newer sign-in" },
    });
  }
  return { token, sessionId: session.id };
}

type Resolution = { user: SessionUser } | { user: null; ended?: string };

/**
 * The signed-in user behind a session token, or null. Ends sessions that
 * are idle too long, past their absolute lifetime, or whose user was
 * deactivated. One transaction: the token is the only key before the bank
 * is known, then the bank is bound for the rest.
 */
export async function resolveSession(token: string, context: ActorContext, now = new Date()): Promise<Resolution> {
  const tokenHash = hashToken(token);
  return withCredential({ sessionTokenHash: tokenHash }, async (tx) => {
    const session = await tx.session.findFirst({
      where: { tokenHash, endedAt: null },
      select: { id: true, tenantId: true, userId: true, lastSeenAt: true, expiresAt: true },
    });
    if (!session) return { user: null };

    await bindTenant(tx, { ...context, tenantId: session.tenantId, actorId: session.userId, sessionId: session.id });

    const user = await tx.user.findUnique({
      where: { tenantId_id: { tenantId: session.tenantId, id: session.userId } },
      select: {
        id: true,
        tenantId: true,
        email: true,
        name: true,
        status: true,
        roles: { select: { role: true } },
        orgUnits: { select: { orgUnitId: true } },
        tenant: { select: { name: true } },
      },
    });

    const ending =
      !user || user.status !== "ACTIVE"
        ? "user deactivated"
        : session.expiresAt <= now
          ? "absolute timeout"
          : now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS
            ? "idle timeout"
            : null;
    if (ending) {
      await endSessionRow(tx, session.tenantId, session.id, ending, now);
      return { user: null, ended: ending };
    }

    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await tx.session.update({
        where: { tenantId_id: { tenantId: session.tenantId, id: session.id } },
        data: { lastSeenAt: now },
      });
    }
    return {
      user: {
        id: user!.id,
        tenantId: user!.tenantId,
        email: user!.email,
        name: user!.name,
        roles: user!.roles.map((row) => row.role),
        orgUnitIds: user!.orgUnits.map((row) => row.orgUnitId),
        bankName: user!.tenant.name,
        sessionId: session.id,
      },
    };
  });
}

async function endSessionRow(tx: Tx, tenantId: string, id: string, reason: string, now: Date) {
  await tx.$queryRaw`SELECT set_config('app.action', 'auth.session_end', true)`;
  await tx.session.updateMany({
    where: { tenantId, id, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
}

/** Signs out one session. */
export function endSession(user: SessionUser, context: ActorContext) {
  return withTenant({ ...context, tenantId: user.tenantId, actorId: user.id, actorEmail: user.email, sessionId: user.sessionId, action: "auth.sign_out" }, (tx) =>
    tx.session.updateMany({
      where: { tenantId: user.tenantId, id: user.sessionId, endedAt: null },
      data: { endedAt: new Date(), endReason: "signed out" },
    }),
  );
}

/** Ends every session of a user (sign out everywhere; deactivation). */
export function endAllSessionsOf(tx: Tx, tenantId: string, userId: string, reason: string) {
  return tx.session.updateMany({
    where: { tenantId, userId, endedAt: null },
    data: { endedAt: new Date(), endReason: reason },
  });
}

export function signOutEverywhere(user: SessionUser, context: ActorContext) {
  return withTenant(
    { ...context, tenantId: user.tenantId, actorId: user.id, actorEmail: user.email, sessionId: user.sessionId, action: "auth.sign_out_everywhere" },
    (tx) => endAllSessionsOf(tx, user.tenantId, user.id, "signed out everywhere"),
  );
}

/** The user's active sessions, newest first, for the account page. */
export function activeSessionsOf(user: SessionUser) {
  return withTenant({ tenantId: user.tenantId }, (tx) =>
    tx.session.findMany({
      where: { tenantId: user.tenantId, userId: user.id, endedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
    }),
  );
}

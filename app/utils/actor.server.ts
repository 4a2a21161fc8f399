import { requestContext, type SessionUser } from "~/utils/auth.server";

/**
 * Who is acting, for which bank, and from where: what every model function
 * that reads or changes bank data needs, and what the audit trail records
 * for each change (see withTenant in db.server.ts).
 */
export interface Actor {
  tenantId: string;
  actorId: string;
  actorEmail: string;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export function actorOf(user: SessionUser, request: Request): Actor {
  return {
    tenantId: user.tenantId,
    actorId: user.id,
    actorEmail: user.email,
    sessionId: user.sessionId,
    ...requestContext(request),
  };
}

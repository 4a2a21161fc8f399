import { RecordNotFoundError, RuleError, StaleRecordError } from "~/domain/errors";
import type { Role } from "~/domain/permissions";
import { checkAssignableUnits } from "~/models/org-unit.server";
import { endAllSessionsOf } from "~/models/session.server";
import type { Actor } from "~/utils/actor.server";
import { type Tx, withTenant } from "~/utils/db.server";

/**
 * The bank's people: their roles, the branches/departments they answer for,
 * and whether they may sign in. Accounts are never deleted (the audit trail
 * and observations name them); they are deactivated.
 */

export const USERS_PER_PAGE = 50;

export type UserField = "roles" | "orgUnitIds";

/** One page of the bank's people: active first, then by name. */
export async function listUsers(actor: Actor, { page }: { page: number }) {
  const { tenantId } = actor;
  return withTenant(actor, async (tx) => {
    const total = await tx.user.count({ where: { tenantId } });
    const users = await tx.user.findMany({
      where: { tenantId },
      orderBy: [{ status: "asc" }, { name: "asc" }, { email: "asc" }],
      skip: (page - 1) * USERS_PER_PAGE,
      take: USERS_PER_PAGE,
      select: {
        id: true,
        name: true,
        email: true,
        status: true,
        lastSignInAt: true,
        roles: { select: { role: true }, orderBy: { role: "asc" } },
        orgUnits: { select: { orgUnit: { select: { code: true, name: true, active: true } } }, orderBy: { orgUnitId: "asc" } },
      },
    });
    return {
      users: users.map((user) => ({
        ...user,
        roles: user.roles.map((row) => row.role),
        units: user.orgUnits.map((row) => row.orgUnit),
      })),
      total,
      page,
      pageCount: Math.max(1, Math.ceil(total / USERS_PER_PAGE)),
    };
  });
}

/** One person with what their page shows, or null when this bank has no such person. */
export async function userDetail(actor: Actor, id: string) {
  const { tenantId } = actor;
  return withTenant(actor, async (tx) => {
    const user = await tx.user.findFirst({
      where: { tenantId, id },
      select: {
        id: true,
        name: true,
        email: true,
        status: true,
        version: true,
        lastSignInAt: true,
        lockedUntil: true,
        createdAt: true,
        roles: { select: { role: true } },
        orgUnits: { select: { orgUnit: { select: { id: true, kind: true, code: true, name: true, active: true } } } },
      },
    });
    if (!user) return null;
    const activeSessions = await tx.session.count({ where: { tenantId, userId: id, endedAt: null } });
    return {
      ...user,
      roles: user.roles.map((row) => row.role),
      units: user.orgUnits.map((row) => row.orgUnit),
      activeSessions,
    };
  });
}

export type UserSnapshot = { status: "ACTIVE" | "DEACTIVATED"; version: number; roles: Role[]; orgUnitIds: string[] };

/**
 * The person as the form must have seen them: not found, or stale when the
 * form was opened at another version.
 */
async function currentUser(tx: Tx, tenantId: string, id: string, version: number) {
  const current = await tx.user.findFirst({
    where: { tenantId, id },
    select: { status: true, version: true, name: true, roles: { select: { role: true } }, orgUnits: { select: { orgUnitId: true } } },
  });
  if (!current) throw new RecordNotFoundError("user");
  const snapshot: UserSnapshot = {
    status: current.status,
    version: current.version,
    roles: current.roles.map((row) => row.role),
    orgUnitIds: current.orgUnits.map((row) => row.orgUnitId),
  };
  if (current.version !== version) throw new StaleRecordError<UserSnapshot>(snapshot);
  return { ...snapshot, name: current.name };
}

/**
 * Writes the person's next version. The version condition makes a
 * concurrent change of the same person (which also bumps it) wait for the
 * other transaction and then fail as stale instead of overwriting it.
 */
async function writeNextVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  version: number,
  data: { status?: "ACTIVE" | "DEACTIVATED"; failedLoginCount?: number; lockedUntil?: null } = {},
) {
  const { count } = await tx.user.updateMany({ where: { tenantId, id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) {
    await currentUser(tx, tenantId, id, version); // throws not found, or stale with the current state
    throw new RecordNotFoundError("user");
  }
}

/**
 * Refuses a change that would leave the bank without an active
 * administrator: nobody would be left to manage users or settings. Changes
 * that take administrator power away are serialised per bank (an advisory
 * lock held to the end of the transaction), so two administrators removing
 * each other at the same moment cannot both succeed.
 */
async function assertAnotherActiveAdmin(tx: Tx, tenantId: string, userId: string, name: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`aegis.admins:${tenantId}`}, 0))`;
  const others = await tx.user.count({
    where: { tenantId, status: "ACTIVE", id: { not: userId }, roles: { some: { role: "ADMIN" } } },
  });
  if (others === 0) {
    throw new RuleError<UserField>(
      `${name} is the bank's last active administrator. Make someone else an administrator first.`,
      "roles",
    );
  }
}

/**
 * Replaces a person's roles and branch/department assignments. Only the
 * differences are written (rows removed and added), so the audit trail
 * shows exactly what changed. The new roles apply from the person's next
 * request: sessions read roles afresh every time.
 */
export async function changeUserAccess(
  actor: Actor,
  input: { userId: string; version: number; roles: readonly Role[]; orgUnitIds: readonly string[] },
) {
  const { tenantId } = actor;
  return withTenant({ ...actor, action: "user.change_roles" }, async (tx) => {
    const current = await currentUser(tx, tenantId, input.userId, input.version);
    const roles = [...new Set(input.roles)];
    if (roles.length === 0) throw new RuleError<UserField>("Choose at least one role.", "roles");
    const orgUnitIds = await checkAssignableUnits(tx, tenantId, input.orgUnitIds, current.orgUnitIds);
    if (roles.includes("AUDITEE") && orgUnitIds.length === 0) {
      throw new RuleError<UserField>("An auditee must be assigned to at least one branch or department.", "orgUnitIds");
    }

    if (current.roles.includes("ADMIN") && !roles.includes("ADMIN")) {
      if (input.userId === actor.actorId) {
        throw new RuleError<UserField>(
          "You cannot remove your own administrator role. Another administrator can do it for you.",
          "roles",
        );
      }
      if (current.status === "ACTIVE") await assertAnotherActiveAdmin(tx, tenantId, input.userId, current.name);
    }
    await writeNextVersion(tx, tenantId, input.userId, input.version);

    const removedRoles = current.roles.filter((role) => !roles.includes(role));
    const addedRoles = roles.filter((role) => !current.roles.includes(role));
    if (removedRoles.length) {
      await tx.userRole.deleteMany({ where: { tenantId, userId: input.userId, role: { in: removedRoles } } });
    }
    if (addedRoles.length) {
      await tx.userRole.createMany({ data: addedRoles.map((role) => ({ tenantId, userId: input.userId, role })) });
    }

    const removedUnits = current.orgUnitIds.filter((id) => !orgUnitIds.includes(id));
    const addedUnits = orgUnitIds.filter((id) => !current.orgUnitIds.includes(id));
    if (removedUnits.length) {
      await tx.userOrgUnit.deleteMany({ where: { tenantId, userId: input.userId, orgUnitId: { in: removedUnits } } });
    }
    if (addedUnits.length) {
      await tx.userOrgUnit.createMany({ data: addedUnits.map((orgUnitId) => ({ tenantId, userId: input.userId, orgUnitId })) });
    }
  });
}

/**
 * Deactivates a person (they are signed out everywhere at once and cannot
 * sign in) or reactivates them. Nobody deactivates themselves, and the last
 * active administrator stays.
 */
export async function setUserActive(actor: Actor, input: { userId: string; version: number; active: boolean }) {
  const { tenantId } = actor;
  return withTenant({ ...actor, action: input.active ? "user.reactivate" : "user.deactivate" }, async (tx) => {
    const current = await currentUser(tx, tenantId, input.userId, input.version);
    if (input.active) {
      if (current.status === "ACTIVE") return;
      // A fresh start: failed sign-ins before deactivation do not count now.
      await writeNextVersion(tx, tenantId, input.userId, input.version, { status: "ACTIVE", failedLoginCount: 0, lockedUntil: null });
      return;
    }
    if (current.status === "DEACTIVATED") return;
    if (input.userId === actor.actorId) {
      throw new RuleError("You cannot deactivate your own account. Another administrator can do it for you.");
    }
    if (current.roles.includes("ADMIN")) await assertAnotherActiveAdmin(tx, tenantId, input.userId, current.name);
    await writeNextVersion(tx, tenantId, input.userId, input.version, { status: "DEACTIVATED" });
    await endAllSessionsOf(tx, tenantId, input.userId, "user deactivated");
  });
}

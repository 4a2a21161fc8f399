import { RecordNotFoundError, RuleError, StaleRecordError } from "~/domain/errors";
import { ASSIGNABLE_KINDS, type OrgUnitKind, PARENT_CAPABLE_KINDS, parentProblem } from "~/domain/org-units";
import { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/utils/actor.server";
import { type Tx, withTenant } from "~/utils/db.server";

/**
 * The bank's organisation units: head office, zones, branches, departments.
 * Units are never deleted (observations and assignments refer to them for
 * years); they are deactivated, and can be reactivated.
 */

export const ORG_UNITS_PER_PAGE = 50;
/**
 * The most units offered in one list of choices (parents, assignments).
 * The largest UCBs run a few hundred branches; this keeps the page bounded.
 */
export const MAX_CHOICES = 1000;

export type OrgUnitField = "kind" | "code" | "name" | "parentId";

/** One page of the bank's units: head office first, then zones, branches, departments; by code. */
export async function listOrgUnits(actor: Actor, { page }: { page: number }) {
  return withTenant(actor, async (tx) => {
    const where = { tenantId: actor.tenantId };
    const total = await tx.orgUnit.count({ where });
    const units = await tx.orgUnit.findMany({
      where,
      orderBy: [{ kind: "asc" }, { code: "asc" }],
      skip: (page - 1) * ORG_UNITS_PER_PAGE,
      take: ORG_UNITS_PER_PAGE,
      select: {
        id: true,
        kind: true,
        code: true,
        name: true,
        active: true,
        parent: { select: { code: true, name: true } },
      },
    });
    return { units, total, page, pageCount: Math.max(1, Math.ceil(total / ORG_UNITS_PER_PAGE)) };
  });
}

/** Active units that can contain others: the "part of" choices of the create form. */
export async function parentChoices(actor: Actor) {
  return withTenant(actor, (tx) =>
    tx.orgUnit.findMany({
      where: { tenantId: actor.tenantId, active: true, kind: { in: [...PARENT_CAPABLE_KINDS] } },
      orderBy: [{ kind: "asc" }, { code: "asc" }],
      take: MAX_CHOICES,
      select: { id: true, kind: true, code: true, name: true },
    }),
  );
}

/** Active branches and departments, which people can be assigned to. */
export async function assignableUnits(actor: Actor) {
  return withTenant(actor, (tx) =>
    tx.orgUnit.findMany({
      where: { tenantId: actor.tenantId, active: true, kind: { in: [...ASSIGNABLE_KINDS] } },
      orderBy: [{ kind: "asc" }, { code: "asc" }],
      take: MAX_CHOICES,
      select: { id: true, kind: true, code: true, name: true, active: true },
    }),
  );
}

/**
 * Of `ids`, those a person may be assigned to: active branches/departments
 * of this bank, plus any in `alreadyAssigned` (kept even if since
 * deactivated, so saving a user's roles does not silently drop them).
 * Throws when any id is neither.
 */
export async function checkAssignableUnits(tx: Tx, tenantId: string, ids: readonly string[], alreadyAssigned: readonly string[] = []) {
  const wanted = [...new Set(ids)];
  const kept = new Set(alreadyAssigned);
  const fresh = wanted.filter((id) => !kept.has(id));
  if (fresh.length > 0) {
    const found = await tx.orgUnit.count({
      where: { tenantId, id: { in: fresh }, active: true, kind: { in: [...ASSIGNABLE_KINDS] } },
    });
    if (found !== fresh.length) {
      throw new RuleError("A branch or department you chose is no longer available. Check the list and try again.", "orgUnitIds");
    }
  }
  return wanted;
}

export interface NewOrgUnit {
  kind: OrgUnitKind;
  code: string;
  name: string;
  parentId?: string;
}

/** Adds a unit to the bank's organisation. Codes are unique within a bank. */
export async function createOrgUnit(actor: Actor, input: NewOrgUnit) {
  const code = input.code.trim().toUpperCase();
  try {
    return await withTenant({ ...actor, action: "org.create" }, async (tx) => {
      const { tenantId } = actor;
      if (input.kind === "HEAD_OFFICE") {
        const headOffice = await tx.orgUnit.findFirst({ where: { tenantId, kind: "HEAD_OFFICE" }, select: { code: true } });
        if (headOffice) throw new RuleError<OrgUnitField>(`The bank already has a head office (${headOffice.code}).`, "kind");
      }
      let parentKind: OrgUnitKind | null = null;
      if (input.parentId) {
        const parent = await tx.orgUnit.findFirst({
          where: { tenantId, id: input.parentId, active: true },
          select: { kind: true },
        });
        if (!parent) throw new RuleError<OrgUnitField>("Choose an active unit from the list.", "parentId");
        parentKind = parent.kind;
      }
      const problem = parentProblem(input.kind, parentKind);
      if (problem) throw new RuleError<OrgUnitField>(problem, "parentId");
      const taken = await tx.orgUnit.findFirst({ where: { tenantId, code }, select: { name: true } });
      if (taken) throw new RuleError<OrgUnitField>(`Code ${code} is already used by ${taken.name}.`, "code");
      return tx.orgUnit.create({
        data: { tenantId, kind: input.kind, code, name: input.name.trim(), parentId: input.parentId ?? null },
        select: { id: true, code: true, name: true, kind: true },
      });
    });
  } catch (error) {
    // Two admins adding the same code at once: the unique key decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new RuleError<OrgUnitField>(`Code ${code} is already used by another unit of this bank.`, "code");
    }
    throw error;
  }
}

/** One unit with what its page shows, or null when this bank has no such unit. */
export async function orgUnitDetail(actor: Actor, id: string) {
  return withTenant(actor, (tx) => findDetail(tx, actor.tenantId, id));
}

function findDetail(tx: Tx, tenantId: string, id: string) {
  return tx.orgUnit.findFirst({
    where: { tenantId, id },
    select: {
      id: true,
      kind: true,
      code: true,
      name: true,
      active: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      parent: { select: { id: true, code: true, name: true, active: true } },
      _count: { select: { children: { where: { active: true } }, members: true } },
    },
  });
}

export type OrgUnitSnapshot = { name: string; active: boolean; version: number };

/**
 * Explains why a versioned update matched no row: the unit is not in this
 * bank (not found), or someone changed it since the form was opened (stale).
 */
async function missedUpdate(tx: Tx, tenantId: string, id: string): Promise<never> {
  const current = await tx.orgUnit.findFirst({ where: { tenantId, id }, select: { name: true, active: true, version: true } });
  if (!current) throw new RecordNotFoundError("branch or department");
  throw new StaleRecordError<OrgUnitSnapshot>(current);
}

export async function renameOrgUnit(actor: Actor, input: { id: string; version: number; name: string }) {
  return withTenant({ ...actor, action: "org.rename" }, async (tx) => {
    const { count } = await tx.orgUnit.updateMany({
      where: { tenantId: actor.tenantId, id: input.id, version: input.version },
      data: { name: input.name.trim(), version: { increment: 1 } },
    });
    if (count === 0) await missedUpdate(tx, actor.tenantId, input.id);
  });
}

/**
 * Deactivates or reactivates a unit (never deletes it). A unit with active
 * units under it stays active, so nothing is left hanging under a closed
 * unit; likewise a unit comes back only under an active parent. People
 * assigned to a deactivated unit keep the assignment until it is changed.
 */
export async function setOrgUnitActive(actor: Actor, input: { id: string; version: number; active: boolean }) {
  return withTenant({ ...actor, action: input.active ? "org.reactivate" : "org.deactivate" }, async (tx) => {
    const { tenantId } = actor;
    const unit = await findDetail(tx, tenantId, input.id);
    if (!unit) throw new RecordNotFoundError("branch or department");
    if (unit.version !== input.version) throw new StaleRecordError<OrgUnitSnapshot>(unit);
    if (!input.active) {
      if (unit.kind === "HEAD_OFFICE") throw new RuleError("The head office cannot be deactivated.");
      if (unit._count.children > 0) {
        throw new RuleError(
          `${unit.name} still has ${unit._count.children} active unit(s) under it. Deactivate those first.`,
        );
      }
    } else if (unit.parent && !unit.parent.active) {
      throw new RuleError(`${unit.parent.name} (${unit.parent.code}), which this unit is part of, is inactive. Reactivate it first.`);
    }
    const { count } = await tx.orgUnit.updateMany({
      where: { tenantId, id: input.id, version: input.version },
      data: { active: input.active, version: { increment: 1 } },
    });
    if (count === 0) await missedUpdate(tx, tenantId, input.id);
  });
}

import { randomBytes, randomUUID } from "node:crypto";
import { RecordNotFoundError, StaleRecordError } from "~/domain/errors";
import type { UcbTier } from "~/domain/tiers";
import { Prisma } from "~/generated/prisma/client";
import { openSession } from "~/models/session.server";
import type { Actor } from "~/utils/actor.server";
import { type ActorContext, withTenant } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

export interface BankRegistration {
  bankName: string;
  rbiLicenceNo: string;
  tier: UcbTier;
  adminName: string;
  adminEmail: string;
  password: string;
}

export class DuplicateBankError extends Error {
  override name = "DuplicateBankError";
}

function slugFor(name: string) {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  return `${base || "bank"}-${randomBytes(3).toString("hex")}`;
}

/**
 * Registers a bank and its first administrator in one transaction, and
 * signs the administrator in. The bank's id is chosen here so that the
 * transaction can be bound to it before its first row exists.
 */
export async function registerBank(input: BankRegistration, context: ActorContext & { ip: string; userAgent: string }) {
  const tenantId = randomUUID();
  const adminId = randomUUID();
  const passwordHash = await hashPassword(input.password);
  try {
    return await withTenant(
      { ...context, tenantId, actorId: adminId, actorEmail: input.adminEmail, action: "bank.register" },
      async (tx) => {
        await tx.tenant.create({
          data: {
            id: tenantId,
            slug: slugFor(input.bankName),
            name: input.bankName,
            rbiLicenceNo: input.rbiLicenceNo.toUpperCase(),
            tier: input.tier,
            contactEmail: input.adminEmail,
          },
        });
        await tx.orgUnit.create({ data: { tenantId, kind: "HEAD_OFFICE", code: "HO", name: "Head Office" } });
        await tx.user.create({
          data: {
            tenantId,
            id: adminId,
            email: input.adminEmail,
            name: input.adminName,
            passwordHash,
            roles: { create: [{ role: "ADMIN" }] },
          },
        });
        const session = await openSession(tx, { tenantId, userId: adminId, ip: context.ip, userAgent: context.userAgent });
        return { tenantId, userId: adminId, token: session.token };
      },
    );
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DuplicateBankError("A bank with this RBI licence number is already registered.");
    }
    throw error;
  }
}

export function bankProfile(tenantId: string) {
  return withTenant({ tenantId }, (tx) =>
    tx.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { id: true, name: true, rbiLicenceNo: true, tier: true, address: true, contactEmail: true, version: true, createdAt: true },
    }),
  );
}

export interface BankProfileChange {
  version: number;
  name: string;
  tier: UcbTier;
  address?: string;
  contactEmail?: string;
}

export type BankProfileSnapshot = Awaited<ReturnType<typeof bankProfile>>;

/**
 * Saves the bank's profile if nobody changed it since the form was opened
 * (optimistic `version`); otherwise a StaleRecordError carries the profile
 * as it is now. The RBI licence number is the bank's identity here and is
 * not edited.
 */
export async function updateBankProfile(actor: Actor, input: BankProfileChange) {
  const tenantId = actor.tenantId;
  return withTenant({ ...actor, action: "settings.update" }, async (tx) => {
    const { count } = await tx.tenant.updateMany({
      where: { id: tenantId, version: input.version },
      data: {
        name: input.name.trim(),
        tier: input.tier,
        address: input.address?.trim() ?? "",
        contactEmail: input.contactEmail?.trim().toLowerCase() ?? "",
        version: { increment: 1 },
      },
    });
    if (count === 1) return;
    const current = await tx.tenant.findUnique({
      where: { id: tenantId },
      select: { id: true, name: true, rbiLicenceNo: true, tier: true, address: true, contactEmail: true, version: true, createdAt: true },
    });
    if (!current) throw new RecordNotFoundError("bank");
    throw new StaleRecordError<BankProfileSnapshot>(current);
  });
}

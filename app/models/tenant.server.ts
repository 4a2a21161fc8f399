import { randomBytes, randomUUID } from "node:crypto";
import type { UcbTier } from "~/domain/tiers";
import { Prisma } from "~/generated/prisma/client";
import { openSession } from "~/models/session.server";
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

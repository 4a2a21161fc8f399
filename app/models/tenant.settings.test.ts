// The bank-profile (settings) half of tenant.server.ts. Registration has
// its own tests; this file is named apart so the two do not collide.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaleRecordError } from "~/domain/errors";
import type { PrismaClient } from "~/generated/prisma/client";
import { type SeededBank, seedDemoBanks } from "../../scripts/testing/demo-banks";
import { bankProfile, updateBankProfile } from "./tenant.server";

let owner: PrismaClient;
let vetalHill: SeededBank;
let sahyadri: SeededBank;

beforeAll(async () => {
  ({ owner, vetalHill, sahyadri } = await seedDemoBanks());
});
afterAll(() => owner.$disconnect());

describe("the bank's profile", () => {
  it("is saved at the current version, and the change is in the audit trail", async () => {
    const before = await bankProfile(sahyadri.tenantId);
    expect(before).toMatchObject({ name: "Sahyadri Nagari Sahakari Bank Ltd.", rbiLicenceNo: "UCB.MH.1183.P", tier: "TIER_1", version: 1 });

    await updateBankProfile(sahyadri.actor("admin"), {
      version: 1,
      name: "Sahyadri Nagari Sahakari Bank Ltd., Satara",
      tier: "TIER_2",
      address: "  Main Road, Satara 415001, Maharashtra ",
      contactEmail: "Audit@Sahyadri.example",
    });
    const after = await bankProfile(sahyadri.tenantId);
    expect(after).toMatchObject({
      name: "Sahyadri Nagari Sahakari Bank Ltd., Satara",
      tier: "TIER_2",
      address: "Main Road, Satara 415001, Maharashtra",
      contactEmail: "audit@sahyadri.example",
      rbiLicenceNo: "UCB.MH.1183.P",
      version: 2,
    });

    const [entry] = await owner.auditEntry.findMany({ where: { tenantId: sahyadri.tenantId, action: "settings.update" } });
    expect(entry).toMatchObject({ entity: "tenant", entityId: sahyadri.tenantId, actorId: sahyadri.users.admin!.id });
    expect(entry?.before).toMatchObject({ tier: "TIER_1" });
    expect(entry?.after).toMatchObject({ tier: "TIER_2" });
  });

  it("refuses a stale form and hands back the profile as it is now", async () => {
    const current = await bankProfile(vetalHill.tenantId);
    await updateBankProfile(vetalHill.actor("admin"), { version: current.version, name: current.name, tier: "TIER_3", address: current.address });
    const stale = await updateBankProfile(vetalHill.actor("admin"), {
      version: current.version,
      name: "Overwritten Bank",
      tier: "TIER_1",
    }).catch((error) => error);
    expect(stale).toBeInstanceOf(StaleRecordError);
    expect(stale.current).toMatchObject({ name: current.name, tier: "TIER_3", version: current.version + 1 });
    expect((await bankProfile(vetalHill.tenantId)).name).toBe(current.name);
  });
});

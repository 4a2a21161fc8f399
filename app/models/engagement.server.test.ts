import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordNotFoundError, RuleError, StaleRecordError } from "~/domain/errors";
import type { PrismaClient } from "~/generated/prisma/client";
import { type SeededBank, seedDemoBanks } from "../../scripts/testing/demo-banks";
import {
  type EngagementChange,
  createEngagement,
  engagementChoices,
  engagementDetail,
  listEngagements,
  planYearsOf,
  updateEngagement,
} from "./engagement.server";

let owner: PrismaClient;
let vetalHill: SeededBank;
let sahyadri: SeededBank;

beforeAll(async () => {
  ({ owner, vetalHill, sahyadri } = await seedDemoBanks());
});
afterAll(() => owner.$disconnect());

const manager = () => vetalHill.actor("manager");

function engagement(overrides: Partial<EngagementChange> = {}): EngagementChange {
  return {
    title: `Concurrent audit ${randomUUID().slice(0, 8)}`,
    planYear: "2026-27",
    orgUnitId: vetalHill.units["KOTH-014"]!,
    auditType: "CONCURRENT",
    periodStart: "2026-04-01",
    periodEnd: "2026-06-30",
    status: "PLANNED",
    auditorIds: [vetalHill.users.auditor!.id],
    ...overrides,
  };
}

describe("the audit plan", () => {
  it("adds an engagement with its auditors, recorded in the audit trail", async () => {
    const created = await createEngagement(manager(), engagement({ title: "RBIA of Kothrud Branch", auditType: "RBIA" }));
    const detail = await engagementDetail(manager(), created.id);
    expect(detail).toMatchObject({
      title: "RBIA of Kothrud Branch",
      planYear: "2026-27",
      auditType: "RBIA",
      status: "PLANNED",
      version: 1,
      orgUnit: { code: "KOTH-014" },
      auditors: [{ name: "Rohan Deshpande" }],
      observationCount: 0,
    });
    expect(detail?.periodStart.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    const entries = await owner.auditEntry.findMany({ where: { tenantId: vetalHill.tenantId, entity: "engagement", entityId: created.id } });
    expect(entries).toMatchObject([{ action: "engagement.create", actorId: vetalHill.users.manager!.id }]);
  });

  it("lists a plan year's engagements by period, and the years that have any", async () => {
    // A year of its own: the demo seed plans the years around today.
    await createEngagement(manager(), engagement({ title: "Later audit", planYear: "2031-32", periodStart: "2031-09-01", periodEnd: "2031-09-30" }));
    await createEngagement(manager(), engagement({ title: "Earlier audit", planYear: "2031-32", periodStart: "2031-05-01", periodEnd: "2031-05-31" }));
    const { engagements, total } = await listEngagements(manager(), { planYear: "2031-32", page: 1 });
    expect(total).toBe(2);
    expect(engagements.map((row) => row.title)).toEqual(["Earlier audit", "Later audit"]);
    expect(engagements[0]).toMatchObject({ orgUnit: { code: "KOTH-014" }, auditors: ["Rohan Deshpande"] });
    expect(await planYearsOf(manager())).toEqual(expect.arrayContaining(["2031-32", "2026-27"]));
    expect(await planYearsOf(sahyadri.actor("cae"))).not.toContain("2031-32");
  });

  it("offers active branches and departments, and active auditors only", async () => {
    const { units, auditors } = await engagementChoices(manager());
    expect(units.map((unit) => unit.code)).toEqual(expect.arrayContaining(["KOTH-014", "CRD"]));
    expect(units.map((unit) => unit.code)).not.toContain("HO");
    expect(auditors.map((person) => person.name).sort()).toEqual(["Rohan Deshpande", "Sneha Joshi"]);
  });

  it("refuses a unit of another bank, and people who are not auditors", async () => {
    await expect(createEngagement(manager(), engagement({ orgUnitId: sahyadri.units["STR-001"]! }))).rejects.toMatchObject({
      name: "RuleError",
      field: "orgUnitId",
    });
    await expect(createEngagement(manager(), engagement({ auditorIds: [vetalHill.users.cco!.id] }))).rejects.toMatchObject({
      field: "auditorIds",
    });
    await expect(createEngagement(manager(), engagement({ auditorIds: [sahyadri.users.auditor!.id] }))).rejects.toBeInstanceOf(RuleError);
    await expect(createEngagement(manager(), engagement({ periodStart: "2026-05-01", periodEnd: "2026-04-30" }))).rejects.toMatchObject({
      field: "periodEnd",
    });
  });

  it("saves changes at the version the form was opened at, replacing the auditors", async () => {
    const { id } = await createEngagement(manager(), engagement());
    await updateEngagement(manager(), id, {
      ...engagement({ title: "Concurrent audit, Q1", status: "IN_PROGRESS", auditorIds: [vetalHill.users.auditor2!.id] }),
      version: 1,
    });
    const detail = await engagementDetail(manager(), id);
    expect(detail).toMatchObject({ title: "Concurrent audit, Q1", status: "IN_PROGRESS", version: 2, auditors: [{ name: "Sneha Joshi" }] });
    const actions = await owner.auditEntry.findMany({
      where: { tenantId: vetalHill.tenantId, action: "engagement.update", entity: { in: ["engagement", "engagement_auditor"] } },
      select: { entity: true, before: true, after: true },
    });
    expect(actions.map((entry) => entry.entity).sort()).toEqual(["engagement", "engagement_auditor", "engagement_auditor"]);
  });

  it("refuses a stale form and writes nothing", async () => {
    const { id } = await createEngagement(manager(), engagement());
    await updateEngagement(manager(), id, { ...engagement({ title: "First save" }), version: 1 });
    const before = await engagementDetail(manager(), id);
    const stale = updateEngagement(manager(), id, { ...engagement({ title: "From an old tab", auditorIds: [] }), version: 1 });
    await expect(stale).rejects.toBeInstanceOf(StaleRecordError);
    await expect(stale).rejects.toMatchObject({ current: { version: 2 } });
    expect(await engagementDetail(manager(), id)).toEqual(before);
  });

  it("keeps a deactivated auditor already assigned when saving other changes", async () => {
    const { id } = await createEngagement(manager(), engagement({ auditorIds: [vetalHill.users.auditor2!.id] }));
    await owner.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.tenant_id', ${vetalHill.tenantId}, true)`;
      await tx.user.update({
        where: { tenantId_id: { tenantId: vetalHill.tenantId, id: vetalHill.users.auditor2!.id } },
        data: { status: "DEACTIVATED" },
      });
    });
    try {
      const choices = await engagementChoices(manager(), { orgUnitId: vetalHill.units["KOTH-014"]!, auditorIds: [vetalHill.users.auditor2!.id] });
      expect(choices.auditors.map((person) => person.name)).toContain("Sneha Joshi");
      await updateEngagement(manager(), id, { ...engagement({ title: "Renamed", auditorIds: [vetalHill.users.auditor2!.id] }), version: 1 });
      expect((await engagementDetail(manager(), id))?.auditors).toMatchObject([{ name: "Sneha Joshi" }]);
    } finally {
      await owner.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT set_config('app.tenant_id', ${vetalHill.tenantId}, true)`;
        await tx.user.update({
          where: { tenantId_id: { tenantId: vetalHill.tenantId, id: vetalHill.users.auditor2!.id } },
          data: { status: "ACTIVE" },
        });
      });
    }
  });

  it("does not find another bank's engagement", async () => {
    const theirs = await createEngagement(sahyadri.actor("cae"), {
      ...engagement({ orgUnitId: sahyadri.units["STR-001"]!, auditorIds: [sahyadri.users.auditor!.id] }),
    });
    expect(await engagementDetail(manager(), theirs.id)).toBeNull();
    await expect(updateEngagement(manager(), theirs.id, { ...engagement(), version: 1 })).rejects.toBeInstanceOf(RecordNotFoundError);
    const { engagements } = await listEngagements(manager(), { planYear: "2026-27", page: 1 });
    expect(engagements.length).toBeGreaterThan(0);
    expect(engagements.map((row) => row.id)).not.toContain(theirs.id);
  });
});

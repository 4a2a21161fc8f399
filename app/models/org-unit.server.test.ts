import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordNotFoundError, RuleError, StaleRecordError } from "~/domain/errors";
import type { PrismaClient } from "~/generated/prisma/client";
import { type SeededBank, seedDemoBanks } from "../../scripts/testing/demo-banks";
import {
  assignableUnits,
  createOrgUnit,
  listOrgUnits,
  orgUnitDetail,
  parentChoices,
  renameOrgUnit,
  setOrgUnitActive,
} from "./org-unit.server";

let owner: PrismaClient;
let vetalHill: SeededBank;
let sahyadri: SeededBank;

beforeAll(async () => {
  ({ owner, vetalHill, sahyadri } = await seedDemoBanks());
});
afterAll(() => owner.$disconnect());

const admin = () => vetalHill.actor("admin");

function auditEntriesFor(tenantId: string, entityId: string) {
  return owner.auditEntry.findMany({ where: { tenantId, entity: "org_unit", entityId }, orderBy: { seq: "asc" } });
}

describe("creating units", () => {
  it("adds a branch under a zone, with an audit entry naming who did it", async () => {
    const zone = await createOrgUnit(admin(), { kind: "ZONE", code: "pune-w", name: "Pune West Zone", parentId: vetalHill.units.HO });
    expect(zone.code).toBe("PUNE-W");
    const branch = await createOrgUnit(admin(), { kind: "BRANCH", code: "BANE-040", name: "Baner Branch", parentId: zone.id });

    const detail = await orgUnitDetail(admin(), branch.id);
    expect(detail).toMatchObject({ kind: "BRANCH", code: "BANE-040", name: "Baner Branch", active: true, version: 1 });
    expect(detail?.parent).toMatchObject({ id: zone.id, code: "PUNE-W" });

    const [entry] = await auditEntriesFor(vetalHill.tenantId, branch.id);
    expect(entry).toMatchObject({
      action: "org.create",
      actorId: vetalHill.users.admin!.id,
      actorEmail: vetalHill.users.admin!.email,
      ip: "203.0.113.7",
    });
    expect(entry?.after).toMatchObject({ code: "BANE-040", name: "Baner Branch" });
  });

  it("refuses a code the bank already uses, whatever its case", async () => {
    await expect(createOrgUnit(admin(), { kind: "BRANCH", code: "koth-014", name: "Another Kothrud" })).rejects.toMatchObject({
      name: "RuleError",
      field: "code",
    });
  });

  it("lets another bank use the same code", async () => {
    const unit = await createOrgUnit(sahyadri.actor("admin"), { kind: "BRANCH", code: "KOTH-014", name: "Kothrud (Sahyadri)" });
    expect(unit.code).toBe("KOTH-014");
  });

  it("refuses a second head office and a parent of the wrong kind", async () => {
    await expect(createOrgUnit(admin(), { kind: "HEAD_OFFICE", code: "HO2", name: "Second Head Office" })).rejects.toMatchObject({
      field: "kind",
    });
    await expect(
      createOrgUnit(admin(), { kind: "BRANCH", code: "SUB-1", name: "Branch under a branch", parentId: vetalHill.units["KOTH-014"] }),
    ).rejects.toMatchObject({ field: "parentId" });
  });

  it("refuses a parent from another bank as if it did not exist", async () => {
    await expect(
      createOrgUnit(admin(), { kind: "BRANCH", code: "XB-1", name: "Cross-bank", parentId: sahyadri.units.HO }),
    ).rejects.toMatchObject({ name: "RuleError", field: "parentId" });
  });
});

describe("renaming", () => {
  it("renames at the current version and records before and after", async () => {
    const unit = await createOrgUnit(admin(), { kind: "DEPARTMENT", code: "HRD", name: "HR Dept", parentId: vetalHill.units.HO });
    await renameOrgUnit(admin(), { id: unit.id, version: 1, name: "Human Resources Department" });
    const detail = await orgUnitDetail(admin(), unit.id);
    expect(detail).toMatchObject({ name: "Human Resources Department", version: 2 });

    const entries = await auditEntriesFor(vetalHill.tenantId, unit.id);
    const rename = entries.find((entry) => entry.action === "org.rename");
    expect(rename?.before).toMatchObject({ name: "HR Dept", version: 1 });
    expect(rename?.after).toMatchObject({ name: "Human Resources Department", version: 2 });
  });

  it("refuses a stale version and says what the unit is called now", async () => {
    const unit = await createOrgUnit(admin(), { kind: "BRANCH", code: "WAKD-051", name: "Wakad Branch" });
    await renameOrgUnit(admin(), { id: unit.id, version: 1, name: "Wakad Main Branch" });
    const stale = await renameOrgUnit(admin(), { id: unit.id, version: 1, name: "Wakad Branch, Pune" }).catch((error) => error);
    expect(stale).toBeInstanceOf(StaleRecordError);
    expect(stale.message).toBe("This was changed by someone else since you opened it.");
    expect(stale.current).toMatchObject({ name: "Wakad Main Branch", version: 2 });
    expect((await orgUnitDetail(admin(), unit.id))?.name).toBe("Wakad Main Branch");
  });
});

describe("deactivating and reactivating", () => {
  it("deactivates a branch (never deleting it) and brings it back", async () => {
    const unit = await createOrgUnit(admin(), { kind: "BRANCH", code: "CHIN-060", name: "Chinchwad Branch" });
    await setOrgUnitActive(admin(), { id: unit.id, version: 1, active: false });
    expect(await orgUnitDetail(admin(), unit.id)).toMatchObject({ active: false, version: 2 });
    expect((await assignableUnits(admin())).map((choice) => choice.id)).not.toContain(unit.id);

    await setOrgUnitActive(admin(), { id: unit.id, version: 2, active: true });
    expect(await orgUnitDetail(admin(), unit.id)).toMatchObject({ active: true, version: 3 });

    const actions = (await auditEntriesFor(vetalHill.tenantId, unit.id)).map((entry) => entry.action);
    expect(actions).toEqual(["org.create", "org.deactivate", "org.reactivate"]);
  });

  it("keeps a unit with active units under it, and the head office, active", async () => {
    const zone = await createOrgUnit(admin(), { kind: "ZONE", code: "NASIK-Z", name: "Nashik Zone", parentId: vetalHill.units.HO });
    const branch = await createOrgUnit(admin(), { kind: "BRANCH", code: "NSK-001", name: "Nashik Branch", parentId: zone.id });
    await expect(setOrgUnitActive(admin(), { id: zone.id, version: 1, active: false })).rejects.toBeInstanceOf(RuleError);
    await expect(setOrgUnitActive(admin(), { id: vetalHill.units.HO!, version: 1, active: false })).rejects.toThrow(
      "The head office cannot be deactivated.",
    );

    // Bottom-up works; a unit only comes back under an active parent.
    await setOrgUnitActive(admin(), { id: branch.id, version: 1, active: false });
    await setOrgUnitActive(admin(), { id: zone.id, version: 1, active: false });
    await expect(setOrgUnitActive(admin(), { id: branch.id, version: 2, active: true })).rejects.toThrow(/Reactivate it first/);
    expect((await parentChoices(admin())).map((choice) => choice.id)).not.toContain(zone.id);
  });

  it("refuses a stale deactivation", async () => {
    const unit = await createOrgUnit(admin(), { kind: "BRANCH", code: "PIMP-070", name: "Pimpri Branch" });
    await renameOrgUnit(admin(), { id: unit.id, version: 1, name: "Pimpri Camp Branch" });
    await expect(setOrgUnitActive(admin(), { id: unit.id, version: 1, active: false })).rejects.toBeInstanceOf(StaleRecordError);
  });
});

describe("another bank's units", () => {
  it("are not found: not read, renamed or deactivated", async () => {
    const theirs = sahyadri.units["STR-001"]!;
    expect(await orgUnitDetail(admin(), theirs)).toBeNull();
    await expect(renameOrgUnit(admin(), { id: theirs, version: 1, name: "Taken over" })).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(setOrgUnitActive(admin(), { id: theirs, version: 1, active: false })).rejects.toBeInstanceOf(RecordNotFoundError);

    const unchanged = await owner.orgUnit.findFirstOrThrow({ where: { id: theirs } });
    expect(unchanged).toMatchObject({ name: "Satara Main Branch", active: true, version: 1 });
  });

  it("never appear in a list", async () => {
    const { units, total } = await listOrgUnits(admin(), { page: 1 });
    expect(total).toBeGreaterThanOrEqual(7);
    expect(units.map((unit) => unit.id)).not.toContain(sahyadri.units.HO);
    expect(units[0]).toMatchObject({ kind: "HEAD_OFFICE", code: "HO" });
  });
});

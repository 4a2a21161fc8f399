import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordNotFoundError, RuleError, StaleRecordError } from "~/domain/errors";
import type { Role } from "~/domain/permissions";
import type { PrismaClient } from "~/generated/prisma/client";
import { acceptInvitation, inviteUser } from "~/models/invitation.server";
import { resolveSession } from "~/models/session.server";
import { registerBank } from "~/models/tenant.server";
import { signIn } from "~/models/sign-in.server";
import type { Actor } from "~/utils/actor.server";
import { type SeededBank, seedDemoBanks } from "../../scripts/testing/demo-banks";
import { changeUserAccess, listUsers, setUserActive, userDetail } from "./user.server";

let owner: PrismaClient;
let vetalHill: SeededBank;
let sahyadri: SeededBank;

beforeAll(async () => {
  ({ owner, vetalHill, sahyadri } = await seedDemoBanks());
});
afterAll(() => owner.$disconnect());

const PASSWORD = "Monsoon-Ledger-Balance-42";
const client = { ip: "198.51.100.30", userAgent: "vitest browser" };
const admin = () => vetalHill.actor("admin");

/** A fresh person at Vetal Hill, joined through an invitation: their id and session token. */
async function newPerson(key: string, roles: Role[], units: string[] = []) {
  const email = `${key}@vetalhill.example`;
  const { token } = await inviteUser(
    admin(),
    { name: `Person ${key}`, email, roles, orgUnitIds: units.map((code) => vetalHill.units[code]!) },
    { origin: "https://aegis.test" },
  );
  const accepted = await acceptInvitation({ token, name: `Person ${key}`, password: PASSWORD, ...client });
  const actor: Actor = { tenantId: vetalHill.tenantId, actorId: accepted.userId, actorEmail: email, sessionId: null, ip: client.ip, userAgent: "vitest" };
  return { id: accepted.userId, email, sessionToken: accepted.token, actor };
}

describe("listing people", () => {
  it("shows this bank's people with roles and branches, never another bank's", async () => {
    const { users, total } = await listUsers(admin(), { page: 1 });
    expect(total).toBeGreaterThanOrEqual(10);
    const kothrud = users.find((user) => user.email === "kothrud@vetalhill.example");
    expect(kothrud).toMatchObject({ name: "Sunita Pawar", status: "ACTIVE", roles: ["AUDITEE"] });
    expect(kothrud?.units).toEqual([{ code: "KOTH-014", name: "Kothrud Branch", active: true }]);
    expect(users.some((user) => user.email.endsWith("@sahyadri.example"))).toBe(false);
  });
});

describe("changing roles and branches", () => {
  it("writes only the differences, each in the audit trail, and bumps the version", async () => {
    const person = await newPerson("ravi", ["AUDITEE"], ["KOTH-014"]);
    await changeUserAccess(admin(), {
      userId: person.id,
      version: 1,
      roles: ["AUDITEE", "AUDITOR"],
      orgUnitIds: [vetalHill.units["AUND-022"]!],
    });
    const detail = await userDetail(admin(), person.id);
    expect(detail?.roles.sort()).toEqual(["AUDITEE", "AUDITOR"]);
    expect(detail?.units.map((unit) => unit.code)).toEqual(["AUND-022"]);
    expect(detail?.version).toBe(2);

    const entries = await owner.auditEntry.findMany({
      where: { tenantId: vetalHill.tenantId, action: "user.change_roles", entityId: person.id },
      orderBy: { seq: "asc" },
    });
    const summary = entries.map((entry) => `${entry.entity}:${entry.before ? "-" : "+"}`).sort();
    // app_user (version), +AUDITOR, -KOTH-014, +AUND-022; AUDITEE is untouched.
    expect(summary).toEqual(["app_user:-", "user_org_unit:+", "user_org_unit:-", "user_role:+"]);
    expect(entries.every((entry) => entry.actorId === vetalHill.users.admin!.id)).toBe(true);

    // The person's next request carries the new roles.
    expect((await resolveSession(person.sessionToken, client)).user?.roles.sort()).toEqual(["AUDITEE", "AUDITOR"]);
  });

  it("refuses a stale form and reports the roles as they are now", async () => {
    const person = await newPerson("stale", ["AUDITOR"]);
    await changeUserAccess(admin(), { userId: person.id, version: 1, roles: ["AUDITOR", "CCO"], orgUnitIds: [] });
    const stale = await changeUserAccess(admin(), { userId: person.id, version: 1, roles: ["CEO"], orgUnitIds: [] }).catch((error) => error);
    expect(stale).toBeInstanceOf(StaleRecordError);
    expect(stale.current).toMatchObject({ version: 2 });
    expect(stale.current.roles.sort()).toEqual(["AUDITOR", "CCO"]);
    expect((await userDetail(admin(), person.id))?.roles.sort()).toEqual(["AUDITOR", "CCO"]);
  });

  it("requires a branch for an auditee and keeps a deactivated branch someone already has", async () => {
    const person = await newPerson("hadapsar", ["AUDITEE"], ["HDPS-031"]);
    await expect(changeUserAccess(admin(), { userId: person.id, version: 1, roles: ["AUDITEE"], orgUnitIds: [] })).rejects.toMatchObject({
      field: "orgUnitIds",
    });
    await owner.orgUnit.update({ where: { tenantId_id: { tenantId: vetalHill.tenantId, id: vetalHill.units["HDPS-031"]! } }, data: { active: false } });
    try {
      await changeUserAccess(admin(), {
        userId: person.id,
        version: 1,
        roles: ["AUDITEE", "CEO"],
        orgUnitIds: [vetalHill.units["HDPS-031"]!],
      });
      expect((await userDetail(admin(), person.id))?.units.map((unit) => unit.code)).toEqual(["HDPS-031"]);
    } finally {
      await owner.orgUnit.update({ where: { tenantId_id: { tenantId: vetalHill.tenantId, id: vetalHill.units["HDPS-031"]! } }, data: { active: true } });
    }
  });
});

describe("deactivating", () => {
  it("ends every session at once and stops sign-in; reactivating lets them back", async () => {
    const person = await newPerson("leaver", ["AUDITOR"]);
    const second = await signIn({ email: person.email, password: PASSWORD, ...client });
    expect(second.ok).toBe(true);

    await setUserActive(admin(), { userId: person.id, version: 1, active: false });
    const sessions = await owner.session.findMany({ where: { tenantId: vetalHill.tenantId, userId: person.id } });
    expect(sessions.length).toBe(2);
    expect(sessions.every((session) => session.endedAt !== null && session.endReason === "user deactivated")).toBe(true);
    expect((await resolveSession(person.sessionToken, client)).user).toBeNull();
    expect((await signIn({ email: person.email, password: PASSWORD, ...client })).ok).toBe(false);

    const actions = await owner.auditEntry.findMany({
      where: { tenantId: vetalHill.tenantId, action: "user.deactivate", actorId: vetalHill.users.admin!.id },
      select: { entity: true, entityId: true },
    });
    expect(actions).toEqual(expect.arrayContaining([{ entity: "app_user", entityId: person.id }, expect.objectContaining({ entity: "session" })]));

    await setUserActive(admin(), { userId: person.id, version: 2, active: true });
    expect((await userDetail(admin(), person.id))?.status).toBe("ACTIVE");
    expect((await signIn({ email: person.email, password: PASSWORD, ...client })).ok).toBe(true);
  });

  it("refuses a stale deactivation", async () => {
    const person = await newPerson("busy", ["AUDITOR"]);
    await changeUserAccess(admin(), { userId: person.id, version: 1, roles: ["AUDITOR", "CEO"], orgUnitIds: [] });
    await expect(setUserActive(admin(), { userId: person.id, version: 1, active: false })).rejects.toBeInstanceOf(StaleRecordError);
    expect((await userDetail(admin(), person.id))?.status).toBe("ACTIVE");
  });
});

describe("keeping an administrator", () => {
  it("refuses an administrator removing their own administrator role or deactivating themselves", async () => {
    const self = await newPerson("selfadmin", ["ADMIN"]);
    await expect(changeUserAccess(self.actor, { userId: self.id, version: 1, roles: ["AUDITOR"], orgUnitIds: [] })).rejects.toThrow(
      /cannot remove your own administrator role/,
    );
    await expect(setUserActive(self.actor, { userId: self.id, version: 1, active: false })).rejects.toThrow(
      /cannot deactivate your own account/,
    );
    // Adding a role to oneself is fine.
    await changeUserAccess(self.actor, { userId: self.id, version: 1, roles: ["ADMIN", "CEO"], orgUnitIds: [] });
  });

  it("refuses taking administrator power from the bank's last active administrator", async () => {
    // Sahyadri has one administrator. Whoever acts (the model does not
    // check permissions: routes do), the bank keeps an administrator.
    const cae = sahyadri.actor("cae");
    const lastAdmin = sahyadri.users.admin!;
    const removeRole = changeUserAccess(cae, { userId: lastAdmin.id, version: 1, roles: ["CCO"], orgUnitIds: [] });
    await expect(removeRole).rejects.toThrow(/last active administrator/);
    await expect(setUserActive(cae, { userId: lastAdmin.id, version: 1, active: false })).rejects.toThrow(/last active administrator/);

    const still = await owner.user.findFirstOrThrow({
      where: { id: lastAdmin.id },
      select: { status: true, version: true, roles: { select: { role: true } } },
    });
    expect(still).toEqual({ status: "ACTIVE", version: 1, roles: [{ role: "ADMIN" }] });
  });

  it("lets one of two administrators be removed, but never both at once", async () => {
    // A bank of its own, with exactly two administrators.
    const founder = await registerBank(
      { bankName: "Twin Admins Sahakari Bank", rbiLicenceNo: "UCB.MH.9901.P", tier: "TIER_1", adminName: "Founding Admin", adminEmail: "founder@twin.example", password: PASSWORD },
      client,
    );
    const founderActor: Actor = { tenantId: founder.tenantId, actorId: founder.userId, actorEmail: "founder@twin.example", sessionId: null, ip: client.ip, userAgent: "vitest" };
    const { token } = await inviteUser(founderActor, { name: "Second Admin", email: "second@twin.example", roles: ["ADMIN"], orgUnitIds: [] }, { origin: "https://aegis.test" });
    const second = await acceptInvitation({ token, name: "Second Admin", password: PASSWORD, ...client });
    const secondActor: Actor = { ...founderActor, actorId: second.userId, actorEmail: "second@twin.example" };

    const results = await Promise.allSettled([
      changeUserAccess(founderActor, { userId: second.userId, version: 1, roles: ["AUDITOR"], orgUnitIds: [] }),
      setUserActive(secondActor, { userId: founder.userId, version: 1, active: false }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refusal = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refusal.reason).toBeInstanceOf(RuleError);
    expect(refusal.reason.message).toMatch(/last active administrator/);
    const admins = await owner.user.count({
      where: { tenantId: founder.tenantId, status: "ACTIVE", roles: { some: { role: "ADMIN" } } },
    });
    expect(admins).toBe(1);
  });
});

describe("another bank's people", () => {
  it("are not found: not read, changed or deactivated", async () => {
    const theirs = sahyadri.users.satara!;
    expect(await userDetail(admin(), theirs.id)).toBeNull();
    await expect(changeUserAccess(admin(), { userId: theirs.id, version: 1, roles: ["ADMIN"], orgUnitIds: [] })).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
    await expect(setUserActive(admin(), { userId: theirs.id, version: 1, active: false })).rejects.toBeInstanceOf(RecordNotFoundError);
    const unchanged = await owner.user.findFirstOrThrow({ where: { id: theirs.id }, select: { status: true, version: true } });
    expect(unchanged).toEqual({ status: "ACTIVE", version: 1 });
  });

  it("cannot be given this bank's branches, nor this bank's people another bank's", async () => {
    const person = await newPerson("crossbranch", ["AUDITEE"], ["KOTH-014"]);
    await expect(
      changeUserAccess(admin(), { userId: person.id, version: 1, roles: ["AUDITEE"], orgUnitIds: [sahyadri.units["STR-001"]!] }),
    ).rejects.toMatchObject({ field: "orgUnitIds" });
  });
});

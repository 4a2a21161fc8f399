import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordNotFoundError, RuleError } from "~/domain/errors";
import type { PrismaClient } from "~/generated/prisma/client";
import { resolveSession } from "~/models/session.server";
import { signIn } from "~/models/sign-in.server";
import { type SeededBank, seedDemoBanks } from "../../scripts/testing/demo-banks";
import {
  INVITATION_LIFETIME_MS,
  InvitationClosedError,
  acceptInvitation,
  inviteUser,
  openInvitation,
  pendingInvitations,
  revokeInvitation,
} from "./invitation.server";

let owner: PrismaClient;
let vetalHill: SeededBank;
let sahyadri: SeededBank;

beforeAll(async () => {
  ({ owner, vetalHill, sahyadri } = await seedDemoBanks());
});
afterAll(() => owner.$disconnect());

const ORIGIN = "https://aegis.test";
const PASSWORD = "Monsoon-Ledger-Balance-42";
const client = { ip: "198.51.100.20", userAgent: "vitest browser" };
const admin = () => vetalHill.actor("admin");
/** What the audit trail holds, as text, to look for things it must not. */
const trailText = (entries: { before: unknown; after: unknown }[]) => JSON.stringify(entries.map(({ before, after }) => [before, after]));

describe("inviting", () => {
  it("stores only the token's hash and records the message carrying the link", async () => {
    const invitation = await inviteUser(
      admin(),
      { name: "Asha Kale", email: "Asha.Kale@VetalHill.example", roles: ["AUDITEE"], orgUnitIds: [vetalHill.units["AUND-022"]!] },
      { origin: ORIGIN },
    );
    expect(invitation.link).toBe(`${ORIGIN}/invite/${invitation.token}`);
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const row = await owner.invitation.findFirstOrThrow({ where: { id: invitation.id } });
    expect(row.email).toBe("asha.kale@vetalhill.example");
    expect(row.tokenHash).toBe(createHash("sha256").update(invitation.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(invitation.token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(INVITATION_LIFETIME_MS);

    const message = await owner.outgoingMessage.findFirstOrThrow({
      where: { tenantId: vetalHill.tenantId, toAddress: "asha.kale@vetalhill.example", kind: "invitation" },
    });
    expect(message.status).toBe("RECORDED");
    expect(message.body).toContain(invitation.link);

    // The audit trail records the invitation but neither the hash nor the link.
    const entries = await owner.auditEntry.findMany({ where: { tenantId: vetalHill.tenantId, action: "user.invite" } });
    expect(entries.map((entry) => entry.entity).sort()).toEqual(["invitation", "outgoing_message"]);
    expect(trailText(entries)).not.toContain(row.tokenHash);
    expect(trailText(entries)).not.toContain(invitation.token);

    // Administrators see the link beside the pending invitation.
    const pending = await pendingInvitations(admin());
    const shown = pending.find((item) => item.id === invitation.id);
    expect(shown).toMatchObject({ email: "asha.kale@vetalhill.example", expired: false, link: invitation.link });
    expect(shown?.units.map((unit) => unit.code)).toEqual(["AUND-022"]);
  });

  it("refuses an address that already has an account here, or a pending invitation", async () => {
    const taken = inviteUser(admin(), { name: "Dup", email: "KOTHRUD@vetalhill.example", roles: ["AUDITOR"], orgUnitIds: [] }, { origin: ORIGIN });
    await expect(taken).rejects.toMatchObject({ name: "RuleError", field: "email", message: expect.stringContaining("already has an account") });

    await inviteUser(admin(), { name: "Once", email: "once@vetalhill.example", roles: ["AUDITOR"], orgUnitIds: [] }, { origin: ORIGIN });
    const twice = inviteUser(admin(), { name: "Twice", email: "once@vetalhill.example", roles: ["CCO"], orgUnitIds: [] }, { origin: ORIGIN });
    await expect(twice).rejects.toMatchObject({ field: "email", message: expect.stringContaining("already waiting") });
  });

  it("lets the same address be invited by another bank", async () => {
    const invitation = await inviteUser(
      sahyadri.actor("admin"),
      { name: "Sunita Pawar", email: "kothrud@vetalhill.example", roles: ["AUDITOR"], orgUnitIds: [] },
      { origin: ORIGIN },
    );
    expect(invitation.id).toBeTruthy();
  });

  it("requires branches for an auditee, and only this bank's active ones", async () => {
    const none = inviteUser(admin(), { name: "No Branch", email: "nobranch@vetalhill.example", roles: ["AUDITEE"], orgUnitIds: [] }, { origin: ORIGIN });
    await expect(none).rejects.toMatchObject({ field: "orgUnitIds" });
    const foreign = inviteUser(
      admin(),
      { name: "Foreign Branch", email: "foreign@vetalhill.example", roles: ["AUDITEE"], orgUnitIds: [sahyadri.units["STR-001"]!] },
      { origin: ORIGIN },
    );
    await expect(foreign).rejects.toMatchObject({ field: "orgUnitIds" });
  });
});

describe("accepting", () => {
  it("creates the account with the invited roles and branches, signs in, and works once", async () => {
    const { token, id } = await inviteUser(
      admin(),
      { name: "Vikram Rao", email: "vikram.rao@vetalhill.example", roles: ["AUDITEE", "AUDITOR"], orgUnitIds: [vetalHill.units["KOTH-014"]!, vetalHill.units.CRD!] },
      { origin: ORIGIN },
    );
    expect(await openInvitation(token)).toMatchObject({
      state: "open",
      email: "vikram.rao@vetalhill.example",
      bankName: vetalHill.name,
    });

    const accepted = await acceptInvitation({ token, name: "Vikram S. Rao", password: PASSWORD, ...client });
    const session = await resolveSession(accepted.token, client);
    expect(session.user).toMatchObject({ name: "Vikram S. Rao", email: "vikram.rao@vetalhill.example", tenantId: vetalHill.tenantId });
    expect(session.user?.roles.sort()).toEqual(["AUDITEE", "AUDITOR"]);
    expect(session.user?.orgUnitIds.sort()).toEqual([vetalHill.units["KOTH-014"], vetalHill.units.CRD].sort());

    const stored = await owner.user.findFirstOrThrow({ where: { tenantId: vetalHill.tenantId, email: "vikram.rao@vetalhill.example" } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await signIn({ email: "vikram.rao@vetalhill.example", password: PASSWORD, ...client })).ok).toBe(true);

    // Single use: the link is spent, and says so.
    expect((await openInvitation(token))?.state).toBe("accepted");
    await expect(acceptInvitation({ token, name: "Someone Else", password: PASSWORD, ...client })).rejects.toMatchObject({
      state: "accepted",
    });
    expect(await owner.user.count({ where: { tenantId: vetalHill.tenantId, email: "vikram.rao@vetalhill.example" } })).toBe(1);

    const entries = await owner.auditEntry.findMany({ where: { tenantId: vetalHill.tenantId, action: "user.accept_invitation" } });
    expect(entries.map((entry) => entry.entity)).toEqual(
      expect.arrayContaining(["invitation", "app_user", "user_role", "user_org_unit", "session"]),
    );
    expect(entries.every((entry) => entry.actorId === stored.id)).toBe(true);
    expect(trailText(entries)).not.toContain(stored.passwordHash!);
    expect((await owner.invitation.findFirstOrThrow({ where: { id } })).acceptedAt).not.toBeNull();
  });

  it("refuses an expired link", async () => {
    const sent = new Date(Date.now() - INVITATION_LIFETIME_MS - 60_000);
    const { token } = await inviteUser(
      admin(),
      { name: "Late Comer", email: "late@vetalhill.example", roles: ["CEO"], orgUnitIds: [] },
      { origin: ORIGIN, now: sent },
    );
    expect((await openInvitation(token))?.state).toBe("expired");
    const refused = await acceptInvitation({ token, name: "Late Comer", password: PASSWORD, ...client }).catch((error) => error);
    expect(refused).toBeInstanceOf(InvitationClosedError);
    expect(refused.state).toBe("expired");
    expect(await owner.user.count({ where: { email: "late@vetalhill.example" } })).toBe(0);
    // An expired invitation no longer blocks a new one, and shows no link.
    expect((await pendingInvitations(admin())).find((item) => item.email === "late@vetalhill.example")).toMatchObject({
      expired: true,
      link: null,
    });
  });

  it("refuses a revoked link", async () => {
    const { token, id } = await inviteUser(
      admin(),
      { name: "Withdrawn", email: "withdrawn@vetalhill.example", roles: ["CCO"], orgUnitIds: [] },
      { origin: ORIGIN },
    );
    await revokeInvitation(admin(), id);
    expect((await openInvitation(token))?.state).toBe("revoked");
    await expect(acceptInvitation({ token, name: "Withdrawn", password: PASSWORD, ...client })).rejects.toMatchObject({ state: "revoked" });
    await expect(revokeInvitation(admin(), id)).rejects.toBeInstanceOf(RuleError);
    expect((await pendingInvitations(admin())).map((item) => item.id)).not.toContain(id);
  });

  it("knows nothing of an unknown token", async () => {
    expect(await openInvitation("not-a-real-token-at-all-000000000000000000")).toBeNull();
    await expect(acceptInvitation({ token: "nope", name: "Nobody", password: PASSWORD, ...client })).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
  });

  it("applies the password policy", async () => {
    const { token } = await inviteUser(
      admin(),
      { name: "Weak Password", email: "weak@vetalhill.example", roles: ["AUDITOR"], orgUnitIds: [] },
      { origin: ORIGIN },
    );
    await expect(acceptInvitation({ token, name: "Weak Password", password: "password1234", ...client })).rejects.toMatchObject({
      field: "password",
    });
    expect((await openInvitation(token))?.state).toBe("open");
  });
});

describe("another bank's invitations", () => {
  it("cannot be revoked or listed", async () => {
    const theirs = await inviteUser(
      sahyadri.actor("admin"),
      { name: "Sahyadri Auditor", email: "auditor2@sahyadri.example", roles: ["AUDITOR"], orgUnitIds: [] },
      { origin: ORIGIN },
    );
    await expect(revokeInvitation(admin(), theirs.id)).rejects.toBeInstanceOf(RecordNotFoundError);
    expect((await pendingInvitations(admin())).map((item) => item.id)).not.toContain(theirs.id);
    expect((await owner.invitation.findFirstOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
  });
});

import { randomBytes, randomUUID } from "node:crypto";
import { RecordNotFoundError, RuleError } from "~/domain/errors";
import type { Role } from "~/domain/permissions";
import { formatDate } from "~/domain/format";
import { Prisma } from "~/generated/prisma/client";
import { checkAssignableUnits } from "~/models/org-unit.server";
import { hashToken, openSession } from "~/models/session.server";
import type { Actor } from "~/utils/actor.server";
import { bindTenant, withCredential, withTenant } from "~/utils/db.server";
import { hashPassword, passwordProblem } from "~/utils/password.server";

/**
 * Invitations: how staff join their bank in Aegis. An administrator invites
 * a person by email with their roles and branches; the person opens a
 * single-use link, chooses a password, and their account is created.
 *
 * The link's token is random and only its SHA-256 is kept on the
 * invitation, like session tokens. Until email delivery exists the message
 * that would be sent (with the link) is recorded in outgoing_message, and
 * administrators see the link beside the pending invitation to pass it on.
 */

/** How long an invitation link works. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** Pending invitations shown at once (newest first). */
export const MAX_PENDING_SHOWN = 100;
const MESSAGE_KIND = "invitation";

export type InvitationField = "name" | "email" | "roles" | "orgUnitIds" | "password";

export interface NewInvitation {
  name: string;
  email: string;
  roles: readonly Role[];
  orgUnitIds: readonly string[];
}

/** The address the link points at, e.g. https://aegis.bank.in/invite/<token>. */
export function invitationLink(origin: string, token: string) {
  return `${origin}/invite/${token}`;
}

/**
 * Records an invitation and the message carrying its link. Refuses an
 * address that already has an account at this bank (active or not: a
 * deactivated person is reactivated, which keeps their history) or a
 * pending invitation.
 */
export async function inviteUser(actor: Actor, input: NewInvitation, options: { origin: string; now?: Date }) {
  const now = options.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const { tenantId } = actor;
  return withTenant({ ...actor, action: "user.invite" }, async (tx) => {
    const existing = await tx.user.findFirst({ where: { tenantId, email }, select: { status: true } });
    if (existing) {
      throw new RuleError<InvitationField>(
        existing.status === "ACTIVE"
          ? `${email} already has an account at this bank.`
          : `${email} has a deactivated account at this bank. Reactivate it from the users list instead of inviting again.`,
        "email",
      );
    }
    const pending = await tx.invitation.findFirst({
      where: { tenantId, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      select: { createdAt: true },
    });
    if (pending) {
      throw new RuleError<InvitationField>(
        `An invitation to ${email} is already waiting (sent ${formatDate(pending.createdAt)}). Revoke it to send a new one.`,
        "email",
      );
    }
    const roles = [...new Set(input.roles)];
    if (roles.length === 0) throw new RuleError<InvitationField>("Choose at least one role.", "roles");
    const orgUnitIds = await checkAssignableUnits(tx, tenantId, input.orgUnitIds);
    if (roles.includes("AUDITEE") && orgUnitIds.length === 0) {
      throw new RuleError<InvitationField>("An auditee must be assigned to at least one branch or department.", "orgUnitIds");
    }

    const token = randomBytes(32).toString("base64url");
    const invitation = await tx.invitation.create({
      data: {
        tenantId,
        email,
        name: input.name.trim(),
        roles,
        orgUnitIds,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
        invitedById: actor.actorId,
        createdAt: now,
      },
      select: { id: true, expiresAt: true },
    });

    const bank = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true } });
    const inviter = await tx.user.findFirst({ where: { tenantId, id: actor.actorId }, select: { name: true } });
    const link = invitationLink(options.origin, token);
    // Same created_at as the invitation: that is how the pending list finds
    // this message again (the message table has no invitation column).
    await tx.outgoingMessage.create({
      data: {
        tenantId,
        toAddress: email,
        kind: MESSAGE_KIND,
        subject: `Your Aegis account at ${bank.name}`,
        body: [
          `Dear ${input.name.trim()},`,
          "",
          `${inviter?.name ?? actor.actorEmail} has invited you to Aegis, ${bank.name}'s audit and compliance system.`,
          `Open this link to choose your password and sign in. It works once, until ${formatDate(invitation.expiresAt)}:`,
          "",
          link,
          "",
          "If you did not expect this, ignore this message.",
        ].join("\n"),
        createdAt: now,
      },
    });
    return { id: invitation.id, token, link, expiresAt: invitation.expiresAt };
  });
}

/**
 * Invitations neither accepted nor revoked, newest first, with their
 * branches and, while still usable, the link to pass on. Only for
 * administrators' eyes: the link lets anyone holding it join the bank.
 */
export async function pendingInvitations(actor: Actor, now = new Date()) {
  const { tenantId } = actor;
  return withTenant(actor, async (tx) => {
    const invitations = await tx.invitation.findMany({
      where: { tenantId, acceptedAt: null, revokedAt: null },
      orderBy: { createdAt: "desc" },
      take: MAX_PENDING_SHOWN,
      select: { id: true, email: true, name: true, roles: true, orgUnitIds: true, expiresAt: true, createdAt: true },
    });
    const live = invitations.filter((invitation) => invitation.expiresAt > now);
    const messages = live.length
      ? await tx.outgoingMessage.findMany({
          where: {
            tenantId,
            kind: MESSAGE_KIND,
            toAddress: { in: live.map((invitation) => invitation.email) },
            createdAt: { in: live.map((invitation) => invitation.createdAt) },
          },
          select: { toAddress: true, createdAt: true, body: true },
        })
      : [];
    const unitIds = [...new Set(invitations.flatMap((invitation) => invitation.orgUnitIds))];
    const units = unitIds.length
      ? await tx.orgUnit.findMany({ where: { tenantId, id: { in: unitIds } }, select: { id: true, code: true, name: true } })
      : [];
    const unitById = new Map(units.map((unit) => [unit.id, unit]));
    const linkOf = (email: string, createdAt: Date) => {
      const message = messages.find((row) => row.toAddress === email && row.createdAt.getTime() === createdAt.getTime());
      return message?.body.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)?.[0] ?? null;
    };
    return invitations.map((invitation) => {
      const expired = invitation.expiresAt <= now;
      return {
        id: invitation.id,
        email: invitation.email,
        name: invitation.name,
        roles: invitation.roles,
        units: invitation.orgUnitIds.flatMap((id) => unitById.get(id) ?? []),
        createdAt: invitation.createdAt,
        expiresAt: invitation.expiresAt,
        expired,
        link: expired ? null : linkOf(invitation.email, invitation.createdAt),
      };
    });
  });
}

/** Withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation(actor: Actor, id: string, now = new Date()) {
  const { tenantId } = actor;
  return withTenant({ ...actor, action: "user.revoke_invitation" }, async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { tenantId, id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 1) return tx.invitation.findFirstOrThrow({ where: { tenantId, id }, select: { email: true } });
    const invitation = await tx.invitation.findFirst({ where: { tenantId, id }, select: { acceptedAt: true } });
    if (!invitation) throw new RecordNotFoundError("invitation");
    throw new RuleError(invitation.acceptedAt ? "This invitation has already been accepted." : "This invitation was already revoked.");
  });
}

export type InvitationState = "open" | "expired" | "revoked" | "accepted";

/**
 * What an invitation link leads to, or null for a link that matches no
 * invitation. The bank is not known until the invitation is found, so the
 * token itself is the credential: row-level security shows only the
 * invitation with that token's hash, then the transaction is bound to its
 * bank to read the bank's name.
 */
export async function openInvitation(token: string, now = new Date()) {
  const tokenHash = hashToken(token);
  return withCredential({ invitationTokenHash: tokenHash }, async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { tokenHash },
      select: { id: true, tenantId: true, email: true, name: true, expiresAt: true, acceptedAt: true, revokedAt: true },
    });
    if (!invitation) return null;
    await bindTenant(tx, { tenantId: invitation.tenantId });
    const bank = await tx.tenant.findUniqueOrThrow({ where: { id: invitation.tenantId }, select: { name: true } });
    const state: InvitationState = invitation.acceptedAt
      ? "accepted"
      : invitation.revokedAt
        ? "revoked"
        : invitation.expiresAt <= now
          ? "expired"
          : "open";
    return {
      id: invitation.id,
      tenantId: invitation.tenantId,
      email: invitation.email,
      name: invitation.name,
      expiresAt: invitation.expiresAt,
      bankName: bank.name,
      state,
    };
  });
}

/** The link no longer works: accepted, revoked or expired. */
export class InvitationClosedError extends Error {
  override name = "InvitationClosedError";
  constructor(readonly state: Exclude<InvitationState, "open">) {
    super(`This invitation is ${state}.`);
  }
}

/**
 * Accepts an invitation: creates the person's account with the invitation's
 * roles and branches, uses the invitation up, and opens a session. One
 * transaction: the claim on the invitation (accepted_at set only while it is
 * still open) makes the link single-use even when it is submitted twice at
 * once. Returns the session token for the cookie.
 */
export async function acceptInvitation(
  input: { token: string; name: string; password: string; ip: string; userAgent: string },
  now = new Date(),
) {
  const invitation = await openInvitation(input.token, now);
  if (!invitation) throw new RecordNotFoundError("invitation");
  if (invitation.state !== "open") throw new InvitationClosedError(invitation.state);
  const problem = passwordProblem(input.password, { email: invitation.email, bankName: invitation.bankName });
  if (problem) throw new RuleError<InvitationField>(problem, "password");

  const { tenantId } = invitation;
  const userId = randomUUID();
  const passwordHash = await hashPassword(input.password);
  try {
    return await withTenant(
      {
        tenantId,
        actorId: userId,
        actorEmail: invitation.email,
        ip: input.ip,
        userAgent: input.userAgent,
        action: "user.accept_invitation",
      },
      async (tx) => {
        const claimed = await tx.invitation.updateMany({
          where: { tenantId, id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
          data: { acceptedAt: now },
        });
        if (claimed.count !== 1) {
          const current = await tx.invitation.findFirstOrThrow({ where: { tenantId, id: invitation.id }, select: { acceptedAt: true, revokedAt: true } });
          throw new InvitationClosedError(current.acceptedAt ? "accepted" : current.revokedAt ? "revoked" : "expired");
        }
        const { roles, orgUnitIds } = await tx.invitation.findFirstOrThrow({
          where: { tenantId, id: invitation.id },
          select: { roles: true, orgUnitIds: true },
        });
        // Branches deactivated since the invitation was sent are left out.
        const units = await tx.orgUnit.findMany({
          where: { tenantId, id: { in: orgUnitIds }, active: true },
          select: { id: true },
        });
        await tx.user.create({
          data: {
            tenantId,
            id: userId,
            email: invitation.email,
            name: input.name.trim(),
            passwordHash,
            lastSignInAt: now,
            roles: { create: roles.map((role) => ({ role })) },
            orgUnits: { create: units.map((unit) => ({ orgUnitId: unit.id })) },
          },
        });
        const session = await openSession(tx, { tenantId, userId, ip: input.ip, userAgent: input.userAgent, now });
        return { token: session.token, userId, tenantId };
      },
    );
  } catch (error) {
    // An account with this address appeared after the invitation was sent.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new RuleError<InvitationField>(
        `${invitation.email} already has an account at ${invitation.bankName}. Sign in instead, or ask your administrator.`,
      );
    }
    throw error;
  }
}

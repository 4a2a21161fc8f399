import { z } from "zod";
import { ROLES } from "~/domain/permissions";
import { newPassword } from "~/forms/auth";

const personName = z
  .string({ required_error: "Enter the person's full name." })
  .trim()
  .min(2, "Enter the person's full name.")
  .max(120, "Use at most 120 characters.");

const email = z
  .string({ required_error: "Enter their work email address." })
  .trim()
  .max(254)
  .email("Enter an email address such as name@bank.co.in.")
  .toLowerCase();

const version = z.number({ required_error: "Reload the page and try again.", invalid_type_error: "Reload the page and try again." }).int().min(1);

const roles = z.array(z.enum(ROLES), { invalid_type_error: "Choose at least one role." }).min(1, "Choose at least one role.");
const orgUnitIds = z.array(z.string().uuid("Choose branches or departments from the list.")).max(500);

/** Auditees answer for branches/departments: they must have at least one. */
function auditeesNeedUnits(value: { roles: readonly string[]; orgUnitIds: readonly string[] }, ctx: z.RefinementCtx) {
  if (value.roles.includes("AUDITEE") && value.orgUnitIds.length === 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["orgUnitIds"],
      message: "An auditee must be assigned to at least one branch or department.",
    });
  }
}

export const InviteUserSchema = z.object({ intent: z.literal("invite"), name: personName, email, roles, orgUnitIds }).superRefine(auditeesNeedUnits);

export const RevokeInvitationSchema = z.object({
  intent: z.literal("revoke"),
  invitationId: z.string().uuid(),
});

export const ChangeAccessSchema = z.object({ intent: z.literal("access"), version, roles, orgUnitIds }).superRefine(auditeesNeedUnits);

export const UserStatusSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  version,
});

export const AcceptInvitationSchema = z.object({
  name: personName,
  password: newPassword,
});

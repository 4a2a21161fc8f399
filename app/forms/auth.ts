import { z } from "zod";
import { UCB_TIERS } from "~/domain/tiers";

const email = z
  .string({ required_error: "Enter your email address." })
  .trim()
  .max(254)
  .email("Enter an email address such as name@bank.co.in.");

export const SignInSchema = z.object({
  email,
  password: z.string({ required_error: "Enter your password." }).max(128),
  redirectTo: z.string().optional(),
});

// Length only here (it also becomes the browser's own constraint); the
// server adds the common-password check (app/utils/password.server.ts).
export const newPassword = z
  .string({ required_error: "Choose a password." })
  .min(12, "Use at least 12 characters.")
  .max(128, "Use at most 128 characters.");

export const RegisterBankSchema = z.object({
  bankName: z.string({ required_error: "Enter the bank's registered name." }).trim().min(3, "Enter the bank's full registered name.").max(200),
  rbiLicenceNo: z
    .string({ required_error: "Enter the RBI licence number." })
    .trim()
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9./ -]{2,39}$/, "Use the licence number as printed, e.g. UCB.MH.0417.P."),
  tier: z.enum(UCB_TIERS, { required_error: "Choose the bank's tier.", invalid_type_error: "Choose the bank's tier." }),
  adminName: z.string({ required_error: "Enter the administrator's name." }).trim().min(2).max(120),
  adminEmail: email,
  password: newPassword,
});

import { z } from "zod";
import { UCB_TIERS } from "~/domain/tiers";

export const BankProfileSchema = z.object({
  version: z.number({ required_error: "Reload the page and try again.", invalid_type_error: "Reload the page and try again." }).int().min(1),
  name: z.string({ required_error: "Enter the bank's registered name." }).trim().min(3, "Enter the bank's full registered name.").max(200),
  tier: z.enum(UCB_TIERS, { required_error: "Choose the bank's tier.", invalid_type_error: "Choose the bank's tier." }),
  // Optional: an empty field clears it.
  address: z.string().trim().max(500, "Use at most 500 characters.").optional(),
  contactEmail: z.string().trim().max(254).email("Enter an email address such as audit@bank.co.in.").toLowerCase().optional(),
});

import { z } from "zod";
import { ORG_UNIT_KINDS } from "~/domain/org-units";

const unitName = z
  .string({ required_error: "Enter the unit's name." })
  .trim()
  .min(2, "Enter the unit's full name.")
  .max(120, "Use at most 120 characters.");

const version = z.number({ required_error: "Reload the page and try again.", invalid_type_error: "Reload the page and try again." }).int().min(1);

export const CreateOrgUnitSchema = z.object({
  kind: z.enum(ORG_UNIT_KINDS, { required_error: "Choose what kind of unit this is.", invalid_type_error: "Choose what kind of unit this is." }),
  // The bank's own code (branch code, department code). Letters in either
  // case here, so the browser's own pattern check accepts "koth-014"; it is
  // stored in capitals so codes stay unique however they are typed. Every
  // punctuation mark in the class is escaped: browsers compile the pattern
  // attribute with the strict `v` flag.
  code: z
    .string({ required_error: "Enter the unit's code." })
    .trim()
    .max(20, "Use at most 20 characters.")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\/\-]*$/, "Use letters, digits, dots, hyphens or slashes, e.g. KOTH-014.")
    .toUpperCase(),
  name: unitName,
  parentId: z.string().uuid("Choose a unit from the list.").optional(),
});

export const RenameOrgUnitSchema = z.object({
  intent: z.literal("rename"),
  version,
  name: unitName,
});

export const OrgUnitStatusSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  version,
});

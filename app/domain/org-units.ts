/**
 * The bank's organisation: head office, zones (regions), branches and
 * head-office departments (DOMAIN.md, "Organisation"). Pure rules, shared by
 * the forms and the model.
 */
export const ORG_UNIT_KINDS = ["HEAD_OFFICE", "ZONE", "BRANCH", "DEPARTMENT"] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const ORG_UNIT_KIND_LABELS: Record<OrgUnitKind, string> = {
  HEAD_OFFICE: "Head office",
  ZONE: "Zone / region",
  BRANCH: "Branch",
  DEPARTMENT: "Department",
};

/** What each kind of unit may sit under. A head office sits under nothing. */
const PARENT_KINDS: Record<OrgUnitKind, readonly OrgUnitKind[]> = {
  HEAD_OFFICE: [],
  ZONE: ["HEAD_OFFICE", "ZONE"],
  BRANCH: ["HEAD_OFFICE", "ZONE"],
  DEPARTMENT: ["HEAD_OFFICE", "DEPARTMENT"],
};

/** Kinds that can be a parent of anything: offered in the "part of" list. */
export const PARENT_CAPABLE_KINDS: readonly OrgUnitKind[] = ["HEAD_OFFICE", "ZONE", "DEPARTMENT"];

/**
 * Why `kind` cannot sit under a unit of `parentKind` (null: no parent), in
 * words for the form; null when it can.
 */
export function parentProblem(kind: OrgUnitKind, parentKind: OrgUnitKind | null): string | null {
  if (parentKind === null) return null;
  const allowed = PARENT_KINDS[kind];
  if (allowed.includes(parentKind)) return null;
  if (allowed.length === 0) return "The head office is the top of the bank: it is not part of another unit.";
  const names = allowed.map((allowedKind) => ORG_UNIT_KIND_LABELS[allowedKind].toLowerCase()).join(" or ");
  return `A ${ORG_UNIT_KIND_LABELS[kind].toLowerCase()} can be part of a ${names}, not a ${ORG_UNIT_KIND_LABELS[parentKind].toLowerCase()}.`;
}

/**
 * Units people are assigned to (auditees above all): the branches and
 * departments whose observations they answer (DOMAIN.md, "Organisation").
 */
export const ASSIGNABLE_KINDS: readonly OrgUnitKind[] = ["BRANCH", "DEPARTMENT"];

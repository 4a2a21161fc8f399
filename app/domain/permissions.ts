/**
 * The one permission matrix: route guards and navigation both read it.
 * Roles and their work are described in DOMAIN.md; a user's permissions are
 * the union of their roles'.
 */
export const ROLES = ["ADMIN", "AUDITOR", "AUDIT_MANAGER", "CAE", "CCO", "CEO", "AUDITEE"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Administrator",
  AUDITOR: "Auditor",
  AUDIT_MANAGER: "Audit manager",
  CAE: "Chief Audit Executive",
  CCO: "Chief Compliance Officer",
  CEO: "Chief Executive (read-only)",
  AUDITEE: "Auditee (branch / department)",
};

export const PERMISSIONS = [
  "org:manage", // branches and departments
  "user:manage", // invitations, roles, deactivation
  "settings:view",
  "settings:edit",
  "audit-trail:view",
  "audit-trail:verify",
  "plan:view", // the annual audit plan and its engagements
  "plan:manage",
  "observation:view", // findings list and detail: every observation of the bank
  "observation:create", // draft new findings
  "portal:use", // the auditee portal: their own branches' observations, from ISSUED on
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Lifecycle steps (submit, review, issue, close, …) are not listed here:
// who may take which step, and when, is app/domain/lifecycle.ts.
const MATRIX: Record<Role, readonly Permission[]> = {
  ADMIN: ["org:manage", "user:manage", "settings:view", "settings:edit", "audit-trail:view"],
  AUDITOR: ["settings:view", "plan:view", "observation:view", "observation:create"],
  AUDIT_MANAGER: ["settings:view", "plan:view", "plan:manage", "observation:view"],
  CAE: ["settings:view", "audit-trail:view", "audit-trail:verify", "plan:view", "plan:manage", "observation:view"],
  CCO: ["settings:view", "plan:view", "observation:view"],
  CEO: ["settings:view", "plan:view", "observation:view"],
  AUDITEE: ["portal:use"],
};

export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  return new Set(roles.flatMap((role) => MATRIX[role]));
}

export function can(roles: readonly Role[], permission: Permission) {
  return permissionsOf(roles).has(permission);
}

export interface NavItem {
  to: string;
  label: string;
  /** Shown to users holding this permission; undefined: every signed-in user. */
  permission?: Permission;
}

export const NAVIGATION: readonly NavItem[] = [
  { to: "/dashboard", label: "Dashboard" },
  { to: "/portal", label: "My observations", permission: "portal:use" },
  { to: "/observations", label: "Findings", permission: "observation:view" },
  { to: "/plan", label: "Audit plan", permission: "plan:view" },
  { to: "/admin/org", label: "Branches & departments", permission: "org:manage" },
  { to: "/admin/users", label: "Users", permission: "user:manage" },
  { to: "/audit-trail", label: "Audit trail", permission: "audit-trail:view" },
  { to: "/settings", label: "Bank settings", permission: "settings:view" },
];

export function navigationFor(roles: readonly Role[]) {
  const granted = permissionsOf(roles);
  return NAVIGATION.filter((item) => !item.permission || granted.has(item.permission));
}

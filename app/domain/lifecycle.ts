/**
 * The observation lifecycle (DOMAIN.md): seven states, a maker-checker path
 * through them, and who may take each step. Pure: the server enforces it and
 * the pages use it to offer only the actions this user may take now.
 *
 *   DRAFT → SUBMITTED → REVIEWED → ISSUED → RESPONSE → COMPLIANCE → CLOSED
 */
import type { Role } from "~/domain/permissions";

export const STATUSES = ["DRAFT", "SUBMITTED", "REVIEWED", "ISSUED", "RESPONSE", "COMPLIANCE", "CLOSED"] as const;
export type ObservationStatus = (typeof STATUSES)[number];

export const SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUS_LABELS: Record<ObservationStatus, string> = {
  DRAFT: "Draft",
  SUBMITTED: "Submitted for review",
  REVIEWED: "Reviewed",
  ISSUED: "Issued to auditee",
  RESPONSE: "Response received",
  COMPLIANCE: "Compliance verified",
  CLOSED: "Closed",
};

export const ACTIONS = [
  "submit",
  "return-to-draft",
  "approve-review",
  "return-to-submitted",
  "issue",
  "respond",
  "accept-response",
  "reject-response",
  "close",
  "close-during-fieldwork",
] as const;
export type LifecycleAction = (typeof ACTIONS)[number];

interface ActionRule {
  from: readonly ObservationStatus[];
  to: ObservationStatus;
  label: string;
  /** Roles that may take the step (further conditions below). */
  roles: readonly Role[];
  /** A comment (or rationale) is required. */
  needsComment?: boolean;
  /** Sets the due date the auditee must meet. */
  needsDueDate?: boolean;
  /** Maker-checker: the author may not take this step. */
  checker?: boolean;
  /** Only the author may take this step. */
  authorOnly?: boolean;
  /** Only an auditee assigned to the observation's branch/department. */
  assignedAuditeeOnly?: boolean;
  /** Closing authority depends on severity. */
  closingAuthority?: boolean;
}

export const RULES: Record<LifecycleAction, ActionRule> = {
  submit: { from: ["DRAFT"], to: "SUBMITTED", label: "Submit for review", roles: ["AUDITOR"], authorOnly: true },
  "return-to-draft": {
    from: ["SUBMITTED"],
    to: "DRAFT",
    label: "Return to auditor",
    roles: ["AUDIT_MANAGER"],
    needsComment: true,
    checker: true,
  },
  "approve-review": { from: ["SUBMITTED"], to: "REVIEWED", label: "Approve review", roles: ["AUDIT_MANAGER"], checker: true },
  "return-to-submitted": {
    from: ["REVIEWED"],
    to: "SUBMITTED",
    label: "Reopen review",
    roles: ["AUDIT_MANAGER"],
    needsComment: true,
    checker: true,
  },
  issue: { from: ["REVIEWED"], to: "ISSUED", label: "Issue to auditee", roles: ["AUDIT_MANAGER"], needsDueDate: true, checker: true },
  respond: { from: ["ISSUED"], to: "RESPONSE", label: "Submit response", roles: ["AUDITEE"], assignedAuditeeOnly: true },
  "accept-response": { from: ["RESPONSE"], to: "COMPLIANCE", label: "Accept response", roles: ["AUDITOR", "AUDIT_MANAGER"] },
  "reject-response": {
    from: ["RESPONSE"],
    to: "ISSUED",
    label: "Reject response",
    roles: ["AUDITOR", "AUDIT_MANAGER"],
    needsComment: true,
  },
  close: { from: ["COMPLIANCE"], to: "CLOSED", label: "Close", roles: ["AUDIT_MANAGER", "CAE"], closingAuthority: true },
  "close-during-fieldwork": {
    from: ["DRAFT", "SUBMITTED"],
    to: "CLOSED",
    label: "Close as resolved during fieldwork",
    roles: ["AUDIT_MANAGER"],
    needsComment: true,
  },
};

/** Who closes: AUDIT_MANAGER for LOW/MEDIUM, CAE for HIGH/CRITICAL. */
export function closingAuthorityFor(severity: Severity): Role {
  return severity === "HIGH" || severity === "CRITICAL" ? "CAE" : "AUDIT_MANAGER";
}

export interface ObservationState {
  status: ObservationStatus;
  severity: Severity;
  authorId: string;
  orgUnitId: string;
}

export interface Actor {
  id: string;
  roles: readonly Role[];
  /** Branches/departments an auditee is assigned to. */
  orgUnitIds: readonly string[];
}

export type Refusal =
  | "wrong-state"
  | "role"
  | "maker-checker"
  | "not-author"
  | "not-assigned"
  | "closing-authority"
  | "comment-required"
  | "due-date-required";

export const REFUSAL_MESSAGES: Record<Refusal, string> = {
  "wrong-state": "This step is not possible in the observation's current state.",
  role: "Your role does not allow this step.",
  "maker-checker": "You wrote this observation, so someone else must review, return or issue it.",
  "not-author": "Only the observation's author can submit it.",
  "not-assigned": "Only an auditee of this branch or department can respond.",
  "closing-authority":
    "Closing authority depends on severity: the audit manager closes LOW and MEDIUM, the Chief Audit Executive HIGH and CRITICAL.",
  "comment-required": "Please give a comment explaining this step.",
  "due-date-required": "Please set the date by which the auditee must comply.",
};

/** Why this actor may not take this step now (ignoring form input), or null. */
export function refusalFor(observation: ObservationState, actor: Actor, action: LifecycleAction): Refusal | null {
  const rule = RULES[action];
  if (!rule.from.includes(observation.status)) return "wrong-state";
  if (rule.closingAuthority) {
    if (actor.roles.includes(closingAuthorityFor(observation.severity))) return null;
    return actor.roles.some((role) => rule.roles.includes(role)) ? "closing-authority" : "role";
  }
  if (!actor.roles.some((role) => rule.roles.includes(role))) return "role";
  if (rule.authorOnly && observation.authorId !== actor.id) return "not-author";
  if (rule.checker && observation.authorId === actor.id) return "maker-checker";
  if (rule.assignedAuditeeOnly && !actor.orgUnitIds.includes(observation.orgUnitId)) return "not-assigned";
  return null;
}

/** The steps this actor may take now, in lifecycle order. */
export function availableActions(observation: ObservationState, actor: Actor): LifecycleAction[] {
  return ACTIONS.filter((action) => refusalFor(observation, actor, action) === null);
}

export interface TransitionInput {
  comment?: string | null;
  dueDate?: Date | null;
}

export type TransitionResult =
  | { ok: true; from: ObservationStatus; to: ObservationStatus; closedDuringFieldwork: boolean }
  | { ok: false; refusal: Refusal };

/** Checks a step with its input; the one place the rules are decided. */
export function transition(
  observation: ObservationState,
  actor: Actor,
  action: LifecycleAction,
  input: TransitionInput = {},
): TransitionResult {
  const refusal = refusalFor(observation, actor, action);
  if (refusal) return { ok: false, refusal };
  const rule = RULES[action];
  if (rule.needsComment && !input.comment?.trim()) return { ok: false, refusal: "comment-required" };
  if (rule.needsDueDate && !input.dueDate) return { ok: false, refusal: "due-date-required" };
  return { ok: true, from: observation.status, to: rule.to, closedDuringFieldwork: action === "close-during-fieldwork" };
}

/**
 * Repeat findings escalate along the chain (DOMAIN.md): the 2nd occurrence
 * one level above the auditor's assessment, the 3rd and later CRITICAL.
 */
export function escalatedSeverity(assessed: Severity, occurrence: number): Severity {
  if (occurrence >= 3) return "CRITICAL";
  if (occurrence === 2) return SEVERITIES[Math.min(SEVERITIES.indexOf(assessed) + 1, SEVERITIES.length - 1)]!;
  return assessed;
}

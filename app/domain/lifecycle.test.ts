import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "./permissions";
import {
  ACTIONS,
  type Actor,
  type LifecycleAction,
  type ObservationState,
  type ObservationStatus,
  SEVERITIES,
  STATUSES,
  availableActions,
  closingAuthorityFor,
  escalatedSeverity,
  refusalFor,
  transition,
} from "./lifecycle";

const AUTHOR = "author-1";
const BRANCH = "branch-kothrud";

/**
 * The lifecycle as DOMAIN.md states it, written out independently of the
 * implementation: for each state, which action leads where, and which single
 * role may take it when the actor is not the author and (for auditees) is
 * assigned to the branch. Severity LOW (closing by severity tested apart).
 */
const EXPECTED: Record<ObservationStatus, Partial<Record<LifecycleAction, { to: ObservationStatus; roles: Role[] }>>> = {
  DRAFT: {
    "close-during-fieldwork": { to: "CLOSED", roles: ["AUDIT_MANAGER"] },
  },
  SUBMITTED: {
    "return-to-draft": { to: "DRAFT", roles: ["AUDIT_MANAGER"] },
    "approve-review": { to: "REVIEWED", roles: ["AUDIT_MANAGER"] },
    "close-during-fieldwork": { to: "CLOSED", roles: ["AUDIT_MANAGER"] },
  },
  REVIEWED: {
    "return-to-submitted": { to: "SUBMITTED", roles: ["AUDIT_MANAGER"] },
    issue: { to: "ISSUED", roles: ["AUDIT_MANAGER"] },
  },
  ISSUED: {
    respond: { to: "RESPONSE", roles: ["AUDITEE"] },
  },
  RESPONSE: {
    "accept-response": { to: "COMPLIANCE", roles: ["AUDITOR", "AUDIT_MANAGER"] },
    "reject-response": { to: "ISSUED", roles: ["AUDITOR", "AUDIT_MANAGER"] },
  },
  COMPLIANCE: {
    close: { to: "CLOSED", roles: ["AUDIT_MANAGER"] },
  },
  CLOSED: {},
};

const observation = (status: ObservationStatus, severity: ObservationState["severity"] = "LOW"): ObservationState => ({
  status,
  severity,
  authorId: AUTHOR,
  orgUnitId: BRANCH,
});
const actor = (role: Role, id = "someone-else", orgUnitIds = [BRANCH]): Actor => ({ id, roles: [role], orgUnitIds });
const fullInput = { comment: "Reason given", dueDate: new Date("2027-01-31") };

describe("lifecycle table: every state × action × role (non-author, assigned)", () => {
  for (const status of STATUSES) {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        const expected = EXPECTED[status][action];
        const allowed = Boolean(expected?.roles.includes(role));
        it(`${status} · ${action} · ${role} → ${allowed ? expected!.to : "refused"}`, () => {
          const result = transition(observation(status), actor(role), action, fullInput);
          if (allowed) {
            expect(result).toMatchObject({ ok: true, from: status, to: expected!.to });
          } else {
            expect(result.ok).toBe(false);
          }
          expect(availableActions(observation(status), actor(role)).includes(action)).toBe(allowed);
        });
      }
    }
  }
});

describe("the author (maker) and the checker", () => {
  it("only the author submits a draft", () => {
    expect(transition(observation("DRAFT"), actor("AUDITOR", AUTHOR), "submit").ok).toBe(true);
    expect(transition(observation("DRAFT"), actor("AUDITOR"), "submit")).toEqual({ ok: false, refusal: "not-author" });
  });

  it("an author who is also an audit manager cannot review, return or issue their own observation", () => {
    const authorManager: Actor = { id: AUTHOR, roles: ["AUDITOR", "AUDIT_MANAGER"], orgUnitIds: [] };
    for (const [status, action] of [
      ["SUBMITTED", "approve-review"],
      ["SUBMITTED", "return-to-draft"],
      ["REVIEWED", "return-to-submitted"],
      ["REVIEWED", "issue"],
    ] as const) {
      expect(transition(observation(status), authorManager, action, fullInput)).toEqual({ ok: false, refusal: "maker-checker" });
    }
    // They may still close their own draft as resolved during fieldwork.
    expect(transition(observation("DRAFT"), authorManager, "close-during-fieldwork", fullInput).ok).toBe(true);
  });
});

describe("required input", () => {
  it.each(["return-to-draft", "return-to-submitted", "reject-response", "close-during-fieldwork"] as const)(
    "%s needs a comment",
    (action) => {
      const status = { "return-to-draft": "SUBMITTED", "return-to-submitted": "REVIEWED", "reject-response": "RESPONSE", "close-during-fieldwork": "DRAFT" }[
        action
      ] as ObservationStatus;
      const role = action === "reject-response" ? "AUDITOR" : "AUDIT_MANAGER";
      expect(transition(observation(status), actor(role), action, { comment: "   " })).toEqual({ ok: false, refusal: "comment-required" });
      expect(transition(observation(status), actor(role), action, { comment: "Because" }).ok).toBe(true);
    },
  );

  it("issuing needs a due date", () => {
    expect(transition(observation("REVIEWED"), actor("AUDIT_MANAGER"), "issue", {})).toEqual({ ok: false, refusal: "due-date-required" });
  });

  it("marks a fieldwork closure as such", () => {
    expect(transition(observation("SUBMITTED"), actor("AUDIT_MANAGER"), "close-during-fieldwork", fullInput)).toMatchObject({
      ok: true,
      closedDuringFieldwork: true,
    });
  });
});

describe("auditees", () => {
  it("respond only for their own branch or department", () => {
    expect(transition(observation("ISSUED"), actor("AUDITEE", "a", ["another-branch"]), "respond")).toEqual({
      ok: false,
      refusal: "not-assigned",
    });
  });
});

describe("closing authority by severity", () => {
  it.each(SEVERITIES)("%s", (severity) => {
    const authority = closingAuthorityFor(severity);
    expect(authority).toBe(severity === "HIGH" || severity === "CRITICAL" ? "CAE" : "AUDIT_MANAGER");
    for (const role of ["AUDIT_MANAGER", "CAE"] as const) {
      const result = transition(observation("COMPLIANCE", severity), actor(role), "close");
      expect(result.ok).toBe(role === authority);
      if (!result.ok) expect(result.refusal).toBe("closing-authority");
    }
    expect(refusalFor(observation("COMPLIANCE", severity), actor("AUDITOR"), "close")).toBe("role");
  });
});

describe("repeat escalation", () => {
  it("keeps the first occurrence, raises the second one level, makes the third and later critical", () => {
    expect(escalatedSeverity("LOW", 1)).toBe("LOW");
    expect(escalatedSeverity("LOW", 2)).toBe("MEDIUM");
    expect(escalatedSeverity("MEDIUM", 2)).toBe("HIGH");
    expect(escalatedSeverity("HIGH", 2)).toBe("CRITICAL");
    expect(escalatedSeverity("CRITICAL", 2)).toBe("CRITICAL");
    for (const severity of SEVERITIES) {
      expect(escalatedSeverity(severity, 3)).toBe("CRITICAL");
      expect(escalatedSeverity(severity, 7)).toBe("CRITICAL");
    }
  });
});

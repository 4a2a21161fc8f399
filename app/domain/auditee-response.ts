/**
 * The auditee's kinds of response (DOMAIN.md, "Auditee portal"), for pages,
 * forms and the server (app/models/auditee-response.server.ts re-exports them).
 */
export const RESPONSE_KINDS = ["CLARIFICATION", "COMPLIANCE_ACTION", "EXTENSION_REQUEST"] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export const RESPONSE_KIND_LABELS: Record<ResponseKind, string> = {
  CLARIFICATION: "Clarification",
  COMPLIANCE_ACTION: "Compliance action taken",
  EXTENSION_REQUEST: "Request for more time",
};

/** What each kind is for, in the auditee's words: shown beside the choice. */
export const RESPONSE_KIND_HINTS: Record<ResponseKind, string> = {
  CLARIFICATION: "Explain the facts, or why you think the observation does not apply.",
  COMPLIANCE_ACTION: "Say what you have done to put it right. Tick the evidence that shows it.",
  EXTENSION_REQUEST: "Say why you need more time and propose a new date.",
};

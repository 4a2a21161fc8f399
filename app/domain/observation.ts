/**
 * The vocabulary of a finding (DOMAIN.md): audit areas, risk categories,
 * severities and audit types, with the labels the bank's staff use.
 */
import type { Severity } from "~/domain/lifecycle";

export const AUDIT_AREAS = [
  "ADVANCES",
  "DEPOSITS",
  "KYC_AML",
  "CASH",
  "IT",
  "INVESTMENTS",
  "ACCOUNTS",
  "GOVERNANCE",
  "HR",
] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];

export const AUDIT_AREA_LABELS: Record<AuditArea, string> = {
  ADVANCES: "Advances",
  DEPOSITS: "Deposits",
  KYC_AML: "KYC / AML",
  CASH: "Cash",
  IT: "IT",
  INVESTMENTS: "Investments",
  ACCOUNTS: "Accounts & books",
  GOVERNANCE: "Governance",
  HR: "HR & administration",
};

export const RISK_CATEGORIES = ["CREDIT", "OPERATIONAL", "COMPLIANCE", "MARKET", "IT_CYBER", "FRAUD"] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export const RISK_CATEGORY_LABELS: Record<RiskCategory, string> = {
  CREDIT: "Credit",
  OPERATIONAL: "Operational",
  COMPLIANCE: "Compliance",
  MARKET: "Market",
  IT_CYBER: "IT / Cyber",
  FRAUD: "Fraud",
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  LOW: "Low",
  MEDIUM: "Medium",
  HIGH: "High",
  CRITICAL: "Critical",
};

export const AUDIT_TYPES = ["RBIA", "CONCURRENT", "IS_AUDIT", "STATUTORY"] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

export const AUDIT_TYPE_LABELS: Record<AuditType, string> = {
  RBIA: "Risk-based internal audit (RBIA)",
  CONCURRENT: "Concurrent audit",
  IS_AUDIT: "Information systems audit",
  STATUTORY: "Statutory audit",
};

export const ENGAGEMENT_STATUSES = ["PLANNED", "IN_PROGRESS", "COMPLETED"] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];
export const ENGAGEMENT_STATUS_LABELS: Record<EngagementStatus, string> = {
  PLANNED: "Planned",
  IN_PROGRESS: "In progress",
  COMPLETED: "Completed",
};

/** "OBS-0042": how a finding is referred to in letters and the Board report. */
export function observationRef(number: number) {
  return `OBS-${String(number).padStart(4, "0")}`;
}

/** The financial year (April–March) a date falls in, e.g. "2026-27". */
export function financialYearOf(date: Date) {
  const year = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return `${year}-${String((year + 1) % 100).padStart(2, "0")}`;
}

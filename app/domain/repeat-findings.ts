/**
 * How a repeat finding's severity is described (DOMAIN.md, "Repeat
 * findings"). The escalation itself is `escalatedSeverity` in lifecycle.ts.
 */
import type { Severity } from "~/domain/lifecycle";

/** 1 → "1st", 2 → "2nd", 3 → "3rd", 11 → "11th", 22 → "22nd". */
export function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  const suffix = { 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th";
  return `${n}${suffix}`;
}

/**
 * The severity as the detail page states it: "HIGH (escalated from MEDIUM:
 * 2nd occurrence)"; "CRITICAL (3rd occurrence)" when the assessment was
 * already as high; plain "MEDIUM" for a first finding.
 */
export function severityStatement(severity: Severity, assessed: Severity, occurrence: number): string {
  if (occurrence <= 1) return severity;
  if (severity === assessed) return `${severity} (${ordinal(occurrence)} occurrence)`;
  return `${severity} (escalated from ${assessed}: ${ordinal(occurrence)} occurrence)`;
}

/** The timeline's words for a confirmed repeat: "Escalated from MEDIUM to HIGH: 2nd occurrence". */
export function escalationStatement(from: Severity, to: Severity, occurrence: number): string {
  if (from === to) return `Severity stays ${to}: ${ordinal(occurrence)} occurrence`;
  return `Escalated from ${from} to ${to}: ${ordinal(occurrence)} occurrence`;
}

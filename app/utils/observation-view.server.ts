import { calendarDateString } from "~/domain/calendar-date";
import { formatDate, formatDateTime } from "~/domain/format";
import { type LifecycleAction, type Severity, STATUS_LABELS, STATUSES } from "~/domain/lifecycle";
import { SEVERITY_LABELS, observationRef } from "~/domain/observation";
import { escalationStatement, ordinal } from "~/domain/repeat-findings";
import type { ObservationDetail, RepeatCandidate } from "~/models/observation.server";

/**
 * What the observation pages show, put into words on the server: the
 * timeline's entries and the repeat suggestions. The pages only lay them out.
 */

export interface SuggestionView {
  id: string;
  ref: string;
  title: string;
  status: string;
  severity: Severity;
  occurrence: string;
  similarity: string;
  found: string;
}

export function suggestionView(candidate: RepeatCandidate): SuggestionView {
  return {
    id: candidate.id,
    ref: observationRef(candidate.number),
    title: candidate.title,
    status: STATUS_LABELS[candidate.status],
    severity: candidate.severity,
    occurrence: candidate.repeatOccurrence > 1 ? `${ordinal(candidate.repeatOccurrence)} occurrence` : "first occurrence",
    similarity: `${Math.round(candidate.similarity * 100)}% similar`,
    found: formatDate(candidate.createdAt),
  };
}

const FIELD_LABELS: Record<string, string> = {
  title: "title",
  condition: "condition",
  criteria: "criteria",
  cause: "cause",
  effect: "effect",
  recommendation: "recommendation",
  assessedSeverity: "severity",
  orgUnitId: "branch or department",
  auditArea: "audit area",
  riskCategory: "risk category",
  rbiReferences: "RBI references",
  tags: "tags",
  engagementId: "engagement",
  proposedDueDate: "proposed due date",
};

export interface TimelineEntryView {
  id: string;
  when: string;
  /** For <time dateTime>. */
  at: string;
  who: string;
  what: string;
  /** "Draft → Submitted for review", for status changes. */
  change: string | null;
  comment: string | null;
  /** The other finding the entry is about (a repeat link). */
  link: { to: string; label: string } | null;
  kind: string;
}

type Details = Record<string, unknown> | null;

function text(value: unknown) {
  return typeof value === "string" ? value : null;
}

function isSeverity(value: unknown): value is Severity {
  return value === "LOW" || value === "MEDIUM" || value === "HIGH" || value === "CRITICAL";
}

/** The words of one timeline entry. */
export function timelineEntryView(event: ObservationDetail["timeline"][number]): TimelineEntryView {
  const details = (event.details && typeof event.details === "object" && !Array.isArray(event.details) ? event.details : null) as Details;
  const base = {
    id: event.id,
    when: formatDateTime(event.at),
    at: event.at.toISOString(),
    who: event.actor.name,
    change: null,
    comment: event.comment,
    link: null,
    kind: event.kind,
  };
  switch (event.kind) {
    case "created":
      return { ...base, what: "Drafted" };
    case "edited": {
      const changed = Array.isArray(details?.changed) ? details.changed.map((field) => FIELD_LABELS[String(field)] ?? String(field)) : [];
      const severity = details?.severity as { from?: unknown; to?: unknown } | undefined;
      const escalation =
        severity && isSeverity(severity.from) && isSeverity(severity.to) ? `; severity now ${severity.to} (was ${severity.from})` : "";
      return { ...base, what: `Edited${changed.length ? `: ${changed.join(", ")}` : ""}${escalation}` };
    }
    case "transition": {
      const from = event.fromStatus;
      const to = event.toStatus;
      const action = text(details?.action) as LifecycleAction | null;
      const dueDate = text(details?.dueDate);
      const what =
        action === "close-during-fieldwork"
          ? "Closed as resolved during fieldwork"
          : dueDate
            ? `Issued, due ${formatDate(dueDate)}`
            : to
              ? STATUS_LABELS[to]
              : "Status changed";
      return {
        ...base,
        what,
        change: from && to ? `${STATUS_LABELS[from]} → ${STATUS_LABELS[to]}` : null,
      };
    }
    case "repeat-confirmed": {
      const number = Number(details?.repeatOfNumber);
      const occurrence = Number(details?.occurrence);
      const from = details?.from;
      const to = details?.to;
      const repeatOf = text(details?.repeatOf);
      const escalation = isSeverity(from) && isSeverity(to) && occurrence > 1 ? escalationStatement(from, to, occurrence) : null;
      return {
        ...base,
        what: escalation ? `Confirmed as a repeat. ${escalation}` : "Confirmed as a repeat",
        link: repeatOf ? { to: `/observations/${repeatOf}`, label: `Repeat of ${observationRef(number)}` } : null,
      };
    }
    case "repeat-dismissed": {
      const candidate = text(details?.candidate);
      return {
        ...base,
        what: "Dismissed a suggested repeat",
        link: candidate ? { to: `/observations/${candidate}`, label: `Not a repeat of ${observationRef(Number(details?.candidateNumber))}` } : null,
      };
    }
    default:
      return { ...base, what: event.kind };
  }
}

/** The detail page's facts about the finding itself. */
export function observationView(observation: ObservationDetail["observation"]) {
  return {
    id: observation.id,
    ref: observationRef(observation.number),
    title: observation.title,
    condition: observation.condition,
    criteria: observation.criteria,
    cause: observation.cause,
    effect: observation.effect,
    recommendation: observation.recommendation,
    status: observation.status,
    statusLabel: STATUS_LABELS[observation.status],
    statusStep: `${STATUSES.indexOf(observation.status) + 1} of ${STATUSES.length}`,
    severity: observation.severity,
    severityLabel: SEVERITY_LABELS[observation.severity],
    assessedSeverity: observation.assessedSeverity,
    repeatOccurrence: observation.repeatOccurrence,
    orgUnit: observation.orgUnit,
    auditArea: observation.auditArea,
    riskCategory: observation.riskCategory,
    rbiReferences: observation.rbiReferences,
    tags: observation.tags,
    engagement: observation.engagement,
    proposedDueDate: observation.proposedDueDate ? formatDate(observation.proposedDueDate) : null,
    proposedDueDateValue: observation.proposedDueDate ? calendarDateString(observation.proposedDueDate) : null,
    dueDate: observation.dueDate ? formatDate(observation.dueDate) : null,
    issuedAt: observation.issuedAt ? formatDateTime(observation.issuedAt) : null,
    closedAt: observation.closedAt ? formatDateTime(observation.closedAt) : null,
    closedDuringFieldwork: observation.closedDuringFieldwork,
    closureRationale: observation.closureRationale,
    author: observation.author,
    repeatOf: observation.repeatOf ? { id: observation.repeatOf.id, ref: observationRef(observation.repeatOf.number), title: observation.repeatOf.title } : null,
    repeats: observation.repeats.map((repeat) => ({ id: repeat.id, ref: observationRef(repeat.number) })),
    createdAt: formatDateTime(observation.createdAt),
    version: observation.version,
  };
}

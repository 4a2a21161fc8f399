/**
 * A readable difference between an audit entry's before and after images
 * (the row as JSON, secrets already removed by the database trigger).
 * Pure, so the loader can render it on the server and send the browser only
 * short strings.
 */
import { formatTimestamp } from "~/domain/format";

export type ChangeKind = "created" | "changed" | "removed" | "none";

export interface FieldChange {
  field: string;
  label: string;
  /** Rendered value before; null when the field did not exist (a creation). */
  before: string | null;
  /** Rendered value after; null when the field no longer exists (a removal). */
  after: string | null;
}

export interface ChangeDescription {
  kind: ChangeKind;
  fields: FieldChange[];
}

/** Longest value shown in full; longer ones are cut and their length given. */
export const VALUE_DISPLAY_LIMIT = 120;

// Every row of a bank carries the bank's own id: saying so in every entry
// adds nothing to the reader.
const OMITTED_FIELDS = new Set(["tenant_id"]);
// Bookkeeping columns that change with every edit go last.
const BOOKKEEPING_FIELDS = ["version", "created_at", "updated_at"];

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "last_sign_in_at" → "Last sign in at". */
export function fieldLabel(field: string) {
  const words = field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : field;
}

function truncate(text: string, limit: number) {
  const characters = Array.from(text);
  if (characters.length <= limit) return text;
  return `${characters.slice(0, limit - 1).join("")}… (${characters.length.toLocaleString("en-IN")} characters)`;
}

function renderScalar(value: unknown): string {
  if (value === null || value === undefined) return "(empty)";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value.toLocaleString("en-IN");
  if (typeof value === "string") {
    if (value === "") return "(empty)";
    // Timestamps arrive in the database session's offset; readers think in IST.
    if (TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))) return formatTimestamp(value);
    return value;
  }
  return JSON.stringify(value);
}

/** One JSON value as a person would read it, cut to `limit` characters. */
export function renderValue(value: unknown, limit = VALUE_DISPLAY_LIMIT): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "(none)";
    const simple = value.every((item) => item === null || typeof item !== "object");
    return truncate(simple ? value.map(renderScalar).join(", ") : JSON.stringify(value), limit);
  }
  if (isObject(value)) return truncate(JSON.stringify(value), limit);
  return truncate(renderScalar(value), limit);
}

/** Key-order-independent comparison of two JSON values. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
  }
  return false;
}

function orderedFields(fields: Iterable<string>) {
  const all = [...new Set(fields)].filter((field) => !OMITTED_FIELDS.has(field));
  const main = all.filter((field) => !BOOKKEEPING_FIELDS.includes(field));
  const bookkeeping = BOOKKEEPING_FIELDS.filter((field) => all.includes(field));
  return [...main, ...bookkeeping];
}

/**
 * What an entry changed: for an update only the fields whose values differ;
 * for a creation every value created; for a removal every value removed.
 */
export function describeChange(before: unknown, after: unknown, limit = VALUE_DISPLAY_LIMIT): ChangeDescription {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return { kind: "none", fields: [] };

  const kind: ChangeKind = hasBefore && hasAfter ? "changed" : hasAfter ? "created" : "removed";
  // A value that is not a row (an array or a bare value) is shown whole.
  const beforeRow = hasBefore ? (isObject(before) ? before : { value: before }) : {};
  const afterRow = hasAfter ? (isObject(after) ? after : { value: after }) : {};

  const fields: FieldChange[] = [];
  for (const field of orderedFields([...Object.keys(afterRow), ...Object.keys(beforeRow)])) {
    const inBefore = hasBefore && field in beforeRow;
    const inAfter = hasAfter && field in afterRow;
    if (kind === "changed" && inBefore && inAfter && sameValue(beforeRow[field], afterRow[field])) continue;
    fields.push({
      field,
      label: fieldLabel(field),
      before: inBefore ? renderValue(beforeRow[field], limit) : null,
      after: inAfter ? renderValue(afterRow[field], limit) : null,
    });
  }
  return { kind, fields };
}

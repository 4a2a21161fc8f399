/**
 * Counts the SQL statements a piece of work sends to PostgreSQL, for tests
 * and benchmarks that hold a page to a bounded number of queries.
 *
 * It wraps `query` on node-postgres' Client prototype: the Prisma driver
 * adapter (@prisma/adapter-pg) sends every statement through a pooled
 * pg.Client, including the BEGIN and COMMIT of interactive transactions,
 * so this sees exactly what goes over the wire, whatever Prisma API (or
 * raw SQL) produced it. Prisma's own query event would miss the
 * transaction statements and needs the client built with logging on.
 *
 * Work is recorded one piece at a time: the counter is process-wide, so
 * concurrent work would be counted together.
 */
import pg from "pg";

export interface SentQuery {
  text: string;
  values: unknown[];
}

export interface RecordedQueries<T> {
  result: T;
  /** Statements that read or write, in order (BEGIN/COMMIT/ROLLBACK left out). */
  statements: string[];
  /** BEGIN, COMMIT and ROLLBACK. */
  transactionControl: string[];
  /** Everything sent, with its parameters (to EXPLAIN a statement exactly as the app ran it). */
  sent: SentQuery[];
}

let recording: SentQuery[] | null = null;
let installed = false;

function install() {
  if (installed) return;
  installed = true;
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function countedQuery(this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    const config = typeof first === "string" ? { text: first, values: second } : (first as { text?: unknown; values?: unknown } | undefined);
    if (recording && typeof config?.text === "string") {
      recording.push({ text: config.text, values: Array.isArray(config.values) ? config.values : Array.isArray(second) ? second : [] });
    }
    return original.apply(this, args);
  };
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK)\b/i;

/** Runs `work` and returns what it sent to the database. */
export async function recordQueries<T>(work: () => Promise<T>): Promise<RecordedQueries<T>> {
  install();
  if (recording) throw new Error("recordQueries: already recording; record one piece of work at a time.");
  const sent: SentQuery[] = [];
  recording = sent;
  try {
    const result = await work();
    const texts = sent.map((query) => query.text);
    return {
      result,
      statements: texts.filter((text) => !TRANSACTION_CONTROL.test(text)),
      transactionControl: texts.filter((text) => TRANSACTION_CONTROL.test(text)),
      sent,
    };
  } finally {
    recording = null;
  }
}

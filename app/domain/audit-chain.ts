/**
 * Checking the audit trail's hash chain, independently of the database.
 *
 * Each bank's trail is a chain: entry #n records the hash of entry #n-1
 * (prev_hash) and a hash of its own content (hash). The database writes both
 * (audit_entry_chain() and audit_entry_hash() in the identity migration);
 * this module rebuilds the same canonical text from the stored columns and
 * hashes it again in Node, so a verification does not rely on the very SQL
 * function an intruder with database rights could have replaced.
 *
 * It is pure: the caller reads the entries (as text, in seq order) and feeds
 * them in, one at a time or in batches, so memory stays bounded however long
 * the chain. Only server code imports it (node:crypto).
 */
import { createHash } from "node:crypto";

/** The prev_hash of a bank's first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** audit_entry_hash() joins the fields with concat_ws(E'\x1f', …). */
const FIELD_SEPARATOR = "\u001f";

/**
 * After a break, how many further entries may be read to tell a moved entry
 * from an edited one. Bounded, so a broken chain never costs a full read.
 */
export const DIAGNOSIS_LOOKAHEAD = 5_000;

/**
 * One audit entry as stored, every column as PostgreSQL renders it as text:
 * seq::text, tenant_id::text, occurred_at as
 * to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
 * before::text and after::text (jsonb's own rendering), NULL as null.
 */
export interface StoredAuditEntry {
  seq: string;
  tenantId: string;
  occurredAt: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: string | null;
  after: string | null;
  ip: string | null;
  userAgent: string | null;
  sessionId: string | null;
  prevHash: string;
  hash: string;
}

/** What kind of damage a broken link shows, for people and for tests. */
export type ChainBreak = "edited" | "missing" | "out-of-order" | "wrong-link" | "other-bank";

export type ChainVerdict =
  | { ok: true; count: number; lastSeq: number; lastHash: string }
  | { ok: false; brokenAt: number; kind: ChainBreak; reason: string };

/**
 * The text audit_entry_hash() covers, rebuilt field by field in the same
 * order. NULLs become empty strings (the SQL coalesces every nullable field;
 * concat_ws would otherwise skip them and shift the fields).
 */
export function canonicalAuditText(entry: StoredAuditEntry): string {
  return [
    entry.seq,
    entry.tenantId,
    entry.occurredAt,
    entry.actorId ?? "",
    entry.actorEmail ?? "",
    entry.action,
    entry.entity,
    entry.entityId,
    entry.before ?? "",
    entry.after ?? "",
    entry.ip ?? "",
    entry.userAgent ?? "",
    entry.sessionId ?? "",
    entry.prevHash,
  ].join(FIELD_SEPARATOR);
}

/** SHA-256 (hex) of the canonical text, UTF-8 encoded as convert_to(…, 'UTF8') does. */
export function auditEntryHash(entry: StoredAuditEntry): string {
  return createHash("sha256").update(canonicalAuditText(entry), "utf8").digest("hex");
}

const entryNo = (seq: number | string) => `#${seq}`;

function missingReason(first: number, last: number, previous: number, next: number) {
  const from = previous === 0 ? "the trail starts at" : `the trail goes from ${entryNo(previous)} to`;
  return first === last
    ? `entry ${entryNo(first)} is missing: ${from} ${entryNo(next)}`
    : `entries ${entryNo(first)} to ${entryNo(last)} are missing: ${from} ${entryNo(next)}`;
}

/** Where a break was found and what is still needed to name it. */
interface Suspect {
  position: number;
  entry: StoredAuditEntry;
  /** The hash the entry at `position` should have linked to. */
  expectedPrevHash: string;
  seen: number;
}

/**
 * Walks one bank's chain entry by entry. Feed entries in seq order with
 * `add` until it returns false (the verdict is known), then call `verdict`.
 * Stops at the first broken link; reads at most DIAGNOSIS_LOOKAHEAD more
 * entries to say whether the entry there was moved or edited.
 */
export class AuditChainVerifier {
  private count = 0;
  private lastSeq = 0;
  private lastHash = GENESIS_HASH;
  private tenantId: string | undefined;
  private suspect: Suspect | undefined;
  private result: ChainVerdict | undefined;

  /** `tenantId`, when given, is the bank every entry must belong to. */
  constructor(options: { tenantId?: string } = {}) {
    this.tenantId = options.tenantId;
  }

  /** Takes the next entry; false once the verdict is settled. */
  add(entry: StoredAuditEntry): boolean {
    if (this.result) return false;
    if (this.suspect) return this.lookAhead(entry);

    const expected = this.lastSeq + 1;
    const seq = Number(entry.seq);
    this.tenantId ??= entry.tenantId;

    if (!Number.isSafeInteger(seq) || seq < expected) {
      return this.settle({
        ok: false,
        brokenAt: Number.isSafeInteger(seq) ? seq : expected,
        kind: "out-of-order",
        reason: `entry ${entryNo(entry.seq)} is out of order: it comes after ${entryNo(this.lastSeq)}`,
      });
    }
    if (seq > expected) {
      return this.settle({ ok: false, brokenAt: expected, kind: "missing", reason: missingReason(expected, seq - 1, this.lastSeq, seq) });
    }
    if (entry.tenantId !== this.tenantId) {
      return this.settle({ ok: false, brokenAt: seq, kind: "other-bank", reason: `entry ${entryNo(seq)} belongs to another bank's trail` });
    }

    const intact = auditEntryHash(entry) === entry.hash;
    const linked = entry.prevHash === this.lastHash;
    if (intact && linked) {
      this.count += 1;
      this.lastSeq = seq;
      this.lastHash = entry.hash;
      return true;
    }
    if (!intact && linked) {
      return this.settle({
        ok: false,
        brokenAt: seq,
        kind: "edited",
        reason: `entry ${entryNo(seq)} was changed after it was written: its contents no longer match its hash`,
      });
    }
    if (intact && !linked) {
      // The entry is whole but chained to something else: the entry before
      // it was rewritten (hash recomputed), or this one was re-chained.
      return this.settle({
        ok: false,
        brokenAt: seq,
        kind: "wrong-link",
        reason:
          seq === 1
            ? `entry ${entryNo(1)} does not start the chain: its link to the beginning of the trail is wrong`
            : `entry ${entryNo(seq)} does not link to entry ${entryNo(seq - 1)}: one of them was rewritten after it was written`,
      });
    }
    // Neither its content nor its link fits: this entry was either edited or
    // belongs elsewhere in the chain. Look for the entry that belongs here.
    this.suspect = { position: seq, entry, expectedPrevHash: this.lastHash, seen: 0 };
    return true;
  }

  private lookAhead(entry: StoredAuditEntry): boolean {
    const suspect = this.suspect!;
    suspect.seen += 1;
    if (entry.prevHash === suspect.expectedPrevHash && entry.hash === auditEntryHash({ ...entry, seq: String(suspect.position) })) {
      // The entry written as #position now sits further on.
      const here = suspect.position;
      const there = Number(entry.seq);
      const swapped = suspect.entry.hash === auditEntryHash({ ...suspect.entry, seq: entry.seq });
      return this.settle({
        ok: false,
        brokenAt: here,
        kind: "out-of-order",
        reason: swapped
          ? `entries ${entryNo(here)} and ${entryNo(there)} are out of order: they have swapped places`
          : `entry ${entryNo(here)} is out of order: the entry written as ${entryNo(here)} now sits at ${entryNo(there)}`,
      });
    }
    if (suspect.seen >= DIAGNOSIS_LOOKAHEAD) return this.settleSuspectAsEdited();
    return true;
  }

  private settleSuspectAsEdited() {
    const seq = this.suspect!.position;
    return this.settle({
      ok: false,
      brokenAt: seq,
      kind: "edited",
      reason: `entry ${entryNo(seq)} was changed after it was written: neither its contents nor its link to entry ${entryNo(seq - 1)} match`,
    });
  }

  private settle(verdict: ChainVerdict) {
    this.result = verdict;
    return false;
  }

  /** The verdict on everything added so far. */
  verdict(): ChainVerdict {
    if (this.suspect && !this.result) this.settleSuspectAsEdited();
    return this.result ?? { ok: true, count: this.count, lastSeq: this.lastSeq, lastHash: this.lastHash };
  }
}

/** Verifies a whole chain held in memory (tests, small chains). */
export function verifyChain(entries: Iterable<StoredAuditEntry>, options: { tenantId?: string } = {}): ChainVerdict {
  const verifier = new AuditChainVerifier(options);
  for (const entry of entries) {
    if (!verifier.add(entry)) break;
  }
  return verifier.verdict();
}

/** Verifies a chain read lazily, batch by batch, in seq order. */
export async function verifyChainStream(
  entries: AsyncIterable<StoredAuditEntry>,
  options: { tenantId?: string } = {},
): Promise<ChainVerdict> {
  const verifier = new AuditChainVerifier(options);
  for await (const entry of entries) {
    if (!verifier.add(entry)) break;
  }
  return verifier.verdict();
}

/** The last link as the chaining trigger recorded it (audit_chain_head). */
export interface ChainHead {
  seq: string | number;
  hash: string;
}

/**
 * Compares an intact chain with its head. Deleting the LAST entries leaves
 * a chain that is perfectly consistent in itself; only the head, kept by
 * the trigger, still knows how long the chain was.
 */
export function checkAgainstHead(verdict: ChainVerdict, head: ChainHead | null): ChainVerdict {
  if (!verdict.ok) return verdict;
  const headSeq = head ? Number(head.seq) : 0;
  const headHash = head ? head.hash : GENESIS_HASH;
  if (headSeq > verdict.lastSeq) {
    const first = verdict.lastSeq + 1;
    const where = headSeq === first ? `entry ${entryNo(first)} is missing` : `entries ${entryNo(first)} to ${entryNo(headSeq)} are missing`;
    return {
      ok: false,
      brokenAt: first,
      kind: "missing",
      reason: `${where} from the end of the trail: the chain's head records ${headSeq} entries`,
    };
  }
  if (headSeq < verdict.lastSeq) {
    return {
      ok: false,
      brokenAt: headSeq + 1,
      kind: "wrong-link",
      reason: `entry ${entryNo(headSeq + 1)} was added outside the chain: the chain's head records only ${headSeq} entries`,
    };
  }
  if (headHash !== verdict.lastHash) {
    return {
      ok: false,
      brokenAt: verdict.lastSeq,
      kind: "edited",
      reason: `entry ${entryNo(verdict.lastSeq)} was rewritten after it was written: the chain's head records a different hash`,
    };
  }
  return verdict;
}

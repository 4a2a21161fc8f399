import { describe, expect, it } from "vitest";
import {
  AuditChainVerifier,
  DIAGNOSIS_LOOKAHEAD,
  GENESIS_HASH,
  type StoredAuditEntry,
  auditEntryHash,
  canonicalAuditText,
  checkAgainstHead,
  verifyChain,
  verifyChainStream,
} from "./audit-chain";

const BANK = "7a1c0f9e-5d2b-4c61-9a3e-0b7d4e2f1a01";
const OTHER_BANK = "3e9b2d47-81c6-4f0a-b5d2-6c1e8a7f2b02";

type Content = Omit<StoredAuditEntry, "seq" | "prevHash" | "hash">;

function content(n: number, overrides: Partial<Content> = {}): Content {
  return {
    tenantId: BANK,
    occurredAt: `2026-02-09T08:35:${String(n % 60).padStart(2, "0")}.${String(n).padStart(6, "0")}Z`,
    actorId: n % 3 === 0 ? null : "5b0e8c1a-2f4d-4e6a-8b9c-0d1e2f3a4b5c",
    actorEmail: n % 3 === 0 ? null : "cae@vetalhill.example",
    action: n % 2 === 0 ? "user.update" : "demo.seed",
    entity: "app_user",
    entityId: `user-${n}`,
    before: n % 2 === 0 ? `{"name": "Before ${n}"}` : null,
    after: `{"name": "After ${n}"}`,
    ip: n % 4 === 0 ? null : "198.51.100.7",
    userAgent: n % 5 === 0 ? null : "Mozilla/5.0",
    sessionId: null,
    ...overrides,
  };
}

/** A valid chain of n entries, hashed the way the trigger hashes them. */
function chainOf(n: number, make: (i: number) => Content = (i) => content(i)): StoredAuditEntry[] {
  const entries: StoredAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const entry = { ...make(i), seq: String(i), prevHash, hash: "" };
    entry.hash = auditEntryHash(entry);
    entries.push(entry);
    prevHash = entry.hash;
  }
  return entries;
}

const at = (entries: StoredAuditEntry[], seq: number) => entries[seq - 1]!;
const rehash = (entry: StoredAuditEntry) => ({ ...entry, hash: auditEntryHash(entry) });

describe("canonicalAuditText", () => {
  it("joins the fields in audit_entry_hash()'s order with U+001F, NULLs as empty strings, prev_hash last", () => {
    const entry: StoredAuditEntry = {
      seq: "7",
      tenantId: BANK,
      occurredAt: "2026-02-09T08:35:06.123456Z",
      actorId: null,
      actorEmail: "cae@vetalhill.example",
      action: "user.update",
      entity: "app_user",
      entityId: "u-1",
      before: '{"name": "x"}',
      after: null,
      ip: "198.51.100.7",
      userAgent: null,
      sessionId: null,
      prevHash: GENESIS_HASH,
      hash: "ignored",
    };
    expect(canonicalAuditText(entry).split("\u001f")).toEqual([
      "7",
      BANK,
      "2026-02-09T08:35:06.123456Z",
      "",
      "cae@vetalhill.example",
      "user.update",
      "app_user",
      "u-1",
      '{"name": "x"}',
      "",
      "198.51.100.7",
      "",
      "",
      GENESIS_HASH,
    ]);
  });

  it("does not cover the stored hash itself", () => {
    const entry = at(chainOf(1), 1);
    expect(canonicalAuditText({ ...entry, hash: "something else" })).toBe(canonicalAuditText(entry));
  });
});

describe("auditEntryHash", () => {
  it("matches the digest PostgreSQL's audit_entry_hash() gives the same columns, non-ASCII text included", () => {
    // Computed with PostgreSQL 15 from the same concat_ws expression as the
    // migration: encode(sha256(convert_to(concat_ws(E'\x1f', …), 'UTF8')), 'hex').
    const entry: StoredAuditEntry = {
      seq: "7",
      tenantId: BANK,
      occurredAt: "2026-02-09T08:35:06.123456Z",
      actorId: null,
      actorEmail: "cae@vetalhill.example",
      action: "user.update",
      entity: "app_user",
      entityId: "u-1",
      before: '{"name": "सुनीता पवार", "status": "ACTIVE"}',
      after: null,
      ip: "198.51.100.7",
      userAgent: null,
      sessionId: null,
      prevHash: GENESIS_HASH,
      hash: "",
    };
    expect(auditEntryHash(entry)).toBe("d4904577234112f4e7d7de48ed096da77eb6a73ad0e23c347d06d3cb870ba64a");
  });

  it("changes when any covered field changes, or a value moves to another field", () => {
    const entry = at(chainOf(1), 1);
    const base = auditEntryHash(entry);
    const fields: (keyof StoredAuditEntry)[] = [
      "seq",
      "tenantId",
      "occurredAt",
      "actorId",
      "actorEmail",
      "action",
      "entity",
      "entityId",
      "before",
      "after",
      "ip",
      "userAgent",
      "sessionId",
      "prevHash",
    ];
    for (const field of fields) {
      expect(auditEntryHash({ ...entry, [field]: `${entry[field] ?? ""}x` }), field).not.toBe(base);
    }
    // A value moved from one field to its neighbour changes the text too.
    expect(auditEntryHash({ ...entry, actorId: null, actorEmail: `${entry.actorId}` })).not.toBe(base);
  });
});

describe("verifyChain: intact chains", () => {
  it("accepts an empty chain, ending at the genesis hash", () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, lastSeq: 0, lastHash: GENESIS_HASH });
  });

  it("accepts a chain of one", () => {
    const entries = chainOf(1);
    expect(verifyChain(entries)).toEqual({ ok: true, count: 1, lastSeq: 1, lastHash: at(entries, 1).hash });
  });

  it("accepts a long chain and reports its length and last hash", () => {
    const entries = chainOf(500);
    expect(verifyChain(entries, { tenantId: BANK })).toEqual({ ok: true, count: 500, lastSeq: 500, lastHash: at(entries, 500).hash });
  });

  it("accepts entries with every optional field empty", () => {
    const entries = chainOf(3, (i) => content(i, { actorId: null, actorEmail: null, before: null, after: null, ip: null, userAgent: null, sessionId: null }));
    expect(verifyChain(entries).ok).toBe(true);
  });
});

describe("verifyChain: the first broken link", () => {
  it("names an entry whose content was edited", () => {
    const entries = chainOf(10);
    entries[4] = { ...at(entries, 5), after: '{"name": "Someone else"}' };
    expect(verifyChain(entries)).toEqual({
      ok: false,
      brokenAt: 5,
      kind: "edited",
      reason: "entry #5 was changed after it was written: its contents no longer match its hash",
    });
  });

  it.each([
    ["occurredAt", "2026-02-10T00:00:00.000000Z"],
    ["actorId", null],
    ["actorEmail", "admin@vetalhill.example"],
    ["action", "user.delete"],
    ["entity", "tenant"],
    ["entityId", "user-999"],
    ["before", null],
    ["ip", "203.0.113.9"],
    ["userAgent", "curl/8"],
    ["sessionId", "9d1f0000-0000-4000-8000-000000000000"],
    ["tenantId", BANK.replace("7a1c", "7a1d")],
  ] as const)("detects an edit of %s", (field, value) => {
    const entries = chainOf(6);
    entries[3] = { ...at(entries, 4), [field]: value };
    const verdict = verifyChain(entries);
    expect(verdict).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it("names the next entry when an edited entry's hash was recomputed to hide the edit", () => {
    const entries = chainOf(10);
    entries[4] = rehash({ ...at(entries, 5), after: '{"name": "Someone else"}' });
    expect(verifyChain(entries)).toEqual({
      ok: false,
      brokenAt: 6,
      kind: "wrong-link",
      reason: "entry #6 does not link to entry #5: one of them was rewritten after it was written",
    });
  });

  it("calls an entry edited when its link was changed", () => {
    const entries = chainOf(5);
    entries[2] = { ...at(entries, 3), prevHash: "f".repeat(64) };
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: 3, kind: "edited" });
  });

  it("requires the first entry to start from the genesis hash", () => {
    const entries = chainOf(3);
    entries[0] = rehash({ ...at(entries, 1), prevHash: "a".repeat(64) });
    expect(verifyChain(entries)).toEqual({
      ok: false,
      brokenAt: 1,
      kind: "wrong-link",
      reason: "entry #1 does not start the chain: its link to the beginning of the trail is wrong",
    });
  });

  it("names a missing entry in the middle", () => {
    const entries = chainOf(10).filter((entry) => entry.seq !== "4");
    expect(verifyChain(entries)).toEqual({
      ok: false,
      brokenAt: 4,
      kind: "missing",
      reason: "entry #4 is missing: the trail goes from #3 to #5",
    });
  });

  it("names the first of several missing entries", () => {
    const entries = chainOf(10).filter((entry) => !["4", "5", "6"].includes(entry.seq));
    expect(verifyChain(entries)).toEqual({
      ok: false,
      brokenAt: 4,
      kind: "missing",
      reason: "entries #4 to #6 are missing: the trail goes from #3 to #7",
    });
  });

  it("names a missing first entry", () => {
    const entries = chainOf(3).slice(1);
    expect(verifyChain(entries)).toEqual({
      ok: false,
      brokenAt: 1,
      kind: "missing",
      reason: "entry #1 is missing: the trail starts at #2",
    });
  });

  it("names two entries whose seq numbers were swapped", () => {
    const entries = chainOf(10);
    const third = at(entries, 3);
    const seventh = at(entries, 7);
    entries[2] = { ...seventh, seq: "3" };
    entries[6] = { ...third, seq: "7" };
    expect(verifyChain(entries)).toEqual({
      ok: false,
      brokenAt: 3,
      kind: "out-of-order",
      reason: "entries #3 and #7 are out of order: they have swapped places",
    });
  });

  it("names two neighbouring entries that were swapped", () => {
    const entries = chainOf(5);
    entries[1] = { ...at(chainOf(5), 3), seq: "2" };
    entries[2] = { ...at(chainOf(5), 2), seq: "3" };
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: 2, kind: "out-of-order" });
  });

  it("names an entry moved further down the chain", () => {
    // #3, #4, #5 rotated: the entries written as 4, 5, 3 now sit at 3, 4, 5.
    const original = chainOf(6);
    const entries = [...original];
    entries[2] = { ...at(original, 4), seq: "3" };
    entries[3] = { ...at(original, 5), seq: "4" };
    entries[4] = { ...at(original, 3), seq: "5" };
    expect(verifyChain(entries)).toEqual({
      ok: false,
      brokenAt: 3,
      kind: "out-of-order",
      reason: "entry #3 is out of order: the entry written as #3 now sits at #5",
    });
  });

  it("calls an entry edited, not moved, when nothing later belongs in its place", () => {
    const entries = chainOf(6);
    entries[2] = { ...at(entries, 3), prevHash: "b".repeat(64), after: "{}" };
    expect(verifyChain(entries)).toEqual({
      ok: false,
      brokenAt: 3,
      kind: "edited",
      reason: "entry #3 was changed after it was written: neither its contents nor its link to entry #2 match",
    });
  });

  it("calls a broken last entry edited when the chain ends before anything else is found", () => {
    const entries = chainOf(4);
    entries[3] = { ...at(entries, 4), prevHash: "c".repeat(64), action: "x" };
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: 4, kind: "edited" });
  });

  it("refuses entries given out of seq order or twice", () => {
    const entries = chainOf(5);
    expect(verifyChain([at(entries, 1), at(entries, 2), at(entries, 2)])).toEqual({
      ok: false,
      brokenAt: 2,
      kind: "out-of-order",
      reason: "entry #2 is out of order: it comes after #2",
    });
    expect(verifyChain([at(entries, 1), at(entries, 3), at(entries, 2)])).toMatchObject({ ok: false, brokenAt: 2, kind: "missing" });
    expect(verifyChain([{ ...at(entries, 1), seq: "not a number" }])).toMatchObject({ ok: false, brokenAt: 1, kind: "out-of-order" });
  });

  it("refuses another bank's entry in the chain", () => {
    const mine = chainOf(3);
    const theirs = chainOf(3, (i) => content(i, { tenantId: OTHER_BANK }));
    expect(verifyChain([at(mine, 1), at(theirs, 2), at(mine, 3)])).toEqual({
      ok: false,
      brokenAt: 2,
      kind: "other-bank",
      reason: "entry #2 belongs to another bank's trail",
    });
    expect(verifyChain(theirs, { tenantId: BANK })).toMatchObject({ ok: false, brokenAt: 1, kind: "other-bank" });
  });

  it("reports only the first break when there are several", () => {
    const entries = chainOf(20);
    entries[14] = { ...at(entries, 15), action: "edited later" };
    entries[5] = { ...at(entries, 6), action: "edited first" };
    const withGapAfter = entries.filter((entry) => entry.seq !== "10");
    expect(verifyChain(withGapAfter)).toMatchObject({ ok: false, brokenAt: 6, kind: "edited" });
  });

  it("reads at most DIAGNOSIS_LOOKAHEAD entries past a break", () => {
    const count = DIAGNOSIS_LOOKAHEAD + 50;
    const entries = chainOf(count, (i) => content(i, { before: null, after: null }));
    entries[0] = { ...at(entries, 1), prevHash: "d".repeat(64), action: "tampered" };
    const verifier = new AuditChainVerifier();
    let taken = 0;
    for (const entry of entries) {
      taken += 1;
      if (!verifier.add(entry)) break;
    }
    expect(taken).toBe(1 + DIAGNOSIS_LOOKAHEAD);
    expect(verifier.verdict()).toMatchObject({ ok: false, brokenAt: 1, kind: "edited" });
    // Once settled, further entries change nothing.
    expect(verifier.add(at(entries, 2))).toBe(false);
  });
});

describe("verifyChainStream", () => {
  async function* inBatches(entries: StoredAuditEntry[], size: number, reads: { batches: number }) {
    for (let start = 0; start < entries.length; start += size) {
      reads.batches += 1;
      yield* entries.slice(start, start + size);
    }
  }

  it("gives the same verdict as the in-memory check, batch by batch", async () => {
    const entries = chainOf(1_234);
    const reads = { batches: 0 };
    expect(await verifyChainStream(inBatches(entries, 100, reads))).toEqual(verifyChain(entries));
    expect(reads.batches).toBe(13);
  });

  it("stops reading at a break that needs no diagnosis", async () => {
    const entries = chainOf(1_000);
    entries[149] = { ...at(entries, 150), ip: "203.0.113.1" };
    const reads = { batches: 0 };
    expect(await verifyChainStream(inBatches(entries, 100, reads))).toMatchObject({ ok: false, brokenAt: 150, kind: "edited" });
    expect(reads.batches).toBe(2);
  });
});

describe("checkAgainstHead", () => {
  const entries = chainOf(5);
  const intact = verifyChain(entries);

  it("accepts a chain whose last entry is the head", () => {
    expect(checkAgainstHead(intact, { seq: "5", hash: at(entries, 5).hash })).toEqual(intact);
    expect(checkAgainstHead(verifyChain([]), null)).toMatchObject({ ok: true, count: 0 });
  });

  it("names the deleted last entry, which only the head still knows of", () => {
    const shortened = verifyChain(entries.slice(0, 4));
    expect(shortened.ok).toBe(true);
    expect(checkAgainstHead(shortened, { seq: 5, hash: at(entries, 5).hash })).toEqual({
      ok: false,
      brokenAt: 5,
      kind: "missing",
      reason: "entry #5 is missing from the end of the trail: the chain's head records 5 entries",
    });
    expect(checkAgainstHead(verifyChain(entries.slice(0, 2)), { seq: 5, hash: "x" })).toMatchObject({
      brokenAt: 3,
      reason: "entries #3 to #5 are missing from the end of the trail: the chain's head records 5 entries",
    });
    expect(checkAgainstHead(verifyChain([]), { seq: 5, hash: "x" })).toMatchObject({ ok: false, brokenAt: 1, kind: "missing" });
  });

  it("names a last entry rewritten with a recomputed hash", () => {
    const rewritten = [...entries.slice(0, 4), rehash({ ...at(entries, 5), after: "{}" })];
    expect(checkAgainstHead(verifyChain(rewritten), { seq: 5, hash: at(entries, 5).hash })).toMatchObject({
      ok: false,
      brokenAt: 5,
      kind: "edited",
    });
  });

  it("names entries appended behind the trigger's back", () => {
    expect(checkAgainstHead(intact, { seq: 3, hash: at(entries, 3).hash })).toMatchObject({ ok: false, brokenAt: 4, kind: "wrong-link" });
    expect(checkAgainstHead(intact, null)).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it("passes a broken verdict through unchanged", () => {
    const broken = verifyChain(entries.slice(1));
    expect(checkAgainstHead(broken, { seq: 5, hash: at(entries, 5).hash })).toBe(broken);
  });
});

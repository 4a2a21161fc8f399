/**
 * The audit trail: searching it, and proving it unbroken.
 *
 * Entries are written by database triggers (identity migration), never by
 * an update or delete path here: this module only reads the trail and
 * appends the record of a verification.
 */
import {
  type ChainHead,
  type ChainVerdict,
  type StoredAuditEntry,
  checkAgainstHead,
  verifyChainStream,
} from "~/domain/audit-chain";
import { istDayEnd, istDayStart } from "~/domain/format";
import { Prisma } from "~/generated/prisma/client";
import type { SessionUser } from "~/models/session.server";
import { type ActorContext, type Tx, withTenant } from "~/utils/db.server";

export const AUDIT_PAGE_SIZE = 50;
/** Rows read per query when verifying: memory stays bounded on any chain. */
export const VERIFY_BATCH_SIZE = 5_000;
/** At most this many people match a name or email fragment in a search. */
const ACTOR_MATCH_LIMIT = 200;

/** The audited record kinds, in the bank's words (entity = table name). */
export const AUDITED_RECORDS = [
  { entity: "tenant", label: "Bank" },
  { entity: "app_user", label: "User" },
  { entity: "user_role", label: "User's role" },
  { entity: "org_unit", label: "Branch or department" },
  { entity: "user_org_unit", label: "User's branch assignment" },
  { entity: "invitation", label: "Invitation" },
  { entity: "session", label: "Sign-in session" },
  { entity: "outgoing_message", label: "Message sent" },
  { entity: "audit_entry", label: "Audit trail" },
] as const;

export function recordLabel(entity: string) {
  return AUDITED_RECORDS.find((record) => record.entity === entity)?.label ?? entity;
}

export interface AuditTrailFilters {
  entity?: string;
  entityId?: string;
  /** A user id, or part of a user's email address or name. */
  actor?: string;
  action?: string;
  /** IST calendar days, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
  /** Keyset cursors: the seq of the entry a page continues from. */
  olderThan?: number;
  newerThan?: number;
}

export interface AuditTrailEntry {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  /** The actor's current name, when the actor is a user of this bank. */
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  sessionId: string | null;
}

export interface AuditTrailPage {
  entries: AuditTrailEntry[];
  /** Cursor for the next page of older entries, when there are any. */
  olderThan: number | null;
  /** Cursor for the previous page of newer entries, when there are any. */
  newerThan: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally. */
function containing(text: string) {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

interface EntryRow {
  seq: bigint;
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  sessionId: string | null;
}

/**
 * One page of a bank's audit trail, newest first. Pages are keyset-bounded
 * on (occurred_at, seq), the order the indexes on audit_entry keep
 * (tenant_id, …, occurred_at), so every page costs the same however deep.
 * Scoped twice: by the bank's transaction (row-level security) and by
 * tenant_id in the query.
 */
export async function searchAuditTrail(user: SessionUser, filters: AuditTrailFilters): Promise<AuditTrailPage> {
  const tenantId = user.tenantId;
  return withTenant({ tenantId }, async (tx) => {
    const conditions: Prisma.Sql[] = [Prisma.sql`tenant_id = ${tenantId}::uuid`];
    if (filters.entity) conditions.push(Prisma.sql`entity = ${filters.entity}`);
    if (filters.entityId) conditions.push(Prisma.sql`entity_id = ${filters.entityId}`);
    if (filters.action) conditions.push(Prisma.sql`action = ${filters.action}`);
    if (filters.from) conditions.push(Prisma.sql`occurred_at >= ${istDayStart(filters.from)}`);
    if (filters.to) conditions.push(Prisma.sql`occurred_at < ${istDayEnd(filters.to)}`);

    const actor = filters.actor?.trim();
    if (actor && UUID.test(actor)) {
      conditions.push(Prisma.sql`actor_id = ${actor.toLowerCase()}::uuid`);
    } else if (actor) {
      // Entries name the actor by id (and sometimes email): find the people
      // whose email or name matches first, in one bounded query.
      // (Raw SQL: Prisma's `contains` passes % and _ through as wildcards.)
      const pattern = containing(actor);
      const people = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text AS id FROM app_user
         WHERE tenant_id = ${tenantId}::uuid AND (email::text ILIKE ${pattern} OR name ILIKE ${pattern})
         LIMIT ${ACTOR_MATCH_LIMIT}`;
      const ids = people.map((person) => person.id);
      conditions.push(
        ids.length > 0
          ? Prisma.sql`(actor_email ILIKE ${pattern} OR actor_id = ANY(${ids}::uuid[]))`
          : Prisma.sql`actor_email ILIKE ${pattern}`,
      );
    }

    // The cursor row's own time, read in the database so its microseconds
    // survive (a JavaScript Date keeps only milliseconds).
    const newer = filters.newerThan !== undefined && filters.olderThan === undefined;
    const cursor = newer ? filters.newerThan : filters.olderThan;
    if (cursor !== undefined) {
      const cursorTime = Prisma.sql`(SELECT occurred_at FROM audit_entry WHERE tenant_id = ${tenantId}::uuid AND seq = ${cursor}::bigint)`;
      conditions.push(
        newer
          ? Prisma.sql`occurred_at >= ${cursorTime} AND (occurred_at, seq) > (${cursorTime}, ${cursor}::bigint)`
          : Prisma.sql`occurred_at <= ${cursorTime} AND (occurred_at, seq) < (${cursorTime}, ${cursor}::bigint)`,
      );
    }

    const order = newer ? Prisma.sql`occurred_at ASC, seq ASC` : Prisma.sql`occurred_at DESC, seq DESC`;
    const rows = await tx.$queryRaw<EntryRow[]>`
      SELECT seq, occurred_at AS "occurredAt", actor_id::text AS "actorId", actor_email AS "actorEmail",
             action, entity, entity_id AS "entityId", before, after, ip, user_agent AS "userAgent",
             session_id::text AS "sessionId"
        FROM audit_entry
       WHERE ${Prisma.join(conditions, " AND ")}
       ORDER BY ${order}
       LIMIT ${AUDIT_PAGE_SIZE + 1}`;

    const more = rows.length > AUDIT_PAGE_SIZE;
    const page = rows.slice(0, AUDIT_PAGE_SIZE);
    if (newer) page.reverse();

    // Names of everyone on the page, in one query.
    const actorIds = [...new Set(page.map((row) => row.actorId).filter((id): id is string => id !== null))];
    const names =
      actorIds.length === 0
        ? []
        : await tx.user.findMany({ where: { tenantId, id: { in: actorIds } }, select: { id: true, name: true } });
    const nameOf = new Map(names.map((person) => [person.id, person.name]));

    const entries = page.map((row) => ({
      ...row,
      seq: Number(row.seq),
      actorName: row.actorId ? (nameOf.get(row.actorId) ?? null) : null,
    }));
    const first = entries[0]?.seq ?? null;
    const last = entries.at(-1)?.seq ?? null;
    return {
      entries,
      olderThan: newer ? last : more ? last : null,
      newerThan: newer ? (more ? first : null) : cursor !== undefined ? first : null,
    };
  });
}

/** How many distinct record kinds or actions the search form offers at most. */
const CHOICE_LIMIT = 200;

/**
 * The record kinds and actions present in the bank's trail, for the search
 * form's lists: new kinds of record appear without a code change. Each list
 * is a loose index scan (one index probe per distinct value, on the
 * (tenant_id, entity, …) and (tenant_id, action, …) indexes), not a scan of
 * the trail.
 */
export async function auditTrailChoices(user: SessionUser): Promise<{ entities: string[]; actions: string[] }> {
  const tenantId = user.tenantId;
  return withTenant({ tenantId }, async (tx) => {
    const entities = await tx.$queryRaw<{ value: string }[]>`
      WITH RECURSIVE kinds(value, n) AS (
        (SELECT entity, 1 FROM audit_entry WHERE tenant_id = ${tenantId}::uuid ORDER BY entity LIMIT 1)
        UNION ALL
        SELECT (SELECT entity FROM audit_entry WHERE tenant_id = ${tenantId}::uuid AND entity > kinds.value ORDER BY entity LIMIT 1), n + 1
          FROM kinds WHERE kinds.value IS NOT NULL AND n < ${CHOICE_LIMIT})
      SELECT value FROM kinds WHERE value IS NOT NULL`;
    const actions = await tx.$queryRaw<{ value: string }[]>`
      WITH RECURSIVE kinds(value, n) AS (
        (SELECT action, 1 FROM audit_entry WHERE tenant_id = ${tenantId}::uuid ORDER BY action LIMIT 1)
        UNION ALL
        SELECT (SELECT action FROM audit_entry WHERE tenant_id = ${tenantId}::uuid AND action > kinds.value ORDER BY action LIMIT 1), n + 1
          FROM kinds WHERE kinds.value IS NOT NULL AND n < ${CHOICE_LIMIT})
      SELECT value FROM kinds WHERE value IS NOT NULL`;
    return { entities: entities.map((row) => row.value), actions: actions.map((row) => row.value) };
  });
}

/** Runs work in a transaction that may read the bank's trail. */
export type ChainTransaction = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * One batch of the chain, every column as text, as the hash covers it: the
 * entries numbered afterSeq+1 … afterSeq+span. Bounding seq on both sides
 * (not just LIMIT) keeps each batch's cost fixed whatever the planner
 * thinks of the table's statistics: with stale ones, "seq > n ORDER BY seq
 * LIMIT 5000" was seen sorting the whole remaining chain for every batch.
 */
function readChainBatch(tx: Tx, tenantId: string, afterSeq: bigint, span: number) {
  return tx.$queryRaw<StoredAuditEntry[]>`
    SELECT seq::text AS seq,
           tenant_id::text AS "tenantId",
           to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
           actor_id::text AS "actorId",
           actor_email AS "actorEmail",
           action,
           entity,
           entity_id AS "entityId",
           before::text AS before,
           after::text AS after,
           ip,
           user_agent AS "userAgent",
           session_id::text AS "sessionId",
           prev_hash AS "prevHash",
           hash
      FROM audit_entry
     WHERE tenant_id = ${tenantId}::uuid
       AND audit_entry.seq > ${afterSeq.toString()}::bigint
       AND audit_entry.seq <= ${(afterSeq + BigInt(span)).toString()}::bigint
     -- The table's seq, not the text alias above: "10" sorts before "9".
     ORDER BY audit_entry.seq`;
}

/** The first seq after afterSeq, if any: one index probe that jumps a gap. */
async function nextSeqAfter(tx: Tx, tenantId: string, afterSeq: bigint): Promise<bigint | null> {
  const [row] = await tx.$queryRaw<{ seq: string | null }[]>`
    SELECT min(seq)::text AS seq FROM audit_entry WHERE tenant_id = ${tenantId}::uuid AND seq > ${afterSeq.toString()}::bigint`;
  return row?.seq ? BigInt(row.seq) : null;
}

/** The stored chain in seq order, read span by span. */
async function* storedChain(inTransaction: ChainTransaction, tenantId: string, span: number): AsyncGenerator<StoredAuditEntry> {
  let afterSeq = 0n;
  for (;;) {
    const batch = await inTransaction((tx) => readChainBatch(tx, tenantId, afterSeq, span));
    if (batch.length > 0) {
      yield* batch;
      afterSeq += BigInt(span);
      continue;
    }
    // An empty span is the end of the chain, or a gap (deleted entries,
    // which the verifier will name) to step over.
    const next = await inTransaction((tx) => nextSeqAfter(tx, tenantId, afterSeq));
    if (next === null) return;
    afterSeq = next - 1n;
  }
}

/**
 * The chain's head, when this connection may read it. The app's role may
 * not (only the chaining trigger and the owner can), so for the app this
 * is null and the chain is checked on its own.
 */
async function readChainHead(tx: Tx, tenantId: string): Promise<{ readable: boolean; head: ChainHead | null }> {
  const [access] = await tx.$queryRaw<{ readable: boolean }[]>`
    SELECT has_table_privilege(current_user, 'audit_chain_head', 'SELECT') AS readable`;
  if (!access?.readable) return { readable: false, head: null };
  const [head] = await tx.$queryRaw<{ seq: string; hash: string }[]>`
    SELECT seq::text AS seq, hash FROM audit_chain_head WHERE tenant_id = ${tenantId}::uuid`;
  return { readable: true, head: head ?? null };
}

export type ChainCheck = ChainVerdict & { headChecked: boolean };

/**
 * Verifies one bank's stored chain batch by batch, then, when the head is
 * readable, that the last entry is the one the trigger last wrote (the only
 * way to notice a deleted last entry). `inTransaction` decides the
 * connection: the app's tenant-bound role, or the owner in ops scripts
 * (which should pass one snapshot so head and chain agree).
 */
export async function verifyStoredChain(
  tenantId: string,
  inTransaction: ChainTransaction,
  options: { batchSize?: number } = {},
): Promise<ChainCheck> {
  const verdict = await verifyChainStream(storedChain(inTransaction, tenantId, options.batchSize ?? VERIFY_BATCH_SIZE), { tenantId });
  const { readable, head } = await inTransaction((tx) => readChainHead(tx, tenantId));
  return { ...(readable ? checkAgainstHead(verdict, head) : verdict), headChecked: readable };
}

/** Verifies a bank's chain as the app: each batch in its own bank-bound transaction. */
export function verifyAuditChain(tenantId: string): Promise<ChainCheck> {
  return verifyStoredChain(tenantId, (work) => withTenant({ tenantId }, work));
}

/**
 * Verifies the user's bank's trail and records that it was verified, and
 * with what result, in the trail itself (the chaining trigger sets seq and
 * the hashes of the new entry).
 */
export async function verifyAuditTrailFor(user: SessionUser, context: ActorContext): Promise<ChainCheck> {
  const verdict = await verifyAuditChain(user.tenantId);
  const result = verdict.ok
    ? { ok: true, count: verdict.count, brokenAt: null }
    : { ok: false, count: verdict.brokenAt - 1, brokenAt: verdict.brokenAt };
  await withTenant(
    { ...context, tenantId: user.tenantId, actorId: user.id, actorEmail: user.email, sessionId: user.sessionId, action: "audit.verify" },
    (tx) =>
      tx.auditEntry.create({
        data: {
          tenantId: user.tenantId,
          actorId: user.id,
          actorEmail: user.email,
          action: "audit.verify",
          entity: "audit_entry",
          entityId: user.tenantId,
          after: result,
          ip: context.ip ?? null,
          userAgent: context.userAgent ?? null,
          sessionId: user.sessionId,
        },
        select: { seq: true },
      }),
  );
  return verdict;
}

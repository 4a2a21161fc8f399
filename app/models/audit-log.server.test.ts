import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENESIS_HASH } from "~/domain/audit-chain";
import { istToday } from "~/domain/format";
import { Prisma } from "~/generated/prisma/client";
import { withTenant } from "~/utils/db.server";
import { DEMO_BANKS, DEMO_PASSWORD, demoEmail, seedDemo } from "../../prisma/seed";
import { prismaClient } from "../../scripts/lib/prisma";
import {
  AUDIT_PAGE_SIZE,
  type AuditTrailEntry,
  auditTrailChoices,
  searchAuditTrail,
  verifyAuditChain,
  verifyAuditTrailFor,
  verifyStoredChain,
} from "./audit-log.server";
import type { SessionUser } from "./session.server";
import { signIn } from "./sign-in.server";

const owner = new pg.Pool({ connectionString: process.env.OWNER_DATABASE_URL });
const app = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const ownerPrisma = prismaClient(process.env.OWNER_DATABASE_URL!);
const vetal = DEMO_BANKS[0]!;
const sahyadri = DEMO_BANKS[1]!;

beforeAll(async () => {
  await seedDemo(ownerPrisma);
});
afterAll(async () => {
  await Promise.all([owner.end(), app.end(), ownerPrisma.$disconnect()]);
});

/** A demo user as the session would present them. */
async function userOf(bank: (typeof DEMO_BANKS)[number], key: string): Promise<SessionUser> {
  const { rows } = await owner.query("SELECT id, email, name FROM app_user WHERE tenant_id = $1 AND email = $2", [bank.id, demoEmail(bank, key)]);
  const row = rows[0];
  return {
    id: row.id,
    tenantId: bank.id,
    email: row.email,
    name: row.name,
    roles: bank.users.find((person) => person.key === key)!.roles,
    orgUnitIds: [],
    bankName: bank.name,
    sessionId: randomUUID(),
  };
}

/** A bank of its own, its trail written through the app's role: 1 + units entries. */
async function bankWithTrail(units: number) {
  const tenantId = randomUUID();
  const tag = tenantId.slice(0, 8);
  await withTenant({ tenantId, action: "test.setup" }, async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, slug: `test-${tag}`, name: `Test Bank ${tag}`, rbiLicenceNo: `UCB.TEST.${tag}`, tier: "TIER_1" } });
    if (units > 0) {
      await tx.orgUnit.createMany({
        data: Array.from({ length: units }, (_, i) => ({ tenantId, kind: "BRANCH" as const, code: `B-${i + 1}`, name: `Branch ${i + 1}` })),
      });
    }
  });
  return { tenantId, slug: `test-${tag}` };
}

/**
 * Changes the trail as an intruder with superuser rights would: with the
 * append-only triggers switched off for this one transaction.
 */
async function tamper(sql: string, params: unknown[]) {
  const client = await owner.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(sql, params);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

/** The owner's check (as scripts/audit-verify.ts runs it): chain and head in one snapshot. */
function verifyAsOwner(tenantId: string) {
  return ownerPrisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
      return verifyStoredChain(tenantId, (work) => work(tx));
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
}

/** Runs one statement as the app's role, optionally bound to a bank, and rolls back. */
async function asApp(sql: string, params: unknown[] = [], tenantId?: string) {
  const client = await app.connect();
  try {
    await client.query("BEGIN");
    if (tenantId) await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    return await client.query(sql, params);
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

async function lastEntry(tenantId: string) {
  const { rows } = await owner.query("SELECT * FROM audit_entry WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1", [tenantId]);
  return rows[0];
}

describe("the trail records every change", () => {
  it("writes an entry for a change made through withTenant, with actor, action, IP, session and before/after", async () => {
    const cae = await userOf(vetal, "cae");
    const unit = (await owner.query("SELECT id, name FROM org_unit WHERE tenant_id = $1 AND code = 'AUND-022'", [vetal.id])).rows[0];
    await withTenant(
      {
        tenantId: vetal.id,
        actorId: cae.id,
        actorEmail: cae.email,
        sessionId: cae.sessionId,
        action: "org.rename",
        ip: "198.51.100.20",
        userAgent: "vitest",
      },
      (tx) => tx.orgUnit.update({ where: { tenantId_id: { tenantId: vetal.id, id: unit.id } }, data: { name: "औंध शाखा (Aundh Branch)" } }),
    );
    const entry = await lastEntry(vetal.id);
    expect(entry).toMatchObject({
      action: "org.rename",
      entity: "org_unit",
      entity_id: unit.id,
      actor_id: cae.id,
      actor_email: cae.email,
      ip: "198.51.100.20",
      user_agent: "vitest",
      session_id: cae.sessionId,
    });
    expect(entry.before.name).toBe(unit.name);
    expect(entry.after.name).toBe("औंध शाखा (Aundh Branch)");
    // Hashed by PostgreSQL, verified by Node: both agree on non-ASCII text too.
    expect(await verifyAuditChain(vetal.id)).toMatchObject({ ok: true, lastSeq: Number(entry.seq) });
  });

  it("names the table's own action when the app gives none", async () => {
    const { tenantId } = await bankWithTrail(0);
    await withTenant({ tenantId }, (tx) => tx.tenant.update({ where: { id: tenantId }, data: { address: "Main Road" } }));
    expect(await lastEntry(tenantId)).toMatchObject({ action: "tenant.update", entity: "tenant", entity_id: tenantId, actor_id: null });
  });

  it("never copies a password hash, a session token hash or an invitation token hash into the trail", async () => {
    const signedIn = await signIn({ email: demoEmail(vetal, "auditor"), password: DEMO_PASSWORD, ip: "198.51.100.21", userAgent: "vitest" });
    expect(signedIn.ok).toBe(true);
    const admin = await userOf(vetal, "admin");
    const tokenHash = `invitation-token-hash-${randomUUID()}`;
    await withTenant({ tenantId: vetal.id, actorId: admin.id, action: "user.invite" }, (tx) =>
      tx.invitation.create({
        data: {
          tenantId: vetal.id,
          email: "new.auditor@vetalhill.example",
          name: "New Auditor",
          roles: ["AUDITOR"],
          tokenHash,
          expiresAt: new Date(Date.now() + 86_400_000),
          invitedById: admin.id,
        },
      }),
    );

    const secrets = [
      ...(await owner.query("SELECT password_hash AS value FROM app_user WHERE password_hash IS NOT NULL")).rows,
      ...(await owner.query("SELECT token_hash AS value FROM session")).rows,
      ...(await owner.query("SELECT token_hash AS value FROM invitation")).rows,
    ].map((row) => row.value as string);
    expect(secrets.length).toBeGreaterThan(DEMO_BANKS.flatMap((bank) => bank.users).length);
    expect(secrets).toContain(tokenHash);

    const { rows } = await owner.query(`
      SELECT coalesce(before::text, '') || ' ' || coalesce(after::text, '') AS text,
             (before ? 'password_hash' OR after ? 'password_hash' OR before ? 'token_hash' OR after ? 'token_hash') AS has_secret_key
        FROM audit_entry`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.has_secret_key)).toEqual([]);
    const leaked = secrets.filter((secret) => rows.some((row) => row.text.includes(secret)));
    expect(leaked).toEqual([]);
    // The changes themselves are still there.
    expect((await owner.query("SELECT count(*)::int AS n FROM audit_entry WHERE entity = 'session' AND action = 'auth.sign_in'")).rows[0].n).toBeGreaterThan(0);
    expect((await owner.query("SELECT count(*)::int AS n FROM audit_entry WHERE entity = 'invitation' AND after->>'email' = 'new.auditor@vetalhill.example'")).rows[0].n).toBe(1);
  });
});

describe("the trail cannot be changed", () => {
  it("refuses the app's role any UPDATE, DELETE or TRUNCATE, even on its own bank's entries", async () => {
    for (const statement of [
      "UPDATE audit_entry SET action = 'forged' WHERE tenant_id = $1",
      "DELETE FROM audit_entry WHERE tenant_id = $1",
    ]) {
      await expect(asApp(statement, [vetal.id], vetal.id), statement).rejects.toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied/) });
    }
    await expect(asApp("TRUNCATE audit_entry", [], vetal.id)).rejects.toMatchObject({ code: "42501" });
  });

  it("does not let the app's role read the chain heads", async () => {
    await expect(asApp("SELECT * FROM audit_chain_head", [], vetal.id)).rejects.toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied/) });
    await expect(asApp("UPDATE audit_chain_head SET seq = 0", [], vetal.id)).rejects.toMatchObject({ code: "42501" });
  });

  it("refuses even the owner, a superuser, with the append-only error", async () => {
    const { rows } = await owner.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    expect(rows[0].rolsuper).toBe(true);
    for (const statement of [
      `UPDATE audit_entry SET action = 'forged' WHERE tenant_id = '${vetal.id}'`,
      `DELETE FROM audit_entry WHERE tenant_id = '${vetal.id}'`,
      "TRUNCATE audit_entry",
    ]) {
      await expect(owner.query(statement), statement).rejects.toMatchObject({ message: expect.stringMatching(/the audit trail is append-only/) });
    }
    expect(await verifyAuditChain(vetal.id)).toMatchObject({ ok: true });
  });
});

describe("tampering is detected, at the first broken link", () => {
  it("an edited entry", async () => {
    const { tenantId } = await bankWithTrail(9);
    await tamper(`UPDATE audit_entry SET after = jsonb_set(after, '{name}', '"Forged Branch"') WHERE tenant_id = $1 AND seq = 5`, [tenantId]);
    const expected = { ok: false, brokenAt: 5, kind: "edited" };
    expect(await verifyAuditChain(tenantId)).toMatchObject(expected);
    expect(await verifyAsOwner(tenantId)).toMatchObject(expected);
  });

  it("an edited entry whose hash was recomputed with the database's own function", async () => {
    const { tenantId } = await bankWithTrail(9);
    await tamper(`UPDATE audit_entry SET after = jsonb_set(after, '{name}', '"Forged Branch"') WHERE tenant_id = $1 AND seq = 5`, [tenantId]);
    await tamper("UPDATE audit_entry e SET hash = audit_entry_hash(e) WHERE tenant_id = $1 AND seq = 5", [tenantId]);
    expect(await verifyAuditChain(tenantId)).toMatchObject({ ok: false, brokenAt: 6, kind: "wrong-link" });
  });

  it("a deleted entry in the middle", async () => {
    const { tenantId } = await bankWithTrail(9);
    await tamper("DELETE FROM audit_entry WHERE tenant_id = $1 AND seq = 4", [tenantId]);
    expect(await verifyAuditChain(tenantId)).toEqual({
      ok: false,
      brokenAt: 4,
      kind: "missing",
      reason: "entry #4 is missing: the trail goes from #3 to #5",
      headChecked: false,
    });
  });

  it("a run of deleted entries longer than a batch, at the start or in the middle", async () => {
    const inSmallBatches = (tenantId: string) => verifyStoredChain(tenantId, (work) => withTenant({ tenantId }, work), { batchSize: 5 });
    const middle = await bankWithTrail(29);
    await tamper("DELETE FROM audit_entry WHERE tenant_id = $1 AND seq BETWEEN 3 AND 20", [middle.tenantId]);
    expect(await inSmallBatches(middle.tenantId)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: "entries #3 to #20 are missing: the trail goes from #2 to #21",
    });
    const start = await bankWithTrail(29);
    await tamper("DELETE FROM audit_entry WHERE tenant_id = $1 AND seq <= 12", [start.tenantId]);
    expect(await inSmallBatches(start.tenantId)).toMatchObject({ ok: false, brokenAt: 1, reason: "entries #1 to #12 are missing: the trail starts at #13" });
  });

  it("a deleted last entry, which only the owner's check against the chain head can see", async () => {
    const { tenantId } = await bankWithTrail(9);
    await tamper("DELETE FROM audit_entry WHERE tenant_id = $1 AND seq = 10", [tenantId]);
    // What is left is a consistent chain of 9: the app cannot tell.
    expect(await verifyAuditChain(tenantId)).toMatchObject({ ok: true, count: 9, headChecked: false });
    expect(await verifyAsOwner(tenantId)).toEqual({
      ok: false,
      brokenAt: 10,
      kind: "missing",
      reason: "entry #10 is missing from the end of the trail: the chain's head records 10 entries",
      headChecked: true,
    });
  });

  it("two entries whose seq numbers were swapped", async () => {
    const { tenantId } = await bankWithTrail(9);
    await tamper(
      `UPDATE audit_entry SET seq = CASE seq WHEN 3 THEN -7 ELSE -3 END WHERE tenant_id = $1 AND seq IN (3, 7)`,
      [tenantId],
    );
    await tamper("UPDATE audit_entry SET seq = -seq WHERE tenant_id = $1 AND seq < 0", [tenantId]);
    const expected = { ok: false, brokenAt: 3, kind: "out-of-order", reason: "entries #3 and #7 are out of order: they have swapped places" };
    expect(await verifyAuditChain(tenantId)).toMatchObject(expected);
    expect(await verifyAsOwner(tenantId)).toMatchObject(expected);
  });

  it("two entries whose contents were swapped, seq numbers left in place", async () => {
    const { tenantId } = await bankWithTrail(9);
    await tamper(
      `WITH pair AS (SELECT * FROM audit_entry WHERE tenant_id = $1 AND seq IN (4, 5))
       UPDATE audit_entry e
          SET occurred_at = p.occurred_at, actor_id = p.actor_id, actor_email = p.actor_email, action = p.action,
              entity = p.entity, entity_id = p.entity_id, before = p.before, after = p.after, ip = p.ip,
              user_agent = p.user_agent, session_id = p.session_id, prev_hash = p.prev_hash, hash = p.hash
         FROM pair p
        WHERE e.tenant_id = $1 AND e.seq IN (4, 5) AND p.seq = 9 - e.seq`,
      [tenantId],
    );
    expect(await verifyAuditChain(tenantId)).toMatchObject({ ok: false, brokenAt: 4, kind: "out-of-order" });
  });

  it("leaves an untouched bank's chain intact", async () => {
    expect(await verifyAsOwner(sahyadri.id)).toMatchObject({ ok: true, headChecked: true });
  });
});

describe("verification", () => {
  it("reads a long chain in bounded batches", async () => {
    const { tenantId } = await bankWithTrail(0);
    // Appended straight into the trail (the chaining trigger still links
    // each one), in a few transactions: within one transaction every entry
    // rewrites the same chain-head row, which slows down as they pile up.
    for (let start = 2; start <= 10_500; start += 3_500) {
      await owner.query(
        `INSERT INTO audit_entry (tenant_id, action, entity, entity_id, after)
         SELECT $1, 'test.bulk', 'org_unit', g::text, jsonb_build_object('n', g, 'name', 'शाखा ' || g)
           FROM generate_series($2::int, least($2::int + 3499, 10500)) g`,
        [tenantId, start],
      );
    }
    const verdict = await verifyAuditChain(tenantId);
    expect(verdict).toMatchObject({ ok: true, count: 10_500, lastSeq: 10_500 });

    let transactions = 0;
    const small = await verifyStoredChain(tenantId, (work) => {
      transactions += 1;
      return withTenant({ tenantId }, work);
    }, { batchSize: 1_000 });
    expect(small).toEqual(verdict);
    // 11 batches (the last half full), an empty one and a probe that find
    // nothing further, and one read of the head.
    expect(transactions).toBe(14);
  });

  it("calls an empty trail intact", async () => {
    expect(await verifyAuditChain(randomUUID())).toEqual({ ok: true, count: 0, lastSeq: 0, lastHash: GENESIS_HASH, headChecked: false });
  });

  it("records each verification in the trail, chained like any other entry", async () => {
    const { tenantId } = await bankWithTrail(4);
    const user: SessionUser = { ...(await userOf(vetal, "cae")), tenantId };
    const verdict = await verifyAuditTrailFor(user, { ip: "198.51.100.30", userAgent: "vitest" });
    expect(verdict).toMatchObject({ ok: true, count: 5 });
    expect(await lastEntry(tenantId)).toMatchObject({
      seq: "6",
      action: "audit.verify",
      entity: "audit_entry",
      entity_id: tenantId,
      actor_id: user.id,
      actor_email: user.email,
      ip: "198.51.100.30",
      session_id: user.sessionId,
      after: { ok: true, count: 5, brokenAt: null },
    });
    expect(await verifyAsOwner(tenantId)).toMatchObject({ ok: true, count: 6 });

    await tamper("DELETE FROM audit_entry WHERE tenant_id = $1 AND seq = 2", [tenantId]);
    expect(await verifyAuditTrailFor(user, { ip: "198.51.100.30" })).toMatchObject({ ok: false, brokenAt: 2 });
    expect((await lastEntry(tenantId)).after).toEqual({ ok: false, count: 1, brokenAt: 2 });
  });

  it("keeps one gap-free, valid chain under 20 concurrent writers", async () => {
    const { tenantId } = await bankWithTrail(0);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withTenant({ tenantId, action: `test.concurrent.${i}` }, async (tx) => {
          const unit = await tx.orgUnit.create({ data: { tenantId, kind: "BRANCH", code: `C-${i}`, name: `Branch ${i}` } });
          await tx.orgUnit.update({ where: { tenantId_id: { tenantId, id: unit.id } }, data: { name: `Branch ${i} (renamed)` } });
        }),
      ),
    );
    const { rows } = await owner.query("SELECT seq::int AS seq, action FROM audit_entry WHERE tenant_id = $1 ORDER BY seq", [tenantId]);
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    // Each transaction's two entries are consecutive: the head lock is held to commit.
    for (let i = 1; i < rows.length; i += 2) expect(rows[i].action).toBe(rows[i + 1].action);
    expect(await verifyAsOwner(tenantId)).toMatchObject({ ok: true, count: 41, headChecked: true });
  });
});

describe("searchAuditTrail", () => {
  const allPages = async (user: SessionUser, filters: Parameters<typeof searchAuditTrail>[1] = {}) => {
    const entries: AuditTrailEntry[] = [];
    let page = await searchAuditTrail(user, filters);
    entries.push(...page.entries);
    while (page.olderThan) {
      page = await searchAuditTrail(user, { ...filters, olderThan: page.olderThan });
      entries.push(...page.entries);
    }
    return entries;
  };

  it("never returns another bank's entries, whatever the filters", async () => {
    const vetalCae = await userOf(vetal, "cae");
    const sahyadriCae = await userOf(sahyadri, "cae");
    const vetalSeqs = (await owner.query("SELECT seq::int AS seq FROM audit_entry WHERE tenant_id = $1 ORDER BY seq DESC", [vetal.id])).rows.map((row) => row.seq);

    const everything = await allPages(vetalCae);
    expect(everything.map((entry) => entry.seq)).toEqual(vetalSeqs);
    expect(everything.some((entry) => entry.actorId === sahyadriCae.id)).toBe(false);

    const sahyadriUnit = (await owner.query("SELECT id FROM org_unit WHERE tenant_id = $1 LIMIT 1", [sahyadri.id])).rows[0].id;
    expect((await searchAuditTrail(vetalCae, { entity: "org_unit", entityId: sahyadriUnit })).entries).toEqual([]);
    expect((await searchAuditTrail(vetalCae, { entity: "tenant", entityId: sahyadri.id })).entries).toEqual([]);
    expect((await searchAuditTrail(vetalCae, { actor: sahyadriCae.id })).entries).toEqual([]);
    expect((await searchAuditTrail(vetalCae, { actor: "sahyadri.example" })).entries).toEqual([]);
    await withTenant({ tenantId: sahyadri.id, actorId: sahyadriCae.id, action: "org.update" }, (tx) =>
      tx.orgUnit.updateMany({ where: { tenantId: sahyadri.id, code: "KRD-004" }, data: { name: "Karad Branch, Satara" } }),
    );
    expect((await searchAuditTrail(vetalCae, { actor: sahyadriCae.id })).entries).toEqual([]);
    const theirs = await searchAuditTrail(sahyadriCae, { actor: sahyadriCae.id });
    expect(theirs.entries.length).toBeGreaterThan(0);
  });

  it("pages newest first, 50 at a time, with no entry lost or repeated, in both directions", async () => {
    const { tenantId } = await bankWithTrail(119);
    const user: SessionUser = { ...(await userOf(vetal, "cae")), tenantId };
    const first = await searchAuditTrail(user, {});
    expect(first.entries.map((entry) => entry.seq)).toEqual(Array.from({ length: AUDIT_PAGE_SIZE }, (_, i) => 120 - i));
    expect(first.newerThan).toBeNull();
    expect(first.olderThan).toBe(71);

    const second = await searchAuditTrail(user, { olderThan: first.olderThan! });
    expect(second.entries.map((entry) => entry.seq)).toEqual(Array.from({ length: AUDIT_PAGE_SIZE }, (_, i) => 70 - i));
    expect(second.newerThan).toBe(70);
    const third = await searchAuditTrail(user, { olderThan: second.olderThan! });
    expect(third.entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(third.olderThan).toBeNull();

    const back = await searchAuditTrail(user, { newerThan: third.newerThan! });
    expect(back.entries.map((entry) => entry.seq)).toEqual(second.entries.map((entry) => entry.seq));
    expect(back.olderThan).toBe(21);
    const top = await searchAuditTrail(user, { newerThan: back.newerThan! });
    expect(top.entries.map((entry) => entry.seq)).toEqual(first.entries.map((entry) => entry.seq));
    expect(top.newerThan).toBeNull();
  });

  it("filters by record, action, person and IST dates, and names the people", async () => {
    const cae = await userOf(vetal, "cae");
    const admin = await userOf(vetal, "admin");
    const unit = (await owner.query("SELECT id FROM org_unit WHERE tenant_id = $1 AND code = 'HDPS-031'", [vetal.id])).rows[0].id;
    await withTenant({ tenantId: vetal.id, actorId: admin.id, actorEmail: admin.email, action: "org.update" }, (tx) =>
      tx.orgUnit.update({ where: { tenantId_id: { tenantId: vetal.id, id: unit } }, data: { name: "Hadapsar Branch, Pune" } }),
    );
    // Session-bound changes name the actor by id only (no email): found by name.
    await withTenant({ tenantId: vetal.id, actorId: admin.id, action: "org.update" }, (tx) =>
      tx.orgUnit.update({ where: { tenantId_id: { tenantId: vetal.id, id: unit } }, data: { active: false } }),
    );

    const history = await searchAuditTrail(cae, { entity: "org_unit", entityId: unit });
    expect(history.entries.map((entry) => entry.action)).toEqual(["org.update", "org.update", "demo.seed"]);
    expect(history.entries[0]).toMatchObject({ actorId: admin.id, actorEmail: null, actorName: "Meera Kulkarni" });
    expect(history.entries[1]).toMatchObject({ actorEmail: admin.email, actorName: "Meera Kulkarni" });
    expect(history.entries[2]).toMatchObject({ actorId: null, actorName: null });
    expect(history.entries[1]!.before).toMatchObject({ name: "Hadapsar Branch" });
    expect(history.entries[1]!.after).toMatchObject({ name: "Hadapsar Branch, Pune" });

    for (const actor of [admin.id, admin.id.toUpperCase(), "admin@vetalhill", "ADMIN@VETALHILL.EXAMPLE", "kulkarni"]) {
      const found = await searchAuditTrail(cae, { actor, action: "org.update" });
      expect(found.entries.map((entry) => entry.seq), actor).toEqual(history.entries.slice(0, 2).map((entry) => entry.seq));
    }
    // LIKE's wildcards are taken literally.
    expect((await searchAuditTrail(cae, { actor: "%" })).entries).toEqual([]);

    const seeded = await allPages(cae, { action: "demo.seed" });
    expect(seeded.length).toBeGreaterThan(20);
    expect(seeded.every((entry) => entry.action === "demo.seed")).toBe(true);
    const users = await searchAuditTrail(cae, { action: "demo.seed", entity: "app_user" });
    expect(users.entries).toHaveLength(vetal.users.length);

    const today = istToday(history.entries[0]!.occurredAt);
    const dayAfter = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    expect((await searchAuditTrail(cae, { entity: "org_unit", entityId: unit, from: today, to: today })).entries).toHaveLength(3);
    expect((await searchAuditTrail(cae, { entity: "org_unit", entityId: unit, from: dayAfter(today, 1) })).entries).toEqual([]);
    expect((await searchAuditTrail(cae, { entity: "org_unit", entityId: unit, to: dayAfter(today, -1) })).entries).toEqual([]);
  });

  it("offers the record kinds and actions present in the bank's trail", async () => {
    const choices = await auditTrailChoices(await userOf(sahyadri, "cae"));
    expect(choices.entities).toEqual(expect.arrayContaining(["app_user", "org_unit", "tenant", "user_role", "user_org_unit"]));
    expect(choices.actions).toContain("demo.seed");
    expect(choices.actions).not.toContain("org.rename"); // written in the other bank only
    expect([...choices.entities].sort()).toEqual(choices.entities);
  });
});

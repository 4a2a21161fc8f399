/**
 * "No bank, no rows": the app's database role sees nothing of any bank until
 * a transaction names one. The tables are read from the catalog, so a table
 * added later with a tenant_id column is covered without touching this file.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BANKS, DEMO_PASSWORD, demoEmail, seedDemo } from "../../prisma/seed";
import { prismaClient } from "../../scripts/lib/prisma";
import { signIn } from "~/models/sign-in.server";
import { withTenant } from "~/utils/db.server";

const owner = new pg.Pool({ connectionString: process.env.OWNER_DATABASE_URL });
const app = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const vetal = DEMO_BANKS[0]!;

/** The tables this issue created: the catalog must list at least these. */
const KNOWN_TENANT_TABLES = ["tenant", "app_user", "user_role", "org_unit", "user_org_unit", "invitation", "session", "outgoing_message", "audit_entry"];

interface TenantTable {
  name: string;
  rowSecurity: boolean;
  forced: boolean;
  /** Whether the app's role may read it at all. */
  appMaySelect: boolean;
  appPrivileges: string[];
}

let tables: TenantTable[] = [];

beforeAll(async () => {
  const prisma = prismaClient(process.env.OWNER_DATABASE_URL!);
  await seedDemo(prisma);
  await prisma.$disconnect();

  // Rows in every table the seed leaves empty: a session, an invitation, a message.
  const signedIn = await signIn({ email: demoEmail(vetal, "cco"), password: DEMO_PASSWORD, ip: "198.51.100.40", userAgent: "vitest" });
  expect(signedIn.ok).toBe(true);
  const admin = (await owner.query("SELECT id FROM app_user WHERE tenant_id = $1 AND email = $2", [vetal.id, demoEmail(vetal, "admin")])).rows[0].id;
  await withTenant({ tenantId: vetal.id, actorId: admin, action: "user.invite" }, async (tx) => {
    await tx.invitation.create({
      data: {
        tenantId: vetal.id,
        email: "rls.check@vetalhill.example",
        name: "RLS Check",
        roles: ["AUDITOR"],
        tokenHash: randomUUID(),
        expiresAt: new Date(Date.now() + 86_400_000),
        invitedById: admin,
      },
    });
    await tx.outgoingMessage.create({
      data: { tenantId: vetal.id, toAddress: "rls.check@vetalhill.example", subject: "Invitation", body: "…", kind: "invitation" },
    });
  });

  const { rows } = await owner.query(`
    SELECT c.relname AS name,
           c.relrowsecurity AS "rowSecurity",
           c.relforcerowsecurity AS "forced",
           has_table_privilege('aegis_app', c.oid, 'SELECT') AS "appMaySelect",
           ARRAY(SELECT privilege FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS privilege
                  WHERE has_table_privilege('aegis_app', c.oid, privilege)) AS "appPrivileges"
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public'
       AND c.relkind IN ('r', 'p')
       AND (c.relname = 'tenant'
            OR EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND a.attnum > 0 AND NOT a.attisdropped))
     ORDER BY c.relname`);
  tables = rows;
});

afterAll(async () => {
  await Promise.all([owner.end(), app.end()]);
});

/** A query as the app's role in a fresh transaction, with no bank named. */
async function asAppWithoutBank<T extends pg.QueryResultRow>(sql: string) {
  const client = await app.connect();
  try {
    await client.query("BEGIN");
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

describe("row-level security", () => {
  it("finds every tenant table in the catalog", () => {
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(KNOWN_TENANT_TABLES));
  });

  it("enables and forces row-level security on every tenant table the app can read", () => {
    const readable = tables.filter((table) => table.appMaySelect);
    expect(readable.map((table) => table.name)).toEqual(expect.arrayContaining(KNOWN_TENANT_TABLES));
    const unprotected = readable.filter((table) => !table.rowSecurity || !table.forced).map((table) => table.name);
    expect(unprotected).toEqual([]);
  });

  it("gives the app no privilege at all on the tenant tables it cannot read (the chain heads)", () => {
    const unreadable = tables.filter((table) => !table.appMaySelect);
    // audit_chain_head has no row-level security: it needs none, as only the
    // chaining trigger (security definer) and the owner ever touch it.
    expect(unreadable.map((table) => table.name)).toEqual(["audit_chain_head"]);
    expect(unreadable.flatMap((table) => table.appPrivileges)).toEqual([]);
  });

  it("shows the app's role no rows of any tenant table until a bank is named, though rows exist", async () => {
    const readable = tables.filter((table) => table.appMaySelect);
    const counts: Record<string, { owner: number; app: number }> = {};
    for (const table of readable) {
      const [ownerCount] = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoted(table.name)}`)).rows;
      const [appCount] = await asAppWithoutBank<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoted(table.name)}`);
      counts[table.name] = { owner: ownerCount!.n, app: appCount!.n };
    }
    for (const name of KNOWN_TENANT_TABLES) expect(counts[name]!.owner, `${name} has rows to hide`).toBeGreaterThan(0);
    expect(Object.entries(counts).filter(([, count]) => count.app !== 0)).toEqual([]);
  });

  it("shows the app's role only the named bank's rows once it is named", async () => {
    const client = await app.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.tenant_id', $1, true)", [vetal.id]);
      for (const name of KNOWN_TENANT_TABLES) {
        const column = name === "tenant" ? "id" : "tenant_id";
        const { rows } = await client.query(`SELECT count(*)::int AS total, count(*) FILTER (WHERE ${column} = $1)::int AS own FROM ${quoted(name)}`, [vetal.id]);
        expect(rows[0].total, name).toBeGreaterThan(0);
        expect(rows[0].own, name).toBe(rows[0].total);
      }
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});

describe("the app's database roles", () => {
  it("are neither superusers nor able to bypass row-level security", async () => {
    const { rows } = await owner.query("SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname IN ('aegis_app', 'aegis_web') ORDER BY rolname");
    expect(rows).toEqual([
      { rolname: "aegis_app", rolsuper: false, rolbypassrls: false },
      { rolname: "aegis_web", rolsuper: false, rolbypassrls: false },
    ]);
  });

  it("connect the app as aegis_web, a member of aegis_app that owns no table", async () => {
    const [me] = await asAppWithoutBank<{ user: string; member: boolean; owned: number }>(`
      SELECT current_user AS user,
             pg_has_role(current_user, 'aegis_app', 'MEMBER') AS member,
             (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owned`);
    expect(me).toEqual({ user: "aegis_web", member: true, owned: 0 });
  });
});

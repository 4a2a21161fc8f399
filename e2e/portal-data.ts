/**
 * Data of its own for each auditee-portal browser test, written straight
 * into the e2e database as its owner (the way prisma/seed.ts writes the demo
 * data): a new branch, the people the test signs in as, and observations
 * already ISSUED with the due dates the test needs.
 *
 * Why not the demo's own observations or people: tests run in parallel, in
 * two projects at once, and change what they touch (a response moves an
 * observation on for good). The demo's ISSUED observations and its users
 * are shared with every other spec (a user keeps at most two sessions, and
 * auth.spec signs some out everywhere), so a test that used them would
 * depend on what else happens to be running. Creating observations through
 * the auditor's and manager's pages instead would make these tests depend
 * on those pages and take minutes.
 *
 * The e2e server (scripts/e2e-server.ts) uses the `aegis_e2e` database on
 * the server in DATABASE_URL, or else an embedded PostgreSQL whose data is
 * in .data/e2e-postgres: its port is read from the server's own pid file.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { addDays } from "../app/domain/deadline.ts";
import { istToday } from "../app/domain/format.ts";
import { observationRef } from "../app/domain/observation.ts";
import { DEMO_BANKS } from "../prisma/seed.ts";
import { projectRoot, withDatabase } from "../scripts/lib/services.ts";

const E2E_DATABASE = "aegis_e2e";
/** The embedded server's superuser password (scripts/lib/services.ts): local only. */
const EMBEDDED_PG_PASSWORD = "aegis-local-only";

function ownerUrl() {
  if (process.env.DATABASE_URL) return withDatabase(process.env.DATABASE_URL, E2E_DATABASE);
  const pidFile = path.join(projectRoot, ".data", "e2e-postgres", "postmaster.pid");
  // postmaster.pid: pid, data directory, start time, port, ...
  const port = readFileSync(pidFile, "utf8").split("\n")[3]?.trim();
  if (!port) throw new Error(`No port in ${pidFile}: is the e2e server running?`);
  return `postgresql://postgres:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/${E2E_DATABASE}`;
}

let pool: pg.Pool | undefined;
function database() {
  pool ??= new pg.Pool({ connectionString: ownerUrl(), max: 2, allowExitOnIdle: true });
  return pool;
}

export type BankKey = "vetalHill" | "sahyadri";
const BANK_INDEX: Record<BankKey, number> = { vetalHill: 0, sahyadri: 1 };
function bankOf(key: BankKey) {
  return DEMO_BANKS[BANK_INDEX[key]]!;
}

/** Work bound to one bank, in one transaction, recorded in the audit trail as e2e set-up. */
async function inBank<T>(bank: BankKey, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await database().connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.tenant_id', $1, true), set_config('app.action', 'e2e.fixture', true)", [bankOf(bank).id]);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const suffix = () => randomUUID().slice(0, 8);

async function unitId(client: pg.PoolClient, bank: BankKey, code: string) {
  const result = await client.query<{ id: string }>("SELECT id FROM org_unit WHERE tenant_id = $1 AND code = $2", [bankOf(bank).id, code]);
  if (!result.rows[0]) throw new Error(`No unit ${code} in ${bank}`);
  return result.rows[0].id;
}

async function userId(client: pg.PoolClient, bank: BankKey, key: string) {
  const email = `${key}@${bankOf(bank).domain}`;
  const result = await client.query<{ id: string }>("SELECT id FROM app_user WHERE tenant_id = $1 AND email = $2", [bankOf(bank).id, email]);
  if (!result.rows[0]) throw new Error(`No demo user ${email}`);
  return result.rows[0].id;
}

/** A branch no other test uses. */
export async function createBranch(bank: BankKey = "vetalHill") {
  const tag = suffix();
  const name = `Test Branch ${tag}`;
  const id = await inBank(bank, async (client) => {
    const result = await client.query<{ id: string }>(
      `INSERT INTO org_unit (tenant_id, id, kind, code, name, updated_at) VALUES ($1, gen_random_uuid(), 'BRANCH', $2, $3, now()) RETURNING id`,
      [bankOf(bank).id, `E2E-${tag}`.toUpperCase(), name],
    );
    return result.rows[0]!.id;
  });
  return { id, name };
}

/**
 * A person of the bank who signs in with the demo password: an auditee of
 * `unitIds`, or staff. Their own account, so no other test's sign-ins end
 * their session.
 */
export async function createPerson(options: { bank?: BankKey; roles: string[]; unitIds?: string[]; name: string }) {
  const bank = options.bank ?? "vetalHill";
  const email = `e2e-${suffix()}@${bankOf(bank).domain}`;
  await inBank(bank, async (client) => {
    const tenantId = bankOf(bank).id;
    // The demo users' hash of the demo password: no hashing in the test.
    const hash = await client.query<{ password_hash: string }>("SELECT password_hash FROM app_user WHERE tenant_id = $1 AND email = $2", [
      tenantId,
      `admin@${bankOf(bank).domain}`,
    ]);
    const created = await client.query<{ id: string }>(
      `INSERT INTO app_user (tenant_id, id, email, name, password_hash, updated_at) VALUES ($1, gen_random_uuid(), $2, $3, $4, now()) RETURNING id`,
      [tenantId, email, options.name, hash.rows[0]!.password_hash],
    );
    const id = created.rows[0]!.id;
    for (const role of options.roles) await client.query("INSERT INTO user_role (tenant_id, user_id, role) VALUES ($1, $2, $3)", [tenantId, id, role]);
    for (const unit of options.unitIds ?? []) {
      await client.query("INSERT INTO user_org_unit (tenant_id, user_id, org_unit_id) VALUES ($1, $2, $3)", [tenantId, id, unit]);
    }
  });
  return { email, name: options.name };
}

/** An auditee of a demo unit (by its code), of their own. */
export async function createAuditeeOf(bank: BankKey, unitCode: string, name: string) {
  const id = await inBank(bank, (client) => unitId(client, bank, unitCode));
  return createPerson({ bank, roles: ["AUDITEE"], unitIds: [id], name });
}

export interface IssuedObservation {
  id: string;
  ref: string;
  title: string;
  dueDate: string;
}

/**
 * Observations ISSUED to a unit, as if drafted by the demo auditor and
 * issued by the demo manager: each with its timeline's issue step and a due
 * date `dueInDays` from today in IST (negative: already overdue).
 */
export async function issueObservations(
  unit: string,
  specs: { title?: string; severity?: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL"; dueInDays: number }[],
  bank: BankKey = "vetalHill",
): Promise<IssuedObservation[]> {
  // Numbers are the bank's max + 1; a parallel test may take the same one
  // first, and then this simply tries again (as createDraft does).
  for (let attempt = 1; ; attempt++) {
    try {
      return await inBank(bank, async (client) => {
        const tenantId = bankOf(bank).id;
        const [author, manager] = [await userId(client, bank, "auditor"), await userId(client, bank, bank === "vetalHill" ? "manager" : "cae")];
        const max = await client.query<{ max: number | null }>("SELECT max(number) AS max FROM observation WHERE tenant_id = $1", [tenantId]);
        let number = (max.rows[0]?.max ?? 0) + 1;
        const created: IssuedObservation[] = [];
        for (const spec of specs) {
          const title = spec.title ?? `Vault register not signed ${suffix()}`;
          const dueDate = addDays(istToday(), spec.dueInDays);
          const severity = spec.severity ?? "MEDIUM";
          const row = await client.query<{ id: string }>(
            `INSERT INTO observation (tenant_id, id, number, title, condition, criteria, cause, effect, recommendation,
               assessed_severity, severity, status, org_unit_id, audit_area, risk_category, author_id,
               proposed_due_date, due_date, issued_at, version, updated_at)
             VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6, $7, $8, $9, $9, 'ISSUED', $10, 'CASH', 'OPERATIONAL', $11,
               $12::date, $12::date, now(), 4, now())
             RETURNING id`,
            [
              tenantId,
              number,
              title,
              "The vault register was not signed by the joint custodian on 4 of the 20 days checked.",
              "Bank's cash and valuables policy: the vault is opened and closed under joint custody, signed in the register.",
              "The joint custodian was often busy at the counter at closing time.",
              "One person could have had unsupervised access to the vault.",
              "Sign the register at every opening and closing; the branch head to check it weekly.",
              severity,
              unit,
              author,
              dueDate,
            ],
          );
          const id = row.rows[0]!.id;
          await client.query(
            `INSERT INTO observation_event (tenant_id, id, observation_id, actor_id, kind, from_status, to_status, details)
             VALUES ($1, gen_random_uuid(), $2, $3, 'transition', 'REVIEWED', 'ISSUED', $4)`,
            [tenantId, id, manager, JSON.stringify({ action: "issue", dueDate })],
          );
          created.push({ id, ref: observationRef(number), title, dueDate });
          number += 1;
        }
        return created;
      });
    } catch (error) {
      if ((error as { code?: string }).code === "23505" && attempt < 8) continue;
      throw error;
    }
  }
}

/** A fixture file's path (e2e/evidence-files; see its README). */
export function evidenceFile(name: string) {
  return path.join(projectRoot, "e2e", "evidence-files", name);
}

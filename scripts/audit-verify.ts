/**
 * `npm run audit:verify [-- --bank <id|slug>]`: verifies every bank's audit
 * chain, or one bank's, as the database owner.
 *
 * The app verifies a chain against itself; only the owner may read
 * audit_chain_head, the last link the chaining trigger wrote. That head is
 * the only witness of entries deleted from the END of a chain (what is left
 * is a perfectly consistent, shorter chain), so this script is the complete
 * check: run it from ops, on a schedule, and after any incident.
 *
 * Prints one line per bank; exits 0 when every chain is intact, 1 when any
 * is broken (naming its first broken link), 2 when it could not check.
 */
import { parseArgs } from "node:util";
import { Prisma, type PrismaClient } from "../app/generated/prisma/client.ts";
import { type ChainCheck, verifyStoredChain } from "../app/models/audit-log.server.ts";
import { prismaClient } from "./lib/prisma.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Bank {
  id: string;
  slug: string | null;
  name: string | null;
}

function usage(message?: string): never {
  if (message) console.error(message);
  console.error("Usage: npm run audit:verify [-- --bank <bank id or slug>]");
  console.error("Connects with MIGRATION_DATABASE_URL, else DATABASE_URL (the owner, to read the chain heads).");
  process.exit(2);
}

/**
 * Every bank that has a trail. The owner may not be a superuser (a managed
 * database), and then row-level security hides other banks' rows from it
 * too; audit_chain_head has no row-level security, and a loose index scan
 * of audit_entry's primary key adds any bank whose head row is gone.
 */
async function banksWithTrails(prisma: PrismaClient): Promise<Bank[]> {
  const [access] = await prisma.$queryRaw<{ readable: boolean }[]>`
    SELECT has_table_privilege(current_user, 'audit_chain_head', 'SELECT') AS readable`;
  if (!access?.readable) {
    usage(
      "This role cannot read audit_chain_head, without which a deleted last entry goes unnoticed: " +
        "connect as the database owner (MIGRATION_DATABASE_URL), not as the app.",
    );
  }
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE trail_banks(id) AS (
      (SELECT tenant_id FROM audit_entry ORDER BY tenant_id LIMIT 1)
      UNION ALL
      SELECT (SELECT tenant_id FROM audit_entry WHERE tenant_id > trail_banks.id ORDER BY tenant_id LIMIT 1)
        FROM trail_banks WHERE trail_banks.id IS NOT NULL)
    SELECT id::text AS id FROM trail_banks WHERE id IS NOT NULL
    UNION
    SELECT tenant_id::text FROM audit_chain_head
    UNION
    SELECT id::text FROM tenant
    ORDER BY 1`;
  const banks: Bank[] = [];
  for (const { id } of rows) {
    // Bound to the bank, so the tenant row is readable under row-level security.
    const [profile] = await inBank(prisma, id, (tx) =>
      tx.$queryRaw<{ slug: string; name: string }[]>`SELECT slug, name FROM tenant WHERE id = ${id}::uuid`,
    );
    banks.push({ id, slug: profile?.slug ?? null, name: profile?.name ?? null });
  }
  return banks;
}

/** One read-only snapshot per bank: the head and the chain must agree in time. */
function inBank<T>(prisma: PrismaClient, tenantId: string, work: (tx: Prisma.TransactionClient) => Promise<T>) {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
      return work(tx);
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: 30_000, timeout: 6 * 60 * 60 * 1000 },
  );
}

function reportLine(bank: Bank, check: ChainCheck, seconds: number) {
  const who = bank.slug ? `${bank.slug} (${bank.name})` : `${bank.id} (no bank record)`;
  const took = `${seconds.toFixed(2)} s`;
  if (!check.ok) return `${who}: BROKEN at entry #${check.brokenAt}: ${check.reason} [${took}]`;
  const head = check.headChecked ? `head matches #${check.lastSeq}` : "head NOT checked: this role cannot read audit_chain_head";
  return `${who}: intact, ${check.count} ${check.count === 1 ? "entry" : "entries"} verified, ${head} [${took}]`;
}

async function main() {
  let bankArg: string | undefined;
  try {
    const { values } = parseArgs({ options: { bank: { type: "string" }, help: { type: "boolean" } } });
    if (values.help) usage();
    bankArg = values.bank;
  } catch (error) {
    usage((error as Error).message);
  }

  const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) usage("Neither MIGRATION_DATABASE_URL nor DATABASE_URL is set.");

  const prisma = prismaClient(url);
  try {
    let banks = await banksWithTrails(prisma);
    if (bankArg !== undefined) {
      const wanted = bankArg.trim().toLowerCase();
      banks = banks.filter((bank) => (UUID.test(wanted) ? bank.id === wanted : bank.slug === wanted));
      if (banks.length === 0) usage(`No bank with id or slug "${bankArg}" has an audit trail here.`);
    }
    if (banks.length === 0) {
      console.log("No bank has an audit trail yet.");
      return 0;
    }

    let broken = 0;
    for (const bank of banks) {
      const started = performance.now();
      const check = await inBank(prisma, bank.id, (tx) => verifyStoredChain(bank.id, (work) => work(tx)));
      if (!check.ok) broken += 1;
      console.log(reportLine(bank, check, (performance.now() - started) / 1000));
    }
    return broken > 0 ? 1 : 0;
  } finally {
    await prisma.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The audit trail could not be checked: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);

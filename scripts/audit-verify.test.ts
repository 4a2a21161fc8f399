import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BANKS, seedDemo } from "../prisma/seed";
import { prismaClient } from "./lib/prisma";
import { projectRoot } from "./lib/services";

const run = promisify(execFile);
const owner = new pg.Pool({ connectionString: process.env.OWNER_DATABASE_URL });
const [vetal, sahyadri] = DEMO_BANKS as [(typeof DEMO_BANKS)[0], (typeof DEMO_BANKS)[1]];

beforeAll(async () => {
  const prisma = prismaClient(process.env.OWNER_DATABASE_URL!);
  await seedDemo(prisma);
  await prisma.$disconnect();
});
afterAll(() => owner.end());

/** Runs the script as ops would (npm run audit:verify), as the database owner. */
async function auditVerify(...args: string[]) {
  return runAs(process.env.OWNER_DATABASE_URL!, args);
}

async function runAs(migrationDatabaseUrl: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "scripts/audit-verify.ts", ...args], {
      cwd: projectRoot,
      env: { ...process.env, MIGRATION_DATABASE_URL: migrationDatabaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** An intruder with superuser rights, append-only triggers switched off. */
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

async function lastSeq(tenantId: string) {
  const { rows } = await owner.query("SELECT max(seq)::int AS seq FROM audit_entry WHERE tenant_id = $1", [tenantId]);
  return rows[0].seq as number;
}

describe("npm run audit:verify", () => {
  it("prints one line per bank and exits 0 when every chain is intact", async () => {
    const result = await auditVerify();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${sahyadri.slug} \\(${sahyadri.name}\\): intact, ${await lastSeq(sahyadri.id)} entries verified, head matches #\\d+`));
    expect(lines[1]).toMatch(new RegExp(`^${vetal.slug} .*: intact, ${await lastSeq(vetal.id)} entries verified`));
  });

  it("checks one bank, named by slug or id", async () => {
    const bySlug = await auditVerify("--bank", vetal.slug);
    expect(bySlug.code).toBe(0);
    expect(bySlug.stdout.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`^${vetal.slug} .*: intact`))]);
    const byId = await auditVerify(`--bank=${sahyadri.id.toUpperCase()}`);
    expect(byId.code).toBe(0);
    expect(byId.stdout).toMatch(new RegExp(`^${sahyadri.slug} .*: intact`));
  });

  it("refuses an unknown bank or argument with exit code 2", async () => {
    const unknown = await auditVerify("--bank", "no-such-bank");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No bank with id or slug "no-such-bank"');
    expect((await auditVerify("--frobnicate")).code).toBe(2);
  });

  it("refuses to run as the app's role, which cannot see the chain heads", async () => {
    // No MIGRATION_DATABASE_URL: the script falls back to DATABASE_URL, the app's role.
    const result = await runAs("", []);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("connect as the database owner");
  });

  it("exits non-zero naming the first broken link after an entry is edited", async () => {
    await tamper("UPDATE audit_entry SET actor_email = 'someone.else@vetalhill.example' WHERE tenant_id = $1 AND seq = 7", [sahyadri.id]);
    const result = await auditVerify();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`^${sahyadri.slug} .*: BROKEN at entry #7: entry #7 was changed after it was written: its contents no longer match its hash`, "m"),
    );
    // The other bank's chain is unaffected, and still reported.
    expect(result.stdout).toMatch(new RegExp(`^${vetal.slug} .*: intact`, "m"));
  });

  it("names a deleted last entry, which only the chain head reveals", async () => {
    const last = await lastSeq(vetal.id);
    await tamper("DELETE FROM audit_entry WHERE tenant_id = $1 AND seq = $2", [vetal.id, last]);
    const result = await auditVerify("--bank", vetal.slug);
    expect(result.code).toBe(1);
    expect(result.stdout.trim()).toMatch(
      new RegExp(`: BROKEN at entry #${last}: entry #${last} is missing from the end of the trail: the chain's head records ${last} entries`),
    );
  });
});

import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrateDeploy } from "../scripts/lib/prisma";
import { createDatabase, dropDatabase, projectRoot, withDatabase } from "../scripts/lib/services";

const run = promisify(execFile);
const adminUrl = inject("databaseAdminUrl");
const database = `aegis_test_empty_${process.pid}`;
const url = withDatabase(adminUrl, database);

afterAll(() => dropDatabase(adminUrl, database));

describe("migrations", () => {
  it("apply cleanly to an empty database", async () => {
    await dropDatabase(adminUrl, database);
    await createDatabase(adminUrl, database);
    await migrateDeploy(url);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(rows.map((row) => row.table_name)).toContain("tenant");
      const applied = await client.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL");
      expect(applied.rowCount).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it("match the schema (no drift), checked through a shadow database", async () => {
    // Replays the migrations into a shadow database and diffs the result with
    // schema.prisma: exit code 0 means nothing is missing from the migrations.
    const result = await run(
      process.execPath,
      [
        path.join(projectRoot, "node_modules/prisma/build/index.js"),
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--exit-code",
      ],
      { cwd: projectRoot, env: { ...process.env, DATABASE_URL: url } },
    );
    expect(result.stdout).toContain("No difference detected");
  });
});

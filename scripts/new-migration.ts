/**
 * `npm run db:new-migration -- <name>`: writes the SQL that takes the
 * migrations to schema.prisma into prisma/migrations/<timestamp>_<name>/.
 *
 * Prisma 6.19's `migrate dev` cannot evaluate data loss through a driver
 * adapter's shadow database (docs/decisions/001-prisma-offline.md), but
 * `migrate diff --from-migrations` can. Hand-written SQL (row-level
 * security, triggers, grants) is then appended to the new file.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./lib/services.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name in snake_case>");
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL must name a PostgreSQL server where a shadow database can be created.");
  process.exit(2);
}
const sql = execFileSync(
  process.execPath,
  [
    "--require",
    path.join(projectRoot, "prisma/cli-preload.cjs"),
    path.join(projectRoot, "node_modules/prisma/build/index.js"),
    "migrate",
    "diff",
    "--from-migrations",
    "prisma/migrations",
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ],
  { cwd: projectRoot, encoding: "utf8" },
);
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = path.join(projectRoot, "prisma", "migrations", `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
console.log(`Wrote ${path.relative(projectRoot, folder)}/migration.sql`);

import { defineConfig } from "prisma/config";
import { migrationAdapter } from "./prisma/migrate-adapter.ts";

// `prisma generate` needs no database, but Prisma 6.19 falls back to
// downloading native engines when the schema's env("DATABASE_URL") cannot be
// resolved. Give it a placeholder for that case; commands that do connect
// still fail clearly below when no real URL was given.
// Migrations run as the schema's owner. When the app's DATABASE_URL is its
// restricted login role, MIGRATION_DATABASE_URL names the owner.
const configuredUrl = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
process.env.DATABASE_URL ||= "postgresql://placeholder@localhost/placeholder";

const connects = process.argv.some((arg) => ["migrate", "db", "studio"].includes(arg));
if (connects && !configuredUrl) {
  // Prisma would otherwise report only "External error id#0".
  console.error("MIGRATION_DATABASE_URL (or DATABASE_URL) is not set: Prisma needs it to reach the database (see .env.example).");
  process.exit(1);
}

function ownerUrl() {
  if (!configuredUrl) throw new Error("MIGRATION_DATABASE_URL (or DATABASE_URL) is not set.");
  return configuredUrl;
}

export default defineConfig({
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  adapter: async () => migrationAdapter(ownerUrl),
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "prisma/**/*.test.ts"],
    // Starts PostgreSQL (embedded unless DATABASE_URL is set) and a local S3
    // server once, and builds a migrated template database for the run.
    globalSetup: ["scripts/testing/global-setup.ts"],
    // Gives every test file a database of its own, cloned from the template.
    setupFiles: ["scripts/testing/setup-file.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});

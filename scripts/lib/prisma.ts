import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../app/generated/prisma/client.ts";
import { projectRoot } from "./services.ts";

const run = promisify(execFile);
const prismaCli = path.join(projectRoot, "node_modules", "prisma", "build", "index.js");
const cliPreload = path.join(projectRoot, "prisma", "cli-preload.cjs");

async function prisma(args: string[], databaseUrl?: string) {
  try {
    const { stdout } = await run(process.execPath, ["--require", cliPreload, prismaCli, ...args], {
      cwd: projectRoot,
      env: {
        ...process.env,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl, MIGRATION_DATABASE_URL: databaseUrl } : {}),
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
    });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma ${args.join(" ")} failed:\n${stdout}${stderr}`);
  }
}

/** Applies every pending migration in prisma/migrations, as the owner. */
export function migrateDeploy(databaseUrl: string) {
  return prisma(["migrate", "deploy"], databaseUrl);
}

/** Writes the Prisma client into app/generated (it is not committed). */
export function generateClient() {
  return prisma(["generate"]);
}

export function prismaClient(databaseUrl: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 4 }) });
}

/**
 * Static checks of the container set-up (no Docker daemon is needed): the
 * compose files, the Dockerfile and .dockerignore. When the docker-compose
 * binary is installed, compose itself also validates the files.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, string>;
  healthcheck?: { test: string | string[] };
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition?: string }>;
  profiles?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = parse(read("docker-compose.yml")) as ComposeFile;
const devOverride = parse(read("docker-compose.dev.yml")) as ComposeFile;

describe("docker-compose.yml", () => {
  const { db, app } = compose.services;

  it("runs PostgreSQL 16 (alpine) with a health check and a named volume", () => {
    expect(db?.image).toMatch(/^postgres:16(\.\d+)*-alpine$/);
    expect([db?.healthcheck?.test].flat().join(" ")).toContain("pg_isready");
    const dataVolume = db?.volumes?.find((volume) => volume.endsWith(":/var/lib/postgresql/data"));
    const volumeName = dataVolume?.split(":")[0] as string;
    expect(volumeName).toBe("aegis-pgdata");
    expect(Object.keys(compose.volumes ?? {})).toContain(volumeName);
  });

  it("builds the app from the Dockerfile and starts it once the database is healthy", () => {
    const build = typeof app?.build === "string" ? { context: app.build } : app?.build;
    expect(build?.context).toBe(".");
    expect(build?.dockerfile ?? "Dockerfile").toBe("Dockerfile");
    expect(app?.depends_on?.db?.condition).toBe("service_healthy");
    expect(app?.ports).toEqual(["${PORT:-3000}:3000"]);
  });

  it("gives the app its configuration from the environment, with no secret in the file", () => {
    const environment = app?.environment ?? {};
    expect(Object.keys(environment).sort()).toEqual(
      [
        "APP_ORIGIN",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "DATABASE_URL",
        "MIGRATION_DATABASE_URL",
        "S3_BUCKET",
        "S3_ENDPOINT",
        "S3_REGION",
        "SESSION_SECRET",
      ].sort()
    );
    // The app runs as its restricted login role; only migrations as the owner.
    expect(environment.DATABASE_URL).toMatch(/^postgresql:\/\/aegis_web:\$\{APP_DB_PASSWORD:\?[^}]*\}@db:5432\//);
    expect(environment.MIGRATION_DATABASE_URL).toMatch(/^postgresql:\/\/\$\{POSTGRES_USER:-aegis\}:\$\{POSTGRES_PASSWORD:\?[^}]*\}@db:5432\//);
    expect(db?.volumes).toContain("./scripts/docker/initdb-app-role.sh:/docker-entrypoint-initdb.d/10-app-role.sh:ro");
    expect(environment.S3_REGION).toBe("${S3_REGION:-ap-south-1}");
    // A secret is either required (:?) or empty by default (:-), never a
    // value written in the file.
    const secrets = {
      POSTGRES_PASSWORD: db?.environment?.POSTGRES_PASSWORD,
      APP_DB_PASSWORD: db?.environment?.APP_DB_PASSWORD,
      SESSION_SECRET: environment.SESSION_SECRET,
      AWS_ACCESS_KEY_ID: environment.AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: environment.AWS_SECRET_ACCESS_KEY,
    };
    for (const [name, value] of Object.entries(secrets)) {
      expect(value, name).toMatch(new RegExp(`^\\$\\{${name}(:\\?[^}]*|:-)\\}$`));
    }
  });

  it("has no Redis", () => {
    // Parsed, so a comment explaining its absence does not count.
    for (const file of [compose, devOverride]) expect(JSON.stringify(file)).not.toMatch(/redis/i);
  });
});

describe("docker-compose.dev.yml", () => {
  it("publishes PostgreSQL on host port 5433 and leaves the app out", () => {
    expect(Object.keys(devOverride.services).sort()).toEqual(["app", "db"]);
    expect(devOverride.services.db?.ports).toEqual(["5433:5432"]);
    // A service with a profile starts only when the profile is asked for.
    expect(devOverride.services.app?.profiles?.length).toBeGreaterThan(0);
  });
});

describe("docker-compose config", () => {
  const binary = spawnSync("sh", ["-c", "command -v docker-compose"], { encoding: "utf8" }).stdout.trim();

  // Only what compose needs: the developer's own variables and .env file
  // must not decide the outcome.
  function dockerCompose(args: string[], variables: Record<string, string>) {
    const scratch = mkdtempSync(path.join(tmpdir(), "aegis-compose-"));
    try {
      const emptyEnvFile = path.join(scratch, "empty.env");
      writeFileSync(emptyEnvFile, "");
      return spawnSync(binary, ["--env-file", emptyEnvFile, ...args], {
        cwd: root,
        encoding: "utf8",
        // (NODE_ENV because @remix-run/node types it as always set.)
        env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: scratch, ...variables },
      });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  const required = {
    POSTGRES_PASSWORD: "not-a-secret",
    APP_DB_PASSWORD: "not-a-secret",
    S3_BUCKET: "aegis-evidence-dev",
    SESSION_SECRET: "not-a-secret",
    APP_ORIGIN: "http://localhost:3000",
  };

  it("is accepted by docker-compose when it is installed", () => {
    if (!binary) {
      console.info("docker-compose is not installed: the files were checked statically only.");
      return;
    }
    console.info(`docker-compose found at ${binary}: validating the files with it.`);

    const production = dockerCompose(["-f", "docker-compose.yml", "config"], required);
    expect(production.stderr).toBe("");
    expect(production.status).toBe(0);
    const resolved = parse(production.stdout) as ComposeFile;
    expect(resolved.services.app?.environment?.DATABASE_URL).toBe("postgresql://aegis_web:not-a-secret@db:5432/aegis");
    expect(resolved.services.db?.ports ?? []).toEqual([]);

    const development = dockerCompose(["-f", "docker-compose.yml", "-f", "docker-compose.dev.yml", "config"], required);
    expect(development.stderr).toBe("");
    expect(development.status).toBe(0);
    const merged = parse(development.stdout) as {
      services: Record<string, { ports?: unknown[]; profiles?: string[] }>;
    };
    expect(JSON.stringify(merged.services.db?.ports)).toMatch(/5433/);
    expect(merged.services.app?.profiles).toEqual(["app"]);

    const { POSTGRES_PASSWORD: _omitted, ...withoutPassword } = required;
    const missing = dockerCompose(["-f", "docker-compose.yml", "config"], withoutPassword);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("set POSTGRES_PASSWORD");
  });
});

/** The Dockerfile's stages, in order, each with its instructions. */
function dockerfileStages() {
  // Continuation lines are joined so every instruction is one line.
  const lines = read("Dockerfile")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const stages: { name: string; image: string; instructions: string[] }[] = [];
  for (const line of lines) {
    const from = line.match(/^FROM\s+(\S+)\s+AS\s+(\S+)$/i);
    if (from) stages.push({ image: from[1] as string, name: from[2] as string, instructions: [] });
    else stages.at(-1)?.instructions.push(line);
  }
  return stages;
}

describe("Dockerfile", () => {
  const stages = dockerfileStages();
  const stage = (name: string) => stages.find((candidate) => candidate.name === name);
  const runner = stages.at(-1);
  const instruction = (keyword: string) =>
    runner?.instructions.filter((line) => line.toUpperCase().startsWith(`${keyword} `)) ?? [];

  it("builds in stages deps, builder, runner, with runner last", () => {
    const names = stages.map((candidate) => candidate.name);
    expect(names.indexOf("deps")).toBeGreaterThan(-1);
    expect(names.indexOf("builder")).toBeGreaterThan(names.indexOf("deps"));
    expect(runner?.name).toBe("runner");
    // One maintained Node LTS line for every stage.
    for (const { name, image } of stages) expect(image, name).toMatch(/^node:(22|24)-bookworm-slim$/);
    expect(stage("builder")?.instructions).toContain("COPY --from=deps /app/node_modules ./node_modules");
    expect(stage("builder")?.instructions.some((line) => /^RUN .*npm run build/.test(line))).toBe(true);
  });

  it("ships only production dependencies", () => {
    const copied = instruction("COPY")
      .map((line) => line.match(/^COPY --from=(\S+) \S*node_modules/)?.[1])
      .filter(Boolean);
    const installs = [
      ...instruction("RUN"),
      ...copied.flatMap((source) => stage(source as string)?.instructions ?? []),
    ].filter((line) => /npm (ci|install)/.test(line));
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) expect(line).toContain("--omit=dev");
    expect(instruction("ENV").join(" ")).toContain("NODE_ENV=production");
  });

  it("ships the build, the migrations and what runs them", () => {
    const copies = instruction("COPY").join("\n");
    expect(copies).toMatch(/COPY --from=builder \/app\/build \.\/build/);
    expect(copies).toMatch(/COPY prisma \.\/prisma/);
    expect(copies).toMatch(/COPY .*\bpackage\.json\b/);
    expect(copies).toMatch(/COPY .*\bprisma\.config\.ts\b/);
  });

  it("runs as a user other than root", () => {
    const users = instruction("USER");
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^USER\s+(root|0)(:|$)/i);
  });

  it("checks /healthz and serves on port 3000 after applying migrations", () => {
    expect(instruction("EXPOSE")).toEqual(["EXPOSE 3000"]);
    expect(instruction("HEALTHCHECK").join(" ")).toContain("/healthz");
    const command = instruction("CMD").at(-1) ?? "";
    expect(command).toMatch(/prisma\S* migrate deploy/);
    expect(command.search(/prisma\S* migrate deploy/)).toBeLessThan(command.search(/remix-serve|npm start/));
  });
});

describe(".dockerignore", () => {
  const patterns = read(".dockerignore")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));

  it("keeps dependencies, build output, history, secrets and local data out of the build context", () => {
    for (const pattern of ["node_modules", "build", ".git", ".env", ".env.*", ".data", "app/generated"]) {
      expect(patterns, pattern).toContain(pattern);
    }
    expect(patterns).toContain("!.env.example");
  });

  it("keeps what the build needs", () => {
    for (const needed of ["app", "prisma", "public", "package.json", "package-lock.json", "vite.config.ts"]) {
      expect(patterns, needed).not.toContain(needed);
    }
  });
});

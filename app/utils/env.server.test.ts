import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, envSchema, parseEnv } from "./env.server";

const valid = {
  DATABASE_URL: "postgresql://aegis_web:secret@db:5432/aegis",
  S3_BUCKET: "aegis-evidence-prod",
  SESSION_SECRET: "a-session-secret-of-at-least-32-characters",
};

function errorOf(source: Record<string, string | undefined>) {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("expected parseEnv to throw");
}

describe("parseEnv", () => {
  it("applies defaults for optional variables", () => {
    expect(parseEnv(valid)).toEqual({
      ...valid,
      NODE_ENV: "development",
      PORT: 3000,
      S3_REGION: "ap-south-1",
      S3_SSE: "AES256",
    });
  });

  it("names every missing required variable", () => {
    const message = errorOf({});
    expect(message).toContain("DATABASE_URL: is required but not set");
    expect(message).toContain("S3_BUCKET: is required but not set");
    expect(message).toContain("SESSION_SECRET: is required but not set");
    expect(message).toContain(".env.example");
  });

  it("treats empty strings as unset", () => {
    expect(errorOf({ ...valid, DATABASE_URL: "" })).toContain("DATABASE_URL: is required");
    expect(parseEnv({ ...valid, S3_ENDPOINT: "" }).S3_ENDPOINT).toBeUndefined();
  });

  it("names a malformed value and says what is expected", () => {
    expect(errorOf({ ...valid, DATABASE_URL: "mysql://x@y/z" })).toContain("DATABASE_URL: must start with postgresql://");
    expect(errorOf({ ...valid, S3_BUCKET: "Evidence_Bucket" })).toContain("S3_BUCKET: must be a valid S3 bucket name");
    expect(errorOf({ ...valid, PORT: "http" })).toMatch(/PORT: /);
    expect(errorOf({ ...valid, NODE_ENV: "staging" })).toMatch(/NODE_ENV: /);
  });

  it("requires a long session secret, and the public origin in production", () => {
    expect(errorOf({ ...valid, SESSION_SECRET: "short" })).toContain("SESSION_SECRET: must be at least 32 characters");
    expect(errorOf({ ...valid, NODE_ENV: "production" })).toContain("APP_ORIGIN: is required in production");
    expect(parseEnv({ ...valid, NODE_ENV: "production", APP_ORIGIN: "https://aegis.bank.in/login" }).APP_ORIGIN).toBe(
      "https://aegis.bank.in",
    );
  });

  it("requires AWS keys in pairs", () => {
    expect(errorOf({ ...valid, AWS_ACCESS_KEY_ID: "AKIA" })).toContain("AWS_SECRET_ACCESS_KEY: AWS_ACCESS_KEY_ID and");
    expect(parseEnv({ ...valid, AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b" }).AWS_ACCESS_KEY_ID).toBe("a");
  });
});

describe(".env.example", () => {
  const text = readFileSync(path.resolve(import.meta.dirname, "../../.env.example"), "utf8");
  const names = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
  // The first section lists what the app reads; later ones, other readers.
  const appSection = text.split(/^# --- /m)[1] ?? "";
  const appNames = [...appSection.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);

  it("lists exactly the variables the app reads", () => {
    expect(appNames.sort()).toEqual(Object.keys(envSchema.innerType().shape).sort());
  });

  it("lists only variables something in the project reads", () => {
    const read = (file: string) => readFileSync(path.resolve(import.meta.dirname, "../..", file), "utf8");
    const scriptsRead = ["AEGIS_PG_PORT", "AEGIS_S3_PORT"];
    for (const name of scriptsRead) expect(read("scripts/demo.ts")).toContain(`"${name}"`);
    expect(read("prisma.config.ts")).toContain("process.env.MIGRATION_DATABASE_URL");
    const composeRead = ["POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "APP_DB_PASSWORD"];
    for (const name of composeRead) expect(read("docker-compose.yml")).toContain(`\${${name}`);
    expect(names.sort()).toEqual([...appNames, "MIGRATION_DATABASE_URL", ...scriptsRead, ...composeRead].sort());
  });

  it("holds placeholders, never real-looking secrets", () => {
    const secrets = text.match(/^(AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID)=(.*)$/gm) ?? [];
    for (const line of secrets) expect(line).toMatch(/=CHANGE_ME_/);
    expect(text).toMatch(/postgresql:\/\/aegis_web:CHANGE_ME_[A-Z_]+@/);
    expect(text).toMatch(/^SESSION_SECRET=CHANGE_ME_/m);
    expect(text).not.toMatch(/AKIA[0-9A-Z]{16}/);
  });
});

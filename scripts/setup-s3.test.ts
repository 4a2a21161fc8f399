/**
 * Runs scripts/setup-s3.sh against a fake `aws` that records every call, so
 * the bucket and IAM settings evidence immutability depends on are checked
 * without an AWS account.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const script = path.join(root, "scripts", "setup-s3.sh");

// Records its arguments as one JSON line per call; fails a call on demand
// the way the AWS CLI does (exit 254, error code in the message).
const FAKE_AWS = `#!/usr/bin/env node
const fs = require("node:fs");
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_AWS_LOG, JSON.stringify(args) + "\\n");
const operation = args.slice(0, 2).join(" ");
const failures = JSON.parse(process.env.FAKE_AWS_FAILURES || "{}");
if (failures[operation]) {
  process.stderr.write("\\nAn error occurred (" + failures[operation] + ") when calling the " + operation + " operation: fake\\n");
  process.exit(254);
}
if (operation === "iam create-access-key") {
  const userName = args[args.indexOf("--user-name") + 1];
  process.stdout.write(JSON.stringify({ AccessKey: { UserName: userName, AccessKeyId: "FAKEACCESSKEYFORTESTS", Status: "Active", SecretAccessKey: "fake-secret-for-tests-only" } }, null, 4) + "\\n");
} else if (operation === "s3api create-bucket") {
  process.stdout.write(JSON.stringify({ Location: "http://" + args[args.indexOf("--bucket") + 1] + ".s3.amazonaws.com/" }) + "\\n");
}
`;

const MAIN_BUCKET_CALLS = [
  "s3api create-bucket",
  "s3api put-public-access-block",
  "s3api put-bucket-versioning",
  "s3api put-bucket-encryption",
  "s3api put-bucket-cors",
  "s3api put-bucket-lifecycle-configuration",
];
const IAM_CALLS = ["iam create-user", "iam put-user-policy", "iam create-access-key"];

let workDir: string;
let awsLog: string;

beforeEach(() => {
  workDir = mkdtempSync(path.join(tmpdir(), "aegis-setup-s3-"));
  awsLog = path.join(workDir, "aws-calls.jsonl");
  writeFileSync(path.join(workDir, "aws"), FAKE_AWS);
  chmodSync(path.join(workDir, "aws"), 0o755);
});

afterEach(() => {
  rmSync(workDir, { recursive: true, force: true });
});

interface Run {
  status: number;
  stdout: string;
  stderr: string;
  calls: string[][];
}

function setupS3(args: string[], env: Record<string, string> = {}, failures: Record<string, string> = {}): Run {
  // Only PATH is inherited: APP_ORIGIN, S3_BUCKET or DR_REGION from the
  // developer's shell (or the test set-up) must not leak into the script.
  // (NODE_ENV because @remix-run/node types it as always set.)
  const scriptEnv = {
    NODE_ENV: "test" as const,
    PATH: `${workDir}${path.delimiter}${process.env.PATH}`,
    HOME: workDir,
    FAKE_AWS_LOG: awsLog,
    FAKE_AWS_FAILURES: JSON.stringify(failures),
    ...env,
  };
  let status = 0;
  let stdout: string;
  let stderr = "";
  try {
    stdout = execFileSync("bash", [script, ...args], { cwd: root, env: scriptEnv, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    ({ status, stdout, stderr } = failed);
  }
  const calls = existsSync(awsLog)
    ? readFileSync(awsLog, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as string[])
    : [];
  return { status, stdout, stderr, calls };
}

const operationOf = (call: string[]) => call.slice(0, 2).join(" ");

function option(call: string[], name: string) {
  const index = call.indexOf(name);
  expect(index, `${operationOf(call)} has ${name}`).toBeGreaterThan(-1);
  return call[index + 1] as string;
}

function only(calls: string[][], operation: string, bucket?: string) {
  const matching = calls.filter(
    (call) => operationOf(call) === operation && (bucket === undefined || option(call, "--bucket") === bucket)
  );
  expect(matching, `exactly one ${operation}${bucket ? ` on ${bucket}` : ""}`).toHaveLength(1);
  return matching[0] as string[];
}

interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}

function policyOf(calls: string[][]) {
  const document = option(only(calls, "iam put-user-policy"), "--policy-document");
  return { document, policy: JSON.parse(document) as { Statement: PolicyStatement[] } };
}

const asList = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

function s3ActionsOf(statements: PolicyStatement[]) {
  return statements.flatMap((statement) => asList(statement.Action)).filter((action) => action.startsWith("s3:"));
}

describe("setup-s3.sh", () => {
  it("creates a private, versioned, encrypted bucket in ap-south-1 and a put/get-only user", () => {
    const run = setupS3(["dev"]);

    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.calls.map(operationOf)).toEqual([...MAIN_BUCKET_CALLS, ...IAM_CALLS]);
    for (const call of run.calls.filter((call) => call[0] === "s3api")) {
      expect(option(call, "--bucket")).toBe("aegis-evidence-dev");
      expect(option(call, "--region")).toBe("ap-south-1");
    }

    const create = only(run.calls, "s3api create-bucket");
    expect(option(create, "--create-bucket-configuration")).toBe("LocationConstraint=ap-south-1");

    const publicAccess = option(
      only(run.calls, "s3api put-public-access-block"),
      "--public-access-block-configuration"
    );
    expect(Object.fromEntries(publicAccess.split(",").map((pair) => pair.split("=")))).toEqual({
      BlockPublicAcls: "true",
      IgnorePublicAcls: "true",
      BlockPublicPolicy: "true",
      RestrictPublicBuckets: "true",
    });

    expect(option(only(run.calls, "s3api put-bucket-versioning"), "--versioning-configuration")).toBe("Status=Enabled");

    const encryption = JSON.parse(
      option(only(run.calls, "s3api put-bucket-encryption"), "--server-side-encryption-configuration")
    );
    expect(encryption.Rules).toEqual([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }]);

    const cors = JSON.parse(option(only(run.calls, "s3api put-bucket-cors"), "--cors-configuration"));
    expect(cors.CORSRules).toHaveLength(1);
    expect(cors.CORSRules[0].AllowedOrigins).toEqual(["http://localhost:3000"]);
    expect([...cors.CORSRules[0].AllowedMethods].sort()).toEqual(["GET", "POST", "PUT"]);

    const lifecycle = JSON.parse(
      option(only(run.calls, "s3api put-bucket-lifecycle-configuration"), "--lifecycle-configuration")
    );
    expect(lifecycle.Rules).toEqual([
      expect.objectContaining({ Status: "Enabled", AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
    ]);
    // Evidence is kept: no rule may expire objects or their old versions.
    expect(JSON.stringify(lifecycle)).not.toMatch(/Expiration/);

    expect(option(only(run.calls, "iam create-user"), "--user-name")).toBe("aegis-app-dev");
    expect(option(only(run.calls, "iam put-user-policy"), "--user-name")).toBe("aegis-app-dev");
    const { document, policy } = policyOf(run.calls);
    expect(policy.Statement).toHaveLength(1);
    const [statement] = policy.Statement as [PolicyStatement];
    expect(statement.Effect).toBe("Allow");
    expect([...asList(statement.Action)].sort()).toEqual(["s3:GetObject", "s3:PutObject"]);
    expect(asList(statement.Resource)).toEqual(["arn:aws:s3:::aegis-evidence-dev/*"]);
    expect(document).not.toMatch(/delete/i);
    expect(document).not.toContain("s3:*");
    expect(option(only(run.calls, "iam create-access-key"), "--user-name")).toBe("aegis-app-dev");
    expect(run.stdout).toContain("FAKEACCESSKEYFORTESTS");
  });

  it("uses the given bucket and origin, and requires the origin outside dev", () => {
    const refused = setupS3(["prod"]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain("APP_ORIGIN is required for prod");
    expect(refused.calls).toEqual([]);

    const run = setupS3(["prod"], { APP_ORIGIN: "https://aegis.example.in", S3_BUCKET: "ucb-evidence-prod" });
    expect(run.status).toBe(0);
    expect(run.calls.filter((call) => call[0] === "s3api").map((call) => option(call, "--bucket"))).toEqual(
      MAIN_BUCKET_CALLS.map(() => "ucb-evidence-prod")
    );
    const cors = JSON.parse(option(only(run.calls, "s3api put-bucket-cors"), "--cors-configuration"));
    expect(cors.CORSRules[0].AllowedOrigins).toEqual(["https://aegis.example.in"]);
    expect(asList(policyOf(run.calls).policy.Statement[0]!.Resource)).toEqual(["arn:aws:s3:::ucb-evidence-prod/*"]);
    expect(option(only(run.calls, "iam create-user"), "--user-name")).toBe("aegis-app-prod");
  });

  it("refuses an origin CORS would never match", () => {
    for (const origin of ["https://aegis.example.in/", "https://aegis.example.in/login", "http://aegis.example.in"]) {
      const run = setupS3(["staging"], { APP_ORIGIN: origin });
      expect(run.status, origin).not.toBe(0);
      expect(run.stderr, origin).toMatch(/APP_ORIGIN/);
      expect(run.calls, origin).toEqual([]);
    }
  });

  it("encrypts with the given KMS key and lets the app use it only through S3", () => {
    const key = "arn:aws:kms:ap-south-1:123456789012:key/1a2b3c4d-0000-4000-8000-00000000abcd";
    const run = setupS3(["dev"], { S3_KMS_KEY_ID: key });

    expect(run.status).toBe(0);
    const encryption = JSON.parse(
      option(only(run.calls, "s3api put-bucket-encryption"), "--server-side-encryption-configuration")
    );
    expect(encryption.Rules[0].ApplyServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: "aws:kms",
      KMSMasterKeyID: key,
    });

    const { document, policy } = policyOf(run.calls);
    expect([...s3ActionsOf(policy.Statement)].sort()).toEqual(["s3:GetObject", "s3:PutObject"]);
    const kms = policy.Statement.filter((statement) =>
      asList(statement.Action).some((action) => action.startsWith("kms:"))
    );
    expect(kms).toEqual([
      {
        Sid: expect.any(String),
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: key,
        Condition: { StringEquals: { "kms:ViaService": "s3.ap-south-1.amazonaws.com" } },
      },
    ]);
    expect(document).not.toMatch(/delete/i);
  });

  it("refuses a KMS key outside ap-south-1", () => {
    const run = setupS3(["dev"], { S3_KMS_KEY_ID: "arn:aws:kms:us-east-1:123456789012:key/abcd" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("S3_KMS_KEY_ID must be the ARN of a KMS key in ap-south-1");
    expect(run.calls).toEqual([]);
  });

  it("prints the commands on --dry-run and calls nothing", () => {
    const run = setupS3(["dev", "--dry-run"]);

    expect(run.status).toBe(0);
    expect(run.calls).toEqual([]);
    const commands = run.stdout.split("\n").filter((line) => line.startsWith("DRY-RUN: aws "));
    expect(commands.map((line) => line.split(" ").slice(2, 4).join(" "))).toEqual([...MAIN_BUCKET_CALLS, ...IAM_CALLS]);
    expect(commands[0]).toContain("--create-bucket-configuration LocationConstraint=ap-south-1");
    // The policy is shown whole, quoted so the line can be pasted into a shell.
    const policyLine = commands.find((line) => line.includes("put-user-policy")) as string;
    const quotedPolicy = policyLine.match(/--policy-document '(.*)'$/)?.[1] as string;
    expect([...s3ActionsOf(JSON.parse(quotedPolicy).Statement)].sort()).toEqual(["s3:GetObject", "s3:PutObject"]);
  });

  it("replicates to ap-south-2 for disaster recovery", () => {
    const role = "arn:aws:iam::123456789012:role/aegis-evidence-replication";
    const run = setupS3(["dev", "--dr-region", "ap-south-2"], { S3_REPLICATION_ROLE_ARN: role });

    expect(run.status).toBe(0);
    const drCalls = run.calls.filter((call) => call.includes("aegis-evidence-dev-dr"));
    expect(drCalls.map(operationOf)).toEqual(MAIN_BUCKET_CALLS.slice(0, 4));
    for (const call of drCalls) expect(option(call, "--region")).toBe("ap-south-2");
    expect(option(drCalls[0] as string[], "--create-bucket-configuration")).toBe("LocationConstraint=ap-south-2");
    expect(
      option(only(run.calls, "s3api put-bucket-versioning", "aegis-evidence-dev-dr"), "--versioning-configuration")
    ).toBe("Status=Enabled");

    const replicate = only(run.calls, "s3api put-bucket-replication");
    expect(option(replicate, "--bucket")).toBe("aegis-evidence-dev");
    expect(option(replicate, "--region")).toBe("ap-south-1");
    // S3 rejects replication until the destination is versioned.
    const operations = run.calls
      .filter((call) => call[0] === "s3api")
      .map((call) => `${operationOf(call)} ${option(call, "--bucket")}`);
    expect(operations.indexOf("s3api put-bucket-replication aegis-evidence-dev")).toBeGreaterThan(
      operations.indexOf("s3api put-bucket-versioning aegis-evidence-dev-dr")
    );
    const replication = JSON.parse(option(replicate, "--replication-configuration"));
    expect(replication.Role).toBe(role);
    expect(replication.Rules).toEqual([
      expect.objectContaining({
        Status: "Enabled",
        DeleteMarkerReplication: { Status: "Disabled" },
        Destination: { Bucket: "arn:aws:s3:::aegis-evidence-dev-dr" },
      }),
    ]);
  });

  it("refuses a disaster-recovery region outside India before calling AWS", () => {
    const flag = setupS3(["prod", "--dr-region", "us-east-1"], {
      APP_ORIGIN: "https://aegis.example.in",
      S3_REPLICATION_ROLE_ARN: "arn:aws:iam::123456789012:role/aegis-evidence-replication",
    });
    expect(flag.status).not.toBe(0);
    expect(flag.stderr).toContain("refusing DR region 'us-east-1'");
    expect(flag.stderr).toContain("only to ap-south-2");
    expect(flag.stderr).toContain("RBI data localisation");
    expect(flag.calls).toEqual([]);

    const variable = setupS3(["dev", "--dry-run"], { DR_REGION: "eu-west-1" });
    expect(variable.status).not.toBe(0);
    expect(variable.stderr).toContain("refusing DR region 'eu-west-1'");
    expect(variable.stdout).not.toContain("DRY-RUN");
  });

  it("requires the replication role with a DR region", () => {
    const run = setupS3(["dev", "--dr-region=ap-south-2"]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("S3_REPLICATION_ROLE_ARN");
    expect(run.calls).toEqual([]);
  });

  it("shows the usage for a missing or unknown ENV", () => {
    for (const args of [[], ["qa"], ["dev", "--force"]]) {
      const run = setupS3(args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toContain("Usage: scripts/setup-s3.sh ENV [--dry-run]");
      expect(run.calls, args.join(" ")).toEqual([]);
    }
  });

  it("can be run again: an existing bucket or user is kept", () => {
    const run = setupS3(
      ["dev"],
      {},
      {
        "s3api create-bucket": "BucketAlreadyOwnedByYou",
        "iam create-user": "EntityAlreadyExists",
      }
    );

    expect(run.status).toBe(0);
    expect(run.calls.map(operationOf)).toEqual([...MAIN_BUCKET_CALLS, ...IAM_CALLS]);
  });

  it("stops at the first real AWS error", () => {
    const run = setupS3(["dev"], {}, { "s3api create-bucket": "AccessDenied" });

    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("AccessDenied");
    expect(run.calls.map(operationOf)).toEqual(["s3api create-bucket"]);
  });
});

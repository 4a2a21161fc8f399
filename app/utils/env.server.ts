import { z } from "zod";

/**
 * Every environment variable the running app reads, validated once at
 * start-up. `.env.example` lists exactly these (a test keeps the two equal).
 */
const postgresUrl = z
  .string()
  .url("must be a URL like postgresql://user:password@host:5432/aegis")
  .refine((value) => /^postgres(ql)?:\/\//.test(value), "must start with postgresql://");

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // The app's own login role: a member of aegis_app, never the owner, so
    // row-level security applies (docs/decisions/002-tenant-isolation.md).
    DATABASE_URL: postgresUrl,
    // Signs the session cookie (which carries only a random session id).
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 48`)"),
    // The public origin, e.g. https://aegis.example-bank.in: state-changing
    // requests must come from it, and https here makes cookies Secure.
    // Unset, the request's own origin is trusted (development only).
    APP_ORIGIN: z
      .string()
      .url("must be an origin such as https://aegis.example-bank.in")
      .transform((value) => new URL(value).origin)
      .optional(),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)"),
    // RBI data localisation: evidence lives in Mumbai unless told otherwise.
    S3_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as ap-south-1").default("ap-south-1"),
    // Set only for an S3-compatible server (development, tests); unset means AWS.
    S3_ENDPOINT: z.string().url("must be a URL such as http://127.0.0.1:4569").optional(),
    // Server-side encryption requested on every evidence upload: AES256
    // (S3-managed keys) or aws:kms with S3_KMS_KEY_ID.
    S3_SSE: z.enum(["AES256", "aws:kms"], { message: "must be AES256 or aws:kms" }).default("AES256"),
    S3_KMS_KEY_ID: z.string().min(1).optional(),
    AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
    AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.NODE_ENV === "production" && !value.APP_ORIGIN) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["APP_ORIGIN"], message: "is required in production" });
    }
    if (value.S3_SSE === "aws:kms" && !value.S3_KMS_KEY_ID) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["S3_KMS_KEY_ID"], message: "is required when S3_SSE is aws:kms" });
    }
    if (Boolean(value.AWS_ACCESS_KEY_ID) !== Boolean(value.AWS_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [value.AWS_ACCESS_KEY_ID ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID"],
        message: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together: set both, or neither to use the instance role",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses a set of variables; throws an EnvError naming every bad one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset, as shells and compose files often pass them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "(environment)";
    const message = issue.code === "invalid_type" && issue.received === "undefined" ? "is required but not set" : issue.message;
    return `  - ${name}: ${message}`;
  });
  throw new EnvError(`Aegis cannot start: invalid environment.\n${lines.join("\n")}\nSee .env.example for every variable.`);
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

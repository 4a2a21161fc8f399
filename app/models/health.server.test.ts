import { GetObjectCommand, HeadBucketCommand } from "@aws-sdk/client-s3";
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { localS3Client, freePort } from "../../scripts/lib/services";
import { HEALTH_MARKER_KEY, pingObjectStore } from "~/utils/s3.server";
import { checkHealth } from "./health.server";

describe("checkHealth", () => {
  it("reports both services up against the real database and object store", async () => {
    const health = await checkHealth();
    expect(health.status).toBe("ok");
    expect(health.database.status).toBe("up");
    expect(health.objectStore.status).toBe("up");
  });

  it("reports a service down, without leaking its address, when it does not answer", async () => {
    const deadPort = await freePort();
    const unreachableDb = new PrismaClient({
      adapter: new PrismaPg({ connectionString: `postgresql://postgres@127.0.0.1:${deadPort}/none`, connectionTimeoutMillis: 1000 }),
    });
    const unreachableS3 = localS3Client(`http://127.0.0.1:${deadPort}`);
    const health = await checkHealth({
      database: () => unreachableDb.$queryRaw`SELECT 1`,
      objectStore: (signal) => unreachableS3.send(new HeadBucketCommand({ Bucket: "aegis-evidence-test" }), { abortSignal: signal }),
    });
    expect(health.status).toBe("unavailable");
    expect(health.database.status).toBe("down");
    expect(health.objectStore.status).toBe("down");
    expect(JSON.stringify(health)).not.toContain(String(deadPort));
  });

  it("reads the object store through a marker object, written once, as GetObject/PutObject allow", async () => {
    await pingObjectStore();
    const s3 = localS3Client(process.env.S3_ENDPOINT!);
    const marker = await s3.send(new GetObjectCommand({ Bucket: process.env.S3_BUCKET, Key: HEALTH_MARKER_KEY }));
    expect(await marker.Body?.transformToString()).toBe("ok");
  });
});

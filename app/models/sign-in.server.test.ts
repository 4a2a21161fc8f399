import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BANKS, DEMO_PASSWORD, demoEmail, seedDemo } from "../../prisma/seed";
import { prismaClient } from "../../scripts/lib/prisma";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, MAX_ACTIVE_SESSIONS, resolveSession, signOutEverywhere } from "./session.server";
import { ATTEMPT_LIMIT, LOCKOUT_MS, LOCKOUT_THRESHOLD, signIn } from "./sign-in.server";
import { DuplicateBankError, registerBank } from "./tenant.server";

const owner = new pg.Pool({ connectionString: process.env.OWNER_DATABASE_URL });
const vetal = DEMO_BANKS[0]!;
const sahyadri = DEMO_BANKS[1]!;

beforeAll(async () => {
  const prisma = prismaClient(process.env.OWNER_DATABASE_URL!);
  await seedDemo(prisma);
  await prisma.$disconnect();
});
afterAll(() => owner.end());

let ipCounter = 0;
/** Each test signs in from its own address, so per-IP limits do not interfere. */
const freshIp = () => `198.51.100.${++ipCounter}`;
const context = (ip: string) => ({ ip, userAgent: "vitest" });

describe("signIn", () => {
  it("opens a session for the right password and finds the user's bank", async () => {
    const ip = freshIp();
    const result = await signIn({ email: demoEmail(vetal, "auditor"), password: DEMO_PASSWORD, ...context(ip) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tenantId).toBe(vetal.id);
    const { user } = await resolveSession(result.token, context(ip));
    expect(user).toMatchObject({ email: demoEmail(vetal, "auditor"), roles: ["AUDITOR"], bankName: vetal.name });
  });

  it("treats the email case-insensitively", async () => {
    const result = await signIn({ email: demoEmail(vetal, "cco").toUpperCase(), password: DEMO_PASSWORD, ...context(freshIp()) });
    expect(result.ok).toBe(true);
  });

  it("answers the same for a wrong password and for an account that does not exist", async () => {
    const wrong = await signIn({ email: demoEmail(vetal, "ceo"), password: "not-the-password", ...context(freshIp()) });
    const missing = await signIn({ email: "nobody@nowhere.example", password: "whatever-it-is", ...context(freshIp()) });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(missing).toEqual(wrong);
  });

  it("stores only a hash of the session id", async () => {
    const result = await signIn({ email: demoEmail(vetal, "manager"), password: DEMO_PASSWORD, ...context(freshIp()) });
    if (!result.ok) throw new Error("sign-in failed");
    const { rows } = await owner.query("SELECT token_hash FROM session WHERE token_hash = $1 OR token_hash = $2", [
      result.token,
      (await import("./session.server")).hashToken(result.token),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toBe(result.token);
  });

  it(`locks an account for 30 minutes after ${LOCKOUT_THRESHOLD} consecutive failures, even for the right password`, async () => {
    const email = demoEmail(sahyadri, "cco");
    const now = new Date();
    for (let attempt = 0; attempt < LOCKOUT_THRESHOLD; attempt++) {
      expect((await signIn({ email, password: `wrong-${attempt}-password`, ...context(freshIp()), now })).ok).toBe(false);
    }
    const locked = await signIn({ email, password: DEMO_PASSWORD, ...context(freshIp()), now });
    expect(locked).toEqual({ ok: false, reason: "invalid" });
    const { rows } = await owner.query("SELECT locked_until FROM app_user WHERE email = $1", [email]);
    expect(new Date(rows[0].locked_until).getTime()).toBe(now.getTime() + LOCKOUT_MS);

    const later = new Date(now.getTime() + LOCKOUT_MS + 1000);
    expect((await signIn({ email, password: DEMO_PASSWORD, ...context(freshIp()), now: later })).ok).toBe(true);
  });

  it(`refuses more than ${ATTEMPT_LIMIT} failed attempts per IP in 15 minutes, whichever accounts they name`, async () => {
    const ip = freshIp();
    for (let attempt = 0; attempt < ATTEMPT_LIMIT; attempt++) {
      await signIn({ email: `probe-${attempt}@nowhere.example`, password: "guess-guess-guess", ...context(ip) });
    }
    const blocked = await signIn({ email: demoEmail(vetal, "cae"), password: DEMO_PASSWORD, ...context(ip) });
    expect(blocked).toEqual({ ok: false, reason: "rate-limited" });
    // Another address is not affected.
    expect((await signIn({ email: demoEmail(vetal, "cae"), password: DEMO_PASSWORD, ...context(freshIp()) })).ok).toBe(true);
  });

  it(`refuses more than ${ATTEMPT_LIMIT} failed attempts per account from many IPs`, async () => {
    const email = "spread-attack@nowhere.example";
    for (let attempt = 0; attempt < ATTEMPT_LIMIT; attempt++) {
      await signIn({ email, password: "guess-guess-guess", ...context(freshIp()) });
    }
    expect(await signIn({ email, password: "guess-guess-guess", ...context(freshIp()) })).toEqual({ ok: false, reason: "rate-limited" });
  });

  it("refuses a deactivated user", async () => {
    const email = demoEmail(sahyadri, "ceo");
    await owner.query("UPDATE app_user SET status = 'DEACTIVATED' WHERE email = $1", [email]);
    expect(await signIn({ email, password: DEMO_PASSWORD, ...context(freshIp()) })).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("sessions", () => {
  async function signedIn(key: string, now?: Date) {
    const result = await signIn({ email: demoEmail(vetal, key), password: DEMO_PASSWORD, ...context(freshIp()), now });
    if (!result.ok) throw new Error(`sign-in of ${key} failed`);
    return result.token;
  }

  it(`keeps at most ${MAX_ACTIVE_SESSIONS} active sessions: a third sign-in ends the oldest`, async () => {
    const first = await signedIn("auditor2");
    const second = await signedIn("auditor2");
    const third = await signedIn("auditor2");
    expect((await resolveSession(first, context("x"))).user).toBeNull();
    expect((await resolveSession(second, context("x"))).user).not.toBeNull();
    expect((await resolveSession(third, context("x"))).user).not.toBeNull();
  });

  it("ends a session idle for more than 30 minutes", async () => {
    const start = new Date();
    const token = await signedIn("kothrud", start);
    const resolved = await resolveSession(token, context("x"), new Date(start.getTime() + IDLE_TIMEOUT_MS + 1000));
    expect(resolved).toEqual({ user: null, ended: "idle timeout" });
    expect((await resolveSession(token, context("x"))).user).toBeNull();
  });

  it("ends a session 12 hours after sign-in however active it is", async () => {
    const start = new Date(Date.now() - ABSOLUTE_TIMEOUT_MS - 1000);
    const token = await signedIn("aundh", start);
    // Keep it busy: each step within the idle limit.
    await owner.query("UPDATE session SET last_seen_at = now() WHERE ended_at IS NULL AND user_id = (SELECT id FROM app_user WHERE email = $1)", [
      demoEmail(vetal, "aundh"),
    ]);
    expect(await resolveSession(token, context("x"))).toEqual({ user: null, ended: "absolute timeout" });
  });

  it("signs out everywhere", async () => {
    const one = await signedIn("credit");
    const two = await signedIn("credit");
    const { user } = await resolveSession(one, context("x"));
    await signOutEverywhere(user!, context("x"));
    expect((await resolveSession(one, context("x"))).user).toBeNull();
    expect((await resolveSession(two, context("x"))).user).toBeNull();
  });

  it("does not resolve a made-up token", async () => {
    expect((await resolveSession(randomUUID(), context("x"))).user).toBeNull();
  });
});

describe("registerBank", () => {
  const registration = {
    bankName: "Shivneri Urban Co-operative Bank Ltd.",
    rbiLicenceNo: "UCB.MH.2291.P",
    tier: "TIER_1" as const,
    adminName: "Asha Thorat",
    adminEmail: "asha@shivneri.example",
    password: "correct horse battery staple",
  };

  it("creates the bank, a head office and its administrator in one transaction, signed in", async () => {
    const result = await registerBank(registration, context(freshIp()));
    const { user } = await resolveSession(result.token, context("x"));
    expect(user).toMatchObject({ roles: ["ADMIN"], bankName: registration.bankName, email: registration.adminEmail });
    const units = await owner.query("SELECT code FROM org_unit WHERE tenant_id = $1", [result.tenantId]);
    expect(units.rows.map((row) => row.code)).toEqual(["HO"]);
    const trail = await owner.query("SELECT DISTINCT action FROM audit_entry WHERE tenant_id = $1", [result.tenantId]);
    expect(trail.rows.map((row) => row.action).sort()).toEqual(["bank.register"]);
  });

  it("refuses a second bank with the same RBI licence number and leaves nothing behind", async () => {
    const before = await owner.query("SELECT count(*)::int AS n FROM tenant");
    await expect(registerBank({ ...registration, bankName: "Copy Bank", adminEmail: "x@copy.example" }, context(freshIp()))).rejects.toBeInstanceOf(
      DuplicateBankError,
    );
    const after = await owner.query("SELECT count(*)::int AS n FROM tenant");
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const orphans = await owner.query("SELECT count(*)::int AS n FROM app_user WHERE email = 'x@copy.example'");
    expect(orphans.rows[0].n).toBe(0);
  });
});

/**
 * For integration tests: seeds the two demo banks into this test file's own
 * database (as the owner, like `npm run demo` does) and hands back their
 * ids, units and people, plus an owner client for checks the app role may
 * not make (reading another bank's audit trail, for instance).
 */
import { DEMO_BANKS, demoEmail, seedDemo } from "../../prisma/seed.ts";
import type { Actor } from "../../app/utils/actor.server.ts";
import { prismaClient } from "../lib/prisma.ts";

export interface SeededBank {
  tenantId: string;
  name: string;
  /** Unit ids by the bank's code (HO, KOTH-014, ...). */
  units: Record<string, string>;
  users: Record<string, { id: string; email: string; name: string }>;
  /** The actor a test uses to act as one of the bank's people. */
  actor(key: string): Actor;
}

export async function seedDemoBanks() {
  const owner = prismaClient(process.env.OWNER_DATABASE_URL!);
  await seedDemo(owner);
  const banks: SeededBank[] = [];
  for (const bank of DEMO_BANKS) {
    const units = await owner.orgUnit.findMany({ where: { tenantId: bank.id }, select: { id: true, code: true } });
    const users = await owner.user.findMany({ where: { tenantId: bank.id }, select: { id: true, email: true, name: true } });
    const byKey = Object.fromEntries(
      bank.users.map((person) => [person.key, users.find((user) => user.email === demoEmail(bank, person.key))!]),
    );
    banks.push({
      tenantId: bank.id,
      name: bank.name,
      units: Object.fromEntries(units.map((unit) => [unit.code, unit.id])),
      users: byKey,
      actor(key) {
        const user = byKey[key];
        if (!user) throw new Error(`no demo user ${key} at ${bank.name}`);
        return { tenantId: bank.id, actorId: user.id, actorEmail: user.email, sessionId: null, ip: "203.0.113.7", userAgent: "vitest" };
      },
    });
  }
  const [vetalHill, sahyadri] = banks as [SeededBank, SeededBank];
  return { owner, vetalHill, sahyadri };
}

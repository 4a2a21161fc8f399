/**
 * The demo data `npm run demo` and the browser tests start from: two banks,
 * each with branches, departments and a user of every role. Idempotent:
 * running it again changes nothing and duplicates nothing. Writes go through
 * the same tenant-bound transactions the app uses, so the audit trail
 * records them.
 */
import type { PrismaClient } from "../app/generated/prisma/client.ts";
import type { Role } from "../app/domain/permissions.ts";
import { hashPassword } from "../app/utils/password.server.ts";
import { seedObservations } from "./seed-observations.ts";

/** Every demo user signs in with this password (printed by npm run demo). */
export const DEMO_PASSWORD = "Aegis-Demo-2026!";

interface DemoBank {
  id: string;
  slug: string;
  name: string;
  rbiLicenceNo: string;
  tier: "TIER_1" | "TIER_2" | "TIER_3" | "TIER_4";
  address: string;
  domain: string;
  units: { code: string; name: string; kind: "HEAD_OFFICE" | "ZONE" | "BRANCH" | "DEPARTMENT" }[];
  users: { key: string; name: string; roles: Role[]; units?: string[] }[];
}

export const DEMO_BANKS: DemoBank[] = [
  {
    id: "7a1c0f9e-5d2b-4c61-9a3e-0b7d4e2f1a01",
    slug: "vetal-hill",
    name: "Vetal Hill Co-operative Bank Ltd.",
    rbiLicenceNo: "UCB.MH.0417.P",
    tier: "TIER_2",
    address: "Plot 12, Senapati Bapat Road, Pune 411016",
    domain: "vetalhill.example",
    units: [
      { code: "HO", name: "Head Office, Pune", kind: "HEAD_OFFICE" },
      { code: "KOTH-014", name: "Kothrud Branch", kind: "BRANCH" },
      { code: "AUND-022", name: "Aundh Branch", kind: "BRANCH" },
      { code: "HDPS-031", name: "Hadapsar Branch", kind: "BRANCH" },
      { code: "CRD", name: "Credit Department", kind: "DEPARTMENT" },
      { code: "TRY", name: "Treasury Department", kind: "DEPARTMENT" },
      { code: "IT", name: "IT Department", kind: "DEPARTMENT" },
    ],
    users: [
      { key: "admin", name: "Meera Kulkarni", roles: ["ADMIN"] },
      { key: "auditor", name: "Rohan Deshpande", roles: ["AUDITOR"] },
      { key: "auditor2", name: "Sneha Joshi", roles: ["AUDITOR"] },
      { key: "manager", name: "Anil Patwardhan", roles: ["AUDIT_MANAGER"] },
      { key: "cae", name: "Vasudha Gokhale", roles: ["CAE"] },
      { key: "cco", name: "Prakash Bhide", roles: ["CCO"] },
      { key: "ceo", name: "Shirish Apte", roles: ["CEO"] },
      { key: "kothrud", name: "Sunita Pawar", roles: ["AUDITEE"], units: ["KOTH-014"] },
      { key: "aundh", name: "Mahesh Jadhav", roles: ["AUDITEE"], units: ["AUND-022"] },
      { key: "credit", name: "Nilesh Shinde", roles: ["AUDITEE"], units: ["CRD"] },
    ],
  },
  {
    id: "3e9b2d47-81c6-4f0a-b5d2-6c1e8a7f2b02",
    slug: "sahyadri-nagari",
    name: "Sahyadri Nagari Sahakari Bank Ltd.",
    rbiLicenceNo: "UCB.MH.1183.P",
    tier: "TIER_1",
    address: "Main Road, Satara 415001",
    domain: "sahyadri.example",
    units: [
      { code: "HO", name: "Head Office, Satara", kind: "HEAD_OFFICE" },
      { code: "STR-001", name: "Satara Main Branch", kind: "BRANCH" },
      { code: "KRD-004", name: "Karad Branch", kind: "BRANCH" },
      { code: "CRD", name: "Credit Department", kind: "DEPARTMENT" },
    ],
    users: [
      { key: "admin", name: "Kavita More", roles: ["ADMIN"] },
      { key: "auditor", name: "Sachin Mane", roles: ["AUDITOR"] },
      // A small bank doubles up: one person both manages audits and heads them.
      { key: "cae", name: "Rajesh Kadam", roles: ["AUDIT_MANAGER", "CAE"] },
      { key: "cco", name: "Ujwala Salunkhe", roles: ["CCO"] },
      { key: "ceo", name: "Dilip Nikam", roles: ["CEO"] },
      { key: "satara", name: "Ganesh Pisal", roles: ["AUDITEE"], units: ["STR-001"] },
    ],
  },
];

export const demoEmail = (bank: DemoBank, key: string) => `${key}@${bank.domain}`;

async function inBank<T>(prisma: PrismaClient, tenantId: string, work: (tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0]) => Promise<T>) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('app.tenant_id', ${tenantId}, true), set_config('app.action', 'demo.seed', true)`;
    return work(tx);
  });
}

export async function seedDemo(prisma: PrismaClient) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const bank of DEMO_BANKS) {
    await inBank(prisma, bank.id, async (tx) => {
      await tx.tenant.upsert({
        where: { id: bank.id },
        update: {},
        create: {
          id: bank.id,
          slug: bank.slug,
          name: bank.name,
          rbiLicenceNo: bank.rbiLicenceNo,
          tier: bank.tier,
          address: bank.address,
          contactEmail: demoEmail(bank, "admin"),
        },
      });
      const unitIds = new Map<string, string>();
      for (const unit of bank.units) {
        const row = await tx.orgUnit.upsert({
          where: { tenantId_code: { tenantId: bank.id, code: unit.code } },
          update: {},
          create: { tenantId: bank.id, ...unit },
          select: { id: true },
        });
        unitIds.set(unit.code, row.id);
      }
      for (const person of bank.users) {
        const email = demoEmail(bank, person.key);
        const existing = await tx.user.findUnique({ where: { tenantId_email: { tenantId: bank.id, email } }, select: { id: true } });
        if (existing) continue;
        await tx.user.create({
          data: {
            tenantId: bank.id,
            email,
            name: person.name,
            passwordHash,
            roles: { create: person.roles.map((role) => ({ role })) },
            orgUnits: { create: (person.units ?? []).map((code) => ({ orgUnitId: unitIds.get(code)! })) },
          },
        });
      }
    });
  }
  await seedObservations(prisma);
  return { banks: DEMO_BANKS };
}

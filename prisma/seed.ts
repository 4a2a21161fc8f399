/**
 * The demo data `npm run demo` and the browser tests start from. Idempotent:
 * running it again changes nothing and duplicates nothing.
 */
import type { PrismaClient } from "../app/generated/prisma/client.ts";

export const DEMO_BANK = {
  slug: "vetal-hill",
  name: "Vetal Hill Co-operative Bank Ltd.",
  rbiLicenceNo: "UCB.MH.0417.P",
  tier: "TIER_2",
} as const;

export async function seedDemo(prisma: PrismaClient) {
  const bank = await prisma.tenant.upsert({
    where: { slug: DEMO_BANK.slug },
    update: {},
    create: DEMO_BANK,
  });
  return { bank };
}

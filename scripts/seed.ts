/** `npm run db:seed`: seeds the demo bank into DATABASE_URL. */
import { seedDemo } from "../prisma/seed.ts";
import { prismaClient } from "./lib/prisma.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}
const prisma = prismaClient(url);
try {
  const { banks } = await seedDemo(prisma);
  console.log(`Seeded demo banks: ${banks.map((bank) => bank.name).join(", ")}`);
} finally {
  await prisma.$disconnect();
}

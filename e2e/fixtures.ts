/**
 * Shared fixtures for the browser tests. Import `test` and `expect` from
 * here instead of @playwright/test.
 *
 * - Every test gets its own client address (X-Forwarded-For, which the app
 *   reads as its reverse proxy's header), so sign-in rate limits of one test
 *   never touch another's.
 * - `signIn(page, email)` / the `signedInAs(email)` fixture sign in a demo
 *   user (prisma/seed.ts: `DEMO` below lists them).
 * - `registerBank(page)` registers a bank of the test's own and leaves its
 *   administrator signed in: for tests that change things, so they never
 *   disturb the shared demo banks other tests read.
 * - `newVisitor()` opens a second, cookie-less browser (same JavaScript
 *   setting as the project, its own address): the invitee, another bank's
 *   admin, and so on.
 *
 * Tests run in parallel against one database, in two projects at once
 * (js-on, js-off). A user keeps at most two live sessions (a third sign-in
 * ends the oldest), so at most one test per spec should sign in as a given
 * demo user; tests that need more people create them (registerBank, and
 * invitations from there).
 */
import { createHash } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";

export { expect };

export const DEMO_PASSWORD = "Aegis-Demo-2026!";

/** The demo logins (prisma/seed.ts), by bank and role. */
export const DEMO = {
  vetalHill: {
    name: "Vetal Hill Co-operative Bank Ltd.",
    admin: "admin@vetalhill.example",
    auditor: "auditor@vetalhill.example",
    auditor2: "auditor2@vetalhill.example",
    manager: "manager@vetalhill.example",
    cae: "cae@vetalhill.example",
    cco: "cco@vetalhill.example",
    ceo: "ceo@vetalhill.example",
    /** Auditee of Kothrud Branch (KOTH-014). */
    kothrud: "kothrud@vetalhill.example",
    /** Auditee of Aundh Branch (AUND-022). */
    aundh: "aundh@vetalhill.example",
    /** Auditee of the Credit Department (CRD). */
    credit: "credit@vetalhill.example",
  },
  sahyadri: {
    name: "Sahyadri Nagari Sahakari Bank Ltd.",
    admin: "admin@sahyadri.example",
    auditor: "auditor@sahyadri.example",
    /** Audit manager and CAE in one. */
    cae: "cae@sahyadri.example",
    cco: "cco@sahyadri.example",
    ceo: "ceo@sahyadri.example",
    /** Auditee of Satara Main Branch (STR-001). */
    satara: "satara@sahyadri.example",
  },
} as const;

/** A name no other test (or earlier run) uses: `unique("Baner")` → "Baner k3x9a1". */
export function unique(label: string) {
  return `${label} ${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A client address derived from the test and a salt, stable across retries. */
function addressFor(seed: string) {
  const digest = createHash("sha256").update(seed).digest();
  return `10.${digest[0]}.${digest[1]}.${digest[2]}`;
}

export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

export interface RegisteredBank {
  bankName: string;
  licence: string;
  adminName: string;
  adminEmail: string;
  password: string;
}

/** Registers a new bank; its administrator is left signed in on `page`. */
export async function registerBank(page: Page): Promise<RegisteredBank> {
  const id = unique("").trim();
  const bank = {
    bankName: `Test ${id} Co-operative Bank Ltd.`,
    licence: `UCB.E2E.${id}`.toUpperCase(),
    adminName: `Admin ${id}`,
    adminEmail: `admin@${id}.example`,
    password: "a long and unusual passphrase",
  };
  await page.goto("/register");
  await page.getByLabel("Registered name").fill(bank.bankName);
  await page.getByLabel("RBI licence number").fill(bank.licence);
  await page.getByLabel("UCB tier").selectOption("TIER_1");
  await page.getByLabel("Full name").fill(bank.adminName);
  await page.getByLabel("Work email").fill(bank.adminEmail);
  await page.getByLabel("Password").fill(bank.password);
  await page.getByRole("button", { name: "Register bank" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return bank;
}

interface Fixtures {
  /** Signs the demo user in on the test's `page` and returns it. */
  signedInAs: (email: string, password?: string) => Promise<Page>;
  /** A page in a fresh browser context: no cookies, its own address. Closed after the test. */
  newVisitor: () => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  extraHTTPHeaders: async ({}, use, testInfo) => {
    await use({ "X-Forwarded-For": addressFor(`${testInfo.project.name}:${testInfo.testId}:${testInfo.retry}`) });
  },
  signedInAs: async ({ page }, use) => {
    await use(async (email, password) => {
      await signIn(page, email, password);
      return page;
    });
  },
  newVisitor: async ({ browser, baseURL, javaScriptEnabled }, use, testInfo) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async () => {
      const context = await browser.newContext({
        baseURL,
        javaScriptEnabled,
        extraHTTPHeaders: {
          "X-Forwarded-For": addressFor(`${testInfo.project.name}:${testInfo.testId}:${testInfo.retry}:visitor${contexts.length}`),
        },
      });
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
});

import { createHash } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";

const DEMO_PASSWORD = "Aegis-Demo-2026!";

// Sign-in is rate-limited per client address, which the app reads from
// X-Forwarded-For (its reverse proxy's header): every test gets its own.
const test = base.extend({
  extraHTTPHeaders: async ({}, use, testInfo) => {
    const digest = createHash("sha256").update(`${testInfo.project.name}:${testInfo.testId}`).digest();
    await use({ "X-Forwarded-For": `10.${digest[0]}.${digest[1]}.${digest[2]}` });
  },
});

async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

function unique(label: string) {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

async function registerBank(page: Page) {
  const id = unique("bank");
  const details = {
    bankName: `Test ${id} Co-operative Bank Ltd.`,
    licence: `UCB.TS.${id}`.slice(0, 38),
    adminEmail: `admin@${id}.example`,
    password: "a long and unusual passphrase",
  };
  await page.goto("/register");
  await page.getByLabel("Registered name").fill(details.bankName);
  await page.getByLabel("RBI licence number").fill(details.licence);
  await page.getByLabel("UCB tier").selectOption("TIER_1");
  await page.getByLabel("Full name").fill("Test Administrator");
  await page.getByLabel("Work email").fill(details.adminEmail);
  await page.getByLabel("Password").fill(details.password);
  await page.getByRole("button", { name: "Register bank" }).click();
  return details;
}

test("a bank registers and its administrator lands signed in", async ({ page }) => {
  const bank = await registerBank(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("status")).toContainText(`${bank.bankName} is registered`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Test Administrator");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Users" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Branches & departments" })).toBeVisible();
});

test("registration errors re-render the form with what was typed, never the password", async ({ page, javaScriptEnabled }) => {
  await page.goto("/register");
  await page.getByLabel("Registered name").fill("Short Password Bank Ltd.");
  await page.getByLabel("RBI licence number").fill("UCB.TS.0001");
  await page.getByLabel("UCB tier").selectOption("TIER_2");
  await page.getByLabel("Full name").fill("Someone");
  await page.getByLabel("Work email").fill("someone@short.example");
  // Long enough for the browser's own check, but a well-known password.
  await page.getByLabel("Password").fill("password1234");
  await page.getByRole("button", { name: "Register bank" }).click();
  await expect(page.getByText("commonly used passwords")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Registered name")).toHaveValue("Short Password Bank Ltd.");
  await expect(page.getByLabel("UCB tier")).toHaveValue("TIER_2");
  // Without JavaScript the page is the server's answer: it must not echo the
  // password. (With JavaScript the browser simply keeps what was typed.)
  if (!javaScriptEnabled) await expect(page.getByLabel("Password")).toHaveValue("");
});

test("sign-in survives a refresh, and sign-out ends it", async ({ page }) => {
  await signIn(page, "auditor@vetalhill.example");
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Rohan Deshpande");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toContainText("You have signed out.");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
});

test("after sign-in the user returns to the page they asked for", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  await page.getByLabel("Email address").fill("cco@vetalhill.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
});

test("a wrong password gets a message that does not say whether the account exists", async ({ page, javaScriptEnabled }) => {
  await signIn(page, "ceo@vetalhill.example", "not the right password");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Sign-in failed");
  await expect(page.getByLabel("Email address")).toHaveValue("ceo@vetalhill.example");
  if (!javaScriptEnabled) await expect(page.getByLabel("Password")).toHaveValue("");
  const knownMessage = await alert.textContent();

  await signIn(page, "no-such-person@vetalhill.example", "not the right password");
  await expect(page.getByRole("alert")).toHaveText(knownMessage ?? "");
});

test("five failures lock the account, and the right password is then refused too", async ({ page, browser }) => {
  const bank = await registerBank(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  // Let the sign-out finish before asking for the sign-in page: with
  // JavaScript the post is still in flight when the click returns.
  await expect(page.getByRole("status")).toContainText("You have signed out.");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, bank.adminEmail, `wrong password number ${attempt}`);
    await expect(page.getByRole("alert")).toContainText("Sign-in failed");
  }
  await signIn(page, bank.adminEmail, bank.password);
  await expect(page.getByRole("alert")).toContainText("Sign-in failed");
  await expect(page).toHaveURL(/\/login$/);
  // The lock is on the account, not the browser: a fresh one is refused too.
  const other = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.250.1.1" } });
  const otherPage = await other.newPage();
  await signIn(otherPage, bank.adminEmail, bank.password);
  await expect(otherPage.getByRole("alert")).toContainText("Sign-in failed");
  await other.close();
});

test("signing out everywhere ends the other sessions too", async ({ page, browser }) => {
  // A bank of the test's own: two sessions of one user, and no demo user's
  // session cap shared with tests running alongside.
  const bank = await registerBank(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  const other = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.251.2.2" } });
  const otherPage = await other.newPage();
  await signIn(otherPage, bank.adminEmail, bank.password);
  await expect(otherPage).toHaveURL(/\/dashboard$/);

  await page.goto("/account");
  await expect(page.getByRole("cell", { name: /this session/ })).toBeVisible();
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("status")).toContainText("signed out on every device");

  await otherPage.goto("/dashboard");
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
});

test("a form posted from another site is refused", async ({ request }) => {
  const form = { email: "admin@vetalhill.example", password: DEMO_PASSWORD };
  // A foreign Origin is stopped by Remix's own guard before our action runs
  // (it answers 500); either way no session is opened.
  const byOrigin = await request.post("/login", { form, headers: { Origin: "https://attacker.example" }, maxRedirects: 0 });
  expect(byOrigin.status()).toBeGreaterThanOrEqual(400);
  expect(byOrigin.headers()["set-cookie"] ?? "").not.toContain("aegis_session=");
  // Old browsers may send no Origin: then our check reads the Referer.
  const byReferer = await request.post("/login", { form, headers: { Referer: "https://attacker.example/page" }, maxRedirects: 0 });
  expect(byReferer.status()).toBe(403);
  expect(byReferer.headers()["set-cookie"] ?? "").not.toContain("aegis_session=");
});

test("signing out is a POST: a GET to /logout changes nothing", async ({ page }) => {
  await signIn(page, "manager@vetalhill.example");
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/logout");
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Anil Patwardhan");
});

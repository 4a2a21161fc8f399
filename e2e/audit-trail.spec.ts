import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "./fixtures";

// Each demo user here signs in in one test only, and no other spec uses
// them: a user keeps at most two sessions, and the js-on and js-off
// projects run side by side (see fixtures.ts).

/** An IST calendar day as YYYY-MM-DD, `days` from today. */
function istDate(days = 0) {
  return new Date(Date.now() + 330 * 60_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const results = (page: Page) => page.getByRole("table", { name: "Entries, newest first" });
const resultRows = (page: Page) => results(page).locator(":scope > tbody > tr");

test("the CAE searches the trail, reads what changed, and verifies its integrity", async ({ page }) => {
  await signIn(page, DEMO.vetalHill.cae);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
  await expect(resultRows(page).first()).toBeVisible();

  // The demo data was seeded today (or, near midnight, yesterday) in IST.
  await page.getByLabel("Record", { exact: true }).selectOption({ label: "User" });
  await page.getByLabel("Action").selectOption("demo.seed");
  await page.getByLabel("From (IST date)").fill(istDate(-1));
  await page.getByLabel("To (IST date, included)").fill(istDate());
  await page.getByRole("button", { name: "Search" }).click();

  // The search is in the URL: it can be bookmarked, and survives a reload.
  await expect(page).toHaveURL(/[?&]action=demo\.seed/);
  await expect(page).toHaveURL(/[?&]entity=app_user/);
  await expect(page).toHaveURL(new RegExp(`[?&]to=${istDate()}`));
  await page.reload();
  await expect(page.getByLabel("Action")).toHaveValue("demo.seed");
  await expect(page.getByLabel("Record", { exact: true })).toHaveValue("app_user");

  // Vetal Hill's ten demo users, each created by the seed: every value shown, no secret.
  await expect(resultRows(page)).toHaveCount(10);
  const created = resultRows(page).filter({ hasText: "Vasudha Gokhale" });
  await expect(created).toHaveCount(1);
  await expect(created.getByRole("table")).toContainText("Created");
  await expect(created.getByRole("row", { name: /^Email cae@vetalhill\.example$/ })).toBeVisible();
  await expect(created.getByRole("row", { name: /^Status ACTIVE$/ })).toBeVisible();
  await expect(results(page)).not.toContainText(/password/i);
  await expect(results(page)).not.toContainText("Sahyadri");

  // The CAE's own sign-in changed their user record: only what changed is shown, before and after.
  await page.goto(`/audit-trail?${new URLSearchParams({ action: "auth.sign_in", entity: "app_user", actor: "cae@vetalhill" })}`);
  const signInChange = resultRows(page).first();
  await expect(signInChange).toContainText("Vasudha Gokhale");
  const diff = signInChange.getByRole("table");
  await expect(diff).toContainText("Changed");
  await expect(diff.getByRole("columnheader")).toHaveText(["Field", "Before", "After"]);
  await expect(diff.getByRole("row", { name: /^Last sign in at / })).toContainText(/\d{2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} IST/);
  await expect(diff).not.toContainText("Name");

  await page.getByRole("button", { name: "Verify integrity" }).click();
  await expect(page.getByRole("status")).toContainText(/Audit trail intact: [\d,]+ entries verified/);
  // The search is kept, and the check itself is now in the trail.
  await expect(page).toHaveURL(/[?&]action=auth\.sign_in/);
  await page.goto("/audit-trail?action=audit.verify");
  await expect(resultRows(page).first()).toContainText("audit.verify");
  await expect(resultRows(page).first().getByRole("row", { name: /^Ok yes$/ })).toBeVisible();
});

test("a search with the end date before the start date says so", async ({ page }) => {
  await signIn(page, DEMO.sahyadri.cae);
  await page.goto("/audit-trail");
  await page.getByLabel("From (IST date)").fill(istDate());
  await page.getByLabel("To (IST date, included)").fill(istDate(-3));
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("The end date is before the start date.")).toBeVisible();
  await expect(page.getByLabel("To (IST date, included)")).toHaveAttribute("aria-invalid", "true");
});

test("an administrator sees the trail but cannot verify it", async ({ page }) => {
  await signIn(page, DEMO.sahyadri.admin);
  const response = await page.goto("/audit-trail");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
  await expect(resultRows(page).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Verify integrity" })).toHaveCount(0);
  // Nor by posting the form by hand.
  const origin = new URL(page.url()).origin;
  const posted = await page.request.post("/audit-trail", { form: { intent: "verify" }, headers: { Origin: origin }, maxRedirects: 0 });
  expect(posted.status()).toBe(403);
});

test("an auditor may not open the audit trail", async ({ page }) => {
  await signIn(page, DEMO.vetalHill.auditor2);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit trail" })).toHaveCount(0);
  const response = await page.goto("/audit-trail");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this");
});

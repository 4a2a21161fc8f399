import AxeBuilder from "@axe-core/playwright";
import { expect, registerBank, test } from "./fixtures";

// Runs in the JavaScript-on project only (axe is injected JavaScript): see
// playwright.config.ts. A bank of its own, so no demo user's sessions are used.
test("the audit trail has no serious or critical accessibility violations", async ({ page }) => {
  await registerBank(page);
  await page.goto("/audit-trail");
  await expect(page.locator("table.diff").first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => ["serious", "critical"].includes(violation.impact ?? ""));
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
});

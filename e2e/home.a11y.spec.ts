import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

// Runs in the JavaScript-on project only (axe is injected JavaScript and
// hangs in a page with JavaScript disabled): see playwright.config.ts.
test("the home page has no serious or critical accessibility violations", async ({ page }) => {
  await page.goto("/");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => ["serious", "critical"].includes(violation.impact ?? ""));
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
});

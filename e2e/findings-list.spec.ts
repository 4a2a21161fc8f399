/**
 * The findings list as an auditor uses it: filter, search, page, and come
 * back to the same view from a bookmark, with JavaScript on and off (the
 * two projects). Counts are read from the page, not assumed: other tests
 * may add findings to the demo bank while this one runs.
 */
import type { Locator, Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "./fixtures";

const summary = (page: Page) => page.locator("#results-summary");
const resultRows = (page: Page) => page.getByRole("table", { name: "Results" }).locator("tbody tr");
const cell = (row: Locator, column: number) => row.getByRole("cell").nth(column);

/** The total in "Showing 1–25 of 1,234". */
async function totalShown(page: Page) {
  const text = (await summary(page).textContent()) ?? "";
  const match = /of ([\d,]+)$/.exec(text.trim());
  if (!match) throw new Error(`No total in "${text}"`);
  return Number(match[1]!.replaceAll(",", ""));
}

test("an auditor filters, searches, pages and comes back to the same view from a bookmark", async ({ page, javaScriptEnabled }) => {
  // Each project signs in as a different auditor: a user keeps at most two live sessions.
  await signIn(page, javaScriptEnabled ? DEMO.vetalHill.auditor : DEMO.vetalHill.auditor2);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Findings" }).click();
  await expect(page).toHaveURL(/\/observations$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Findings");
  await expect(page.getByRole("link", { name: "New finding" })).toHaveAttribute("href", "/observations/new");
  await expect(summary(page)).toHaveText(/^Showing 1–25 of [\d,]+$/);
  const everything = await totalShown(page);
  expect(everything).toBeGreaterThanOrEqual(40);

  // Severity and branch.
  await page.getByLabel("Severity", { exact: true }).selectOption("HIGH");
  await page.getByLabel("Branch or department", { exact: true }).selectOption({ label: "Kothrud Branch" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]severity=HIGH(&|$)/);
  await expect(summary(page)).toHaveText(/^Showing 1–\d+ of \d+$/);
  const filtered = await totalShown(page);
  expect(filtered).toBeGreaterThanOrEqual(3);
  expect(filtered).toBeLessThan(everything);
  await expect(resultRows(page)).toHaveCount(filtered);
  for (const row of await resultRows(page).all()) {
    await expect(cell(row, 2)).toHaveText("Kothrud Branch");
    await expect(cell(row, 4)).toHaveText("High");
  }

  // Text search within them: words of the title, in any case.
  await page.getByLabel("Search", { exact: true }).fill("STRONG-ROOM keys");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(summary(page)).toHaveText("Showing 1–1 of 1");
  const found = resultRows(page).first();
  await expect(cell(found, 1)).toHaveText("Dual custody of strong-room keys not maintained");
  await expect(cell(found, 5)).toHaveText("Issued to auditee");
  await expect(cell(found, 6)).toContainText(/Overdue by \d+ days?/);
  await expect(cell(found, 7)).toHaveText("Rohan Deshpande");
  await expect(cell(found, 0).getByRole("link")).toHaveAttribute("href", /^\/observations\/[0-9a-f-]{36}$/);

  // A bookmark of this view shows the same view, with the form filled in.
  const bookmark = page.url();
  await page.goto("/dashboard");
  await page.goto(bookmark);
  await expect(summary(page)).toHaveText("Showing 1–1 of 1");
  await expect(cell(resultRows(page).first(), 1)).toHaveText("Dual custody of strong-room keys not maintained");
  await expect(page.getByLabel("Severity", { exact: true })).toHaveValue("HIGH");
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue("STRONG-ROOM keys");
  await expect(page.getByLabel("Branch or department", { exact: true }).locator("option:checked")).toHaveText("Kothrud Branch");

  // Paging: every finding by reference number, second page.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/observations$/);
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue("");
  await page.getByLabel("Sort by", { exact: true }).selectOption("number");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(cell(resultRows(page).first(), 0)).toHaveText("OBS-0001");
  const pages = page.getByRole("navigation", { name: "Pages of findings" });
  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  const shownTotal = await totalShown(page);
  await expect(summary(page)).toHaveText(`Showing 26–${Math.min(50, shownTotal)} of ${shownTotal.toLocaleString("en-IN")}`);
  await expect(cell(resultRows(page).first(), 0)).toHaveText("OBS-0026");
  await expect(pages).toContainText(`Page 2 of ${Math.ceil(shownTotal / 25)}`);

  // Reloading the page's address shows the same page, still sorted by number.
  await page.reload();
  await expect(summary(page)).toHaveText(`Showing 26–${Math.min(50, shownTotal)} of ${shownTotal.toLocaleString("en-IN")}`);
  await expect(cell(resultRows(page).first(), 0)).toHaveText("OBS-0026");
  await expect(page.getByLabel("Sort by", { exact: true })).toHaveValue("number");
  await pages.getByRole("link", { name: "Previous page" }).click();
  await expect(cell(resultRows(page).first(), 0)).toHaveText("OBS-0001");

  // An address with values that make no sense still shows the list, and says what it left out.
  const response = await page.goto("/observations?severity=SEVERE&page=minus-one&unit=42&sort=upside-down&status=closed");
  expect(response?.status()).toBe(200);
  await expect(page.locator(".filters-notice")).toHaveText(
    "Some filters in this address could not be used and were left out: severity, branch or department, sort order, page number.",
  );
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("CLOSED");
  for (const row of await resultRows(page).all()) await expect(cell(row, 5)).toHaveText("Closed");
});

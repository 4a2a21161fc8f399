import { type Page } from "@playwright/test";
import { expect, registerBank, test, unique } from "./fixtures";

// Each test registers a bank of its own: what it creates and renames cannot
// disturb the demo banks, or the tests running beside it.

async function addUnit(page: Page, unit: { kind: string; code: string; name: string; parent?: string }) {
  await page.goto("/admin/org");
  const form = page.getByRole("form", { name: "Add a unit" });
  await form.getByLabel("Kind").selectOption({ label: unit.kind });
  await form.getByLabel("Code").fill(unit.code);
  await form.getByLabel("Name", { exact: true }).fill(unit.name);
  if (unit.parent) await form.getByLabel("Part of (optional)").selectOption({ label: unit.parent });
  await form.getByRole("button", { name: "Add unit" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(unit.name);
  return page.url();
}

test("an administrator adds a branch and renames it", async ({ page }) => {
  await registerBank(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Branches & departments" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Branches and departments");
  // Registration created the head office.
  await expect(page.getByRole("row", { name: /HO Head Office Head office/ })).toBeVisible();

  const name = unique("Baner Branch");
  const unitUrl = await addUnit(page, { kind: "Branch", code: "bane-040", name, parent: "Head Office (HO)" });
  expect(unitUrl).toMatch(/\/admin\/org\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("status")).toContainText(`Branch ${name} (BANE-040) added.`);
  await expect(page.getByRole("link", { name: "Head Office (HO)" })).toBeVisible();

  const renamed = unique("Baner Road Branch");
  await page.getByRole("form", { name: "Rename" }).getByLabel("Name").fill(renamed);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status")).toContainText(`Renamed to ${renamed}.`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(renamed);

  await page.getByRole("link", { name: "← All branches and departments" }).click();
  await expect(page.getByRole("row", { name: new RegExp(`BANE-040 ${renamed} Branch Head Office \\(HO\\) Active`) })).toBeVisible();
});

test("a code the bank already uses is refused, keeping what was typed", async ({ page }) => {
  await registerBank(page);
  await page.goto("/admin/org");
  const form = page.getByRole("form", { name: "Add a unit" });
  await form.getByLabel("Kind").selectOption({ label: "Department" });
  await form.getByLabel("Code").fill("HO");
  await form.getByLabel("Name", { exact: true }).fill("Credit Department");
  await form.getByRole("button", { name: "Add unit" }).click();
  await expect(form.getByText("Code HO is already used by Head Office.")).toBeVisible();
  await expect(form.getByLabel("Code")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("Credit Department");
  await expect(form.getByLabel("Kind")).toHaveValue("DEPARTMENT");
});

test("a rename made from a stale page is refused and keeps what was typed", async ({ page }) => {
  await registerBank(page);
  const unitUrl = await addUnit(page, { kind: "Branch", code: "WAKD-051", name: "Wakad Branch" });

  // The same administrator has the unit open in a second tab and renames it there first.
  const otherTab = await page.context().newPage();
  await otherTab.goto(unitUrl);
  await otherTab.getByRole("form", { name: "Rename" }).getByLabel("Name").fill("Wakad Main Branch");
  await otherTab.getByRole("button", { name: "Save name" }).click();
  await expect(otherTab.getByRole("status")).toContainText("Renamed to Wakad Main Branch.");

  const rename = page.getByRole("form", { name: "Rename" });
  await rename.getByLabel("Name").fill("Wakad Branch, Pimpri-Chinchwad");
  await rename.getByRole("button", { name: "Save name" }).click();
  await expect(rename.getByRole("alert")).toContainText("This was changed by someone else since you opened it.");
  await expect(rename.getByRole("alert")).toContainText("“Wakad Main Branch”");
  await expect(rename.getByLabel("Name")).toHaveValue("Wakad Branch, Pimpri-Chinchwad");

  // Having seen the other change, the administrator saves theirs deliberately.
  await rename.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status")).toContainText("Renamed to Wakad Branch, Pimpri-Chinchwad.");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Wakad Branch, Pimpri-Chinchwad");
});

test("a branch is deactivated, never deleted, and reactivated", async ({ page }) => {
  await registerBank(page);
  await addUnit(page, { kind: "Branch", code: "CHIN-060", name: "Chinchwad Branch" });
  await page.getByRole("button", { name: "Deactivate unit" }).click();
  await expect(page.getByRole("status")).toContainText("Deactivated.");
  await expect(page.getByRole("definition").filter({ hasText: /^Inactive$/ })).toBeVisible();

  await page.goto("/admin/org");
  await expect(page.getByRole("row", { name: /CHIN-060 Chinchwad Branch Branch .* Inactive/ })).toBeVisible();
  await page.getByRole("link", { name: "CHIN-060" }).click();
  await page.getByRole("button", { name: "Reactivate unit" }).click();
  await expect(page.getByRole("status")).toContainText("Reactivated");
  await expect(page.getByRole("definition").filter({ hasText: /^Active$/ })).toBeVisible();
});

test("the head office cannot be deactivated", async ({ page }) => {
  await registerBank(page);
  await page.goto("/admin/org");
  await page.getByRole("link", { name: "HO", exact: true }).click();
  await page.getByRole("button", { name: "Deactivate unit" }).click();
  await expect(page.getByRole("form", { name: "Deactivate" }).getByRole("alert")).toHaveText("The head office cannot be deactivated.");
});

test("another bank's unit, or a malformed id, is simply not found", async ({ page, newVisitor }) => {
  await registerBank(page);
  const theirUnitUrl = await addUnit(page, { kind: "Branch", code: "SECRET-1", name: "Their Private Branch" });
  const theirId = theirUnitUrl.split("/").pop()!;

  const otherAdmin = await newVisitor();
  await registerBank(otherAdmin);
  const response = await otherAdmin.goto(`/admin/org/${theirId}`);
  expect(response?.status()).toBe(404);
  await expect(otherAdmin.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(otherAdmin.locator("body")).not.toContainText("Their Private Branch");

  // A forged rename of it is not found either (and changes nothing).
  const forged = await otherAdmin.request.post(`/admin/org/${theirId}`, {
    form: { intent: "rename", version: "1", name: "Taken over" },
    headers: { Origin: new URL(otherAdmin.url()).origin },
  });
  expect(forged.status()).toBe(404);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Their Private Branch");

  expect((await otherAdmin.goto("/admin/org/not-a-uuid"))?.status()).toBe(404);
  expect((await otherAdmin.goto("/admin/org/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
});

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { createBranch, createPerson, evidenceFile, issueObservations } from "./portal-data";

// Runs in the JavaScript-on project only (axe is injected JavaScript and
// hangs in a page with JavaScript disabled): see playwright.config.ts.
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((violation) => ["serious", "critical"].includes(violation.impact ?? ""));
}

test("the portal list and an observation, with its upload progress and confirmation step, have no serious accessibility violations", async ({
  page,
}) => {
  const branch = await createBranch();
  const auditee = await createPerson({ roles: ["AUDITEE"], unitIds: [branch.id], name: "Meena Sathe" });
  const [observation] = await issueObservations(branch.id, [{ dueInDays: -1 }, { dueInDays: 4 }]);
  await signIn(page, auditee.email);

  await page.goto("/portal");
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(`/portal/${observation!.id}`);
  await page.getByLabel(/Drop files here/).setInputFiles([evidenceFile("kyc-register.pdf"), evidenceFile("invoice.pdf")]);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.locator(".upload-progress li")).toHaveCount(2);
  await expect(page.locator(".upload-progress")).toContainText("Refused:");
  await expect(page.locator(".evidence-item")).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel("Clarification").check();
  await page.getByRole("textbox", { name: "Your response" }).fill("The register is signed by both custodians since 1 March.");
  await page.getByRole("button", { name: "Review response" }).click();
  await expect(page.getByRole("heading", { name: "Check your response before you submit it" })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
});

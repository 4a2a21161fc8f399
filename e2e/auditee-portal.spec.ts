/**
 * The auditee portal, with JavaScript and without (projects js-on, js-off).
 * Each test works on a branch, people and ISSUED observations of its own
 * (e2e/portal-data.ts explains why), so tests never wait on one another.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { createAuditeeOf, createBranch, createPerson, evidenceFile, issueObservations } from "./portal-data";

const WINDOWS_PROGRAM = "This file is a Windows program. Evidence must be PDF, JPEG, PNG, Excel (XLSX) or Word (DOCX).";
const sha256 = (name: string) => createHash("sha256").update(readFileSync(evidenceFile(name))).digest("hex");

function evidenceItem(page: Page, filename: string) {
  return page.locator(".evidence-item").filter({ has: page.locator(".evidence-name").getByRole("link", { name: filename, exact: true }) });
}

/** Drops files on the drop zone as a person dragging them from their file manager would. */
async function dropFiles(page: Page, names: string[]) {
  const files = names.map((name) => ({ name, bytes: [...readFileSync(evidenceFile(name))] }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([new Uint8Array(file.bytes)], file.name));
    return transfer;
  }, files);
  const zone = page.locator(".drop-zone");
  await zone.dispatchEvent("dragenter", { dataTransfer });
  await zone.dispatchEvent("dragover", { dataTransfer });
  await zone.dispatchEvent("drop", { dataTransfer });
}

test("an auditee sees their observations with countdowns in plain words, the overdue ones marked and counted, page by page", async ({ page }) => {
  const branch = await createBranch();
  const auditee = await createPerson({ roles: ["AUDITEE"], unitIds: [branch.id], name: "Pooja Shinde" });
  const [overdue, today, soon] = await issueObservations(branch.id, [
    { dueInDays: -2, title: "Vault register not signed by the joint custodian" },
    { dueInDays: 0, title: "Locker rent arrears not followed up" },
    { dueInDays: 3, title: "Fire extinguisher refill overdue", severity: "LOW" },
  ]);
  // Enough later ones to need a second page (25 to a page).
  await issueObservations(branch.id, Array.from({ length: 23 }, (_, index) => ({ dueInDays: 30 + index })));

  await signIn(page, auditee.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My observations" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My observations");
  await expect(page.getByText("1 observation is overdue.")).toBeVisible();

  const rows = page.getByRole("row");
  // Earliest due first: the overdue one leads.
  await expect(rows.nth(1)).toContainText(overdue!.ref);
  const overdueRow = rows.filter({ hasText: overdue!.title });
  await expect(overdueRow).toContainText("overdue by 2 days");
  await expect(overdueRow).toContainText(branch.name);
  await expect(overdueRow).toContainText("Medium");
  await expect(overdueRow).toContainText("Issued to auditee");
  await expect(rows.filter({ hasText: today!.title })).toContainText("due today");
  await expect(rows.filter({ hasText: soon!.title })).toContainText("due in 3 days");
  await expect(rows.filter({ hasText: soon!.title })).toContainText("Low");

  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await expect(rows).toHaveCount(26); // header + 25
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("due in 52 days");
});

test("an auditee uploads evidence, is told plainly why a disguised program is refused, and answers through a confirmation step", async ({
  page,
  newVisitor,
  javaScriptEnabled,
}) => {
  test.slow();
  const branch = await createBranch();
  const auditee = await createPerson({ roles: ["AUDITEE"], unitIds: [branch.id], name: "Sunil Gaikwad" });
  const manager = await createPerson({ roles: ["AUDIT_MANAGER"], name: "Kiran Bapat" });
  const [observation] = await issueObservations(branch.id, [{ dueInDays: -2, severity: "MEDIUM" }]);

  await signIn(page, auditee.email);
  await page.goto("/portal");
  await page.getByRole("link", { name: observation!.title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${observation!.ref} ${observation!.title}`);
  await expect(page.getByText("overdue by 2 days")).toBeVisible();
  await expect(page.getByText("The vault register was not signed by the joint custodian")).toBeVisible();
  await expect(page.getByText("No evidence has been uploaded yet.", { exact: true })).toBeVisible();

  // A good file: the list shows it, with its fingerprint.
  const files = page.getByLabel(javaScriptEnabled ? /Drop files here/ : "Files to upload");
  await files.setInputFiles(evidenceFile("kyc-register.pdf"));
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  if (javaScriptEnabled) await expect(page.locator(".upload-progress")).toContainText("kyc-register.pdf (32.6 KB) uploaded.");
  else await expect(page.getByRole("status")).toContainText("kyc-register.pdf (32.6 KB) uploaded.");
  const kyc = evidenceItem(page, "kyc-register.pdf");
  await expect(kyc).toContainText(sha256("kyc-register.pdf"));
  await expect(kyc).toContainText("by Sunil Gaikwad");
  await expect(kyc).toContainText("PDF, 32.6 KB");

  // A Windows program named invoice.pdf: refused, with the reason.
  await files.setInputFiles(evidenceFile("invoice.pdf"));
  if (javaScriptEnabled) {
    const answer = page.waitForResponse((response) => response.url().endsWith(`/portal/${observation!.id}/evidence`));
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    expect((await answer).status()).toBe(415);
    await expect(page.locator(".upload-progress")).toContainText(`invoice.pdf`);
    await expect(page.locator(".upload-progress")).toContainText(`Refused: ${WINDOWS_PROGRAM}`);
  } else {
    const answer = page.waitForResponse((response) => response.request().method() === "POST");
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    expect((await answer).status()).toBe(415);
    await expect(page.getByRole("alert")).toHaveText(WINDOWS_PROGRAM);
  }
  await expect(page.locator(".evidence-item")).toHaveCount(1);

  // The fingerprint can be re-checked at any time.
  await page.getByRole("button", { name: "Re-check fingerprint of kyc-register.pdf" }).click();
  await expect(page.getByRole("status")).toContainText(`Unchanged: the SHA-256 of “kyc-register.pdf” matches the one recorded at upload`);

  // A compliance action needs evidence: the form says so and keeps the words.
  const words = "Joint custodian now signs the vault register at every opening and closing.\nBranch head checks it every Friday.";
  await page.getByLabel("Compliance action taken").check();
  await page.getByRole("textbox", { name: "Your response" }).fill(words);
  await page.getByRole("button", { name: "Review response" }).click();
  await expect(page.getByText("Tick at least one evidence file that shows the compliance.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Your response" })).toHaveValue(words);

  const evidenceChoices = page.getByRole("group", { name: "Evidence this response relies on" });
  await evidenceChoices.getByLabel(/kyc-register\.pdf/).check();
  await page.getByRole("button", { name: "Review response" }).click();
  await expect(page.getByRole("heading", { name: "Check your response before you submit it" })).toBeVisible();
  await expect(page.getByText("A submitted response cannot be changed or withdrawn.")).toBeVisible();
  const summary = page.locator(".confirm-panel");
  await expect(summary).toContainText("Compliance action taken");
  await expect(summary).toContainText("Branch head checks it every Friday.");
  await expect(summary).toContainText("kyc-register.pdf");

  // Going back to change it keeps everything.
  await page.getByRole("button", { name: "Change my response" }).click();
  await expect(page.getByRole("textbox", { name: "Your response" })).toHaveValue(words);
  await expect(page.getByLabel("Compliance action taken")).toBeChecked();
  await expect(evidenceChoices.getByLabel(/kyc-register\.pdf/)).toBeChecked();
  await page.getByRole("button", { name: "Review response" }).click();
  await page.getByRole("button", { name: "Submit response" }).click();

  await expect(page.getByRole("status")).toContainText("Your response has been submitted to the audit team.");
  await expect(page.getByText("Response received")).toBeVisible();
  await expect(page.getByText("response submitted", { exact: true })).toBeVisible();
  const history = page.locator(".response-history");
  await expect(history).toContainText("Compliance action taken — Sunil Gaikwad");
  await expect(history).toContainText("Branch head checks it every Friday.");
  await expect(history.getByRole("link", { name: "kyc-register.pdf" })).toBeVisible();
  // Nothing more can be added.
  await expect(page.getByRole("button", { name: "Upload", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Review response" })).toHaveCount(0);
  await expect(page.getByText("Your response is with the audit team.")).toBeVisible();

  // The audit manager fetches exactly what was uploaded and re-checks it,
  // then accepts the response and closes the observation (MEDIUM: the
  // manager's to close). The findings page shows the response and evidence.
  const href = (await kyc.getByRole("link", { name: "kyc-register.pdf" }).getAttribute("href"))!;
  const staff = await newVisitor();
  await signIn(staff, manager.email);
  const download = await staff.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="kyc-register\.pdf"/);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(createHash("sha256").update(await download.body()).digest("hex")).toBe(sha256("kyc-register.pdf"));
  const recheck = await staff.request.post(href, { form: { intent: "recheck" }, headers: { Origin: new URL(staff.url()).origin }, maxRedirects: 0 });
  expect(recheck.status()).toBe(302);
  expect(recheck.headers().location).toBe(`/observations/${observation!.id}${href.replace("/evidence/", "#evidence-")}`);

  await staff.goto(`/observations/${observation!.id}`);
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(observation!.title);
  const responses = staff.getByRole("region", { name: "Responses from the branch" });
  await expect(responses).toContainText("Branch head checks it every Friday.");
  await expect(staff.getByRole("region", { name: "Evidence" }).getByRole("link", { name: "kyc-register.pdf" })).toBeVisible();
  await staff.getByRole("button", { name: "Accept response" }).click();
  await staff.getByRole("button", { name: "Close", exact: true }).click();
  await expect(staff.getByRole("button", { name: "Close", exact: true })).toHaveCount(0);

  await page.reload();
  await expect(page.getByText("This observation is closed.")).toBeVisible();
  await expect(page.locator(".observation-summary")).toContainText("Closed");
});

test("several files go up at once: dropped with a progress bar each (JavaScript), or chosen together (without)", async ({ page, javaScriptEnabled }) => {
  const branch = await createBranch();
  const auditee = await createPerson({ roles: ["AUDITEE"], unitIds: [branch.id], name: "Asha Kale" });
  const [observation] = await issueObservations(branch.id, [{ dueInDays: 10 }]);
  const names = ["unicode-नाम.pdf", "cash-verification.xlsx"];

  await signIn(page, auditee.email);
  await page.goto(`/portal/${observation!.id}`);
  await expect(page.getByText("due in 10 days")).toBeVisible();

  if (javaScriptEnabled) {
    const zone = page.locator(".drop-zone");
    await expect(zone).toHaveClass(/enhanced/);
    await expect(zone).toContainText("Drop files here");
    await dropFiles(page, names);
    const progress = page.locator(".upload-progress");
    for (const name of names) {
      const item = progress.locator("li").filter({ hasText: name });
      await expect(item).toContainText("Uploaded.");
      await expect(item).toContainText("100%");
      const bar = item.getByRole("progressbar", { name });
      await expect(bar).toBeVisible();
      expect(await bar.evaluate((element: HTMLProgressElement) => element.max > 0 && element.value === element.max)).toBe(true);
    }
  } else {
    await page.getByLabel("Files to upload").setInputFiles(names.map(evidenceFile));
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(page.getByRole("status")).toContainText("2 files uploaded: unicode-नाम.pdf (34.4 KB), cash-verification.xlsx (8.1 KB).");
  }
  // Both are in the list, names unchanged (Devanagari included).
  for (const name of names) await expect(evidenceItem(page, name)).toContainText(sha256(name));
  await expect(evidenceItem(page, "cash-verification.xlsx")).toContainText("Excel workbook");

  // A corrected file supersedes the earlier one; both stay listed.
  const replaces = page.getByLabel("Does this replace a file you uploaded earlier?");
  const earlier = await replaces.locator("option", { hasText: "Replaces cash-verification.xlsx" }).getAttribute("value");
  await replaces.selectOption(earlier!);
  await page.getByLabel(javaScriptEnabled ? /Drop files here/ : "Files to upload").setInputFiles(evidenceFile("signed-certificate.png"));
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(evidenceItem(page, "signed-certificate.png")).toContainText("Supersedes cash-verification.xlsx");
  await expect(evidenceItem(page, "cash-verification.xlsx")).toContainText("Superseded by signed-certificate.png");
  await expect(page.locator(".evidence-item")).toHaveCount(3);
});

test("another branch's auditee and another bank's get a 404 for the observation and its evidence; staff are kept out of the portal", async ({
  page,
  newVisitor,
}) => {
  const branch = await createBranch();
  const auditee = await createPerson({ roles: ["AUDITEE"], unitIds: [branch.id], name: "Ravi Kamble" });
  const [observation] = await issueObservations(branch.id, [{ dueInDays: 5 }]);
  await signIn(page, auditee.email);
  await page.goto(`/portal/${observation!.id}`);
  await page.getByLabel(/Drop files here|Files to upload/).setInputFiles(evidenceFile("vault-photo.jpg"));
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  const link = evidenceItem(page, "vault-photo.jpg").getByRole("link", { name: "vault-photo.jpg" });
  await expect(link).toBeVisible();
  const evidenceHref = (await link.getAttribute("href"))!;
  expect((await page.request.get(evidenceHref)).status()).toBe(200);

  const outsiders = [
    await createAuditeeOf("vetalHill", "AUND-022", "Aundh Auditee"),
    await createAuditeeOf("sahyadri", "STR-001", "Satara Auditee"),
  ];
  for (const outsider of outsiders) {
    const visitor = await newVisitor();
    await signIn(visitor, outsider.email);
    const pageResponse = await visitor.goto(`/portal/${observation!.id}`);
    expect(pageResponse?.status(), outsider.email).toBe(404);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(visitor.getByText(observation!.title)).toHaveCount(0);
    expect((await visitor.request.get(evidenceHref)).status(), outsider.email).toBe(404);
    const recheck = await visitor.request.post(evidenceHref, { form: { intent: "recheck" }, headers: { Origin: new URL(visitor.url()).origin }, maxRedirects: 0 });
    expect(recheck.status(), outsider.email).toBe(404);
    // Their own portal lists nothing of the other branch.
    await visitor.goto("/portal");
    await expect(visitor.getByText(observation!.title)).toHaveCount(0);
  }

  const staff = await newVisitor();
  const manager = await createPerson({ roles: ["AUDIT_MANAGER"], name: "Portal Outsider" });
  await signIn(staff, manager.email);
  await expect(staff.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My observations" })).toHaveCount(0);
  expect((await staff.goto("/portal"))?.status()).toBe(403);
  expect((await staff.goto(`/portal/${observation!.id}`))?.status()).toBe(403);
});

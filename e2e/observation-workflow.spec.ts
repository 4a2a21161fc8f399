import type { Page } from "@playwright/test";
import { expect, registerBank, test, unique } from "./fixtures";

// Every test registers a bank of its own and invites its audit team, so it
// never shares a demo user's sessions (a third sign-in ends the oldest) with
// other tests running at the same time, in either project.

const PASSWORD = "Monsoon-Ledger-Balance-42";
const BRANCH = "Kothrud Branch (KOTH-014)";

async function addBranch(page: Page) {
  await page.goto("/admin/org");
  const form = page.getByRole("form", { name: "Add a unit" });
  await form.getByLabel("Kind").selectOption({ label: "Branch" });
  await form.getByLabel("Code").fill("KOTH-014");
  await form.getByLabel("Name", { exact: true }).fill("Kothrud Branch");
  await form.getByRole("button", { name: "Add unit" }).click();
  await expect(page.getByRole("status")).toContainText("added");
}

/** Invites a person with these roles and has them join from a browser of their own; returns their page. */
async function joinAs(admin: Page, newVisitor: () => Promise<Page>, name: string, roles: string[]) {
  const email = `${unique(name.split(" ")[0]!.toLowerCase()).replace(" ", ".")}@bank.example`;
  await admin.goto("/admin/users");
  const form = admin.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Full name").fill(name);
  await form.getByLabel("Work email").fill(email);
  for (const role of roles) await form.getByRole("group", { name: "Roles" }).getByLabel(role, { exact: true }).check();
  await form.getByRole("button", { name: "Record invitation" }).click();
  const link = await admin.getByRole("textbox", { name: `Invitation link for ${email}` }).inputValue();
  const person = await newVisitor();
  await person.goto(link);
  await person.getByLabel("Your full name").fill(name);
  await person.getByLabel("Choose a password").fill(PASSWORD);
  await person.getByRole("button", { name: "Set up my account" }).click();
  await expect(person).toHaveURL(/\/dashboard$/);
  return person;
}

/** A bank with one branch, an auditor and an audit manager, each signed in on a page of their own. */
async function auditTeam(page: Page, newVisitor: () => Promise<Page>, auditorRoles = ["Auditor"]) {
  await registerBank(page);
  await addBranch(page);
  const auditor = await joinAs(page, newVisitor, "Rohan Deshpande", auditorRoles);
  const manager = await joinAs(page, newVisitor, "Anil Patwardhan", ["Audit manager"]);
  return { auditor, manager };
}

interface Draft {
  title: string;
  condition: string;
}

async function fillDraft(page: Page, draft: Draft) {
  await page.getByLabel("Title", { exact: true }).fill(draft.title);
  await page.getByLabel("Condition", { exact: true }).fill(draft.condition);
  await page.getByLabel("Criteria", { exact: true }).fill("Bank's gold loan policy: valuation only by a valuer on the approved panel.");
  await page.getByLabel("Cause", { exact: true }).fill("The empanelled valuer was on leave.");
  await page.getByLabel("Effect", { exact: true }).fill("Risk of spurious gold held as security.");
  await page.getByLabel("Recommendation", { exact: true }).fill("Revalue the ornaments through an approved valuer.");
  await page.getByLabel("Severity", { exact: true }).selectOption("MEDIUM");
  await page.getByLabel("Branch or department").selectOption({ label: BRANCH });
  await page.getByLabel("Audit area").selectOption("ADVANCES");
  await page.getByLabel("Risk category").selectOption("CREDIT");
  await page.getByLabel("RBI requirement references").fill("MD on gold loans, para 4");
  await page.getByLabel("Tags", { exact: true }).fill("gold loan, valuer");
  await page.getByLabel("Proposed due date").fill("2099-03-31");
}

function timeline(page: Page) {
  return page.getByRole("list").filter({ has: page.locator(".timeline-entry") });
}

test("an auditor drafts and submits; the manager returns it, then reviews and issues it", async ({ page, newVisitor }) => {
  test.slow();
  const { auditor, manager } = await auditTeam(page, newVisitor);
  const title = unique("Gold loans valued by an unlisted goldsmith");
  const condition = "12 gold loans were valued by a goldsmith not on the approved panel.";

  // A condition of spaces passes the browser's own check but not the form's:
  // the page comes back with the error and everything typed.
  await auditor.goto("/observations/new");
  await fillDraft(auditor, { title, condition: "   " });
  await auditor.getByRole("button", { name: "Save draft" }).click();
  await expect(auditor.getByText("Describe what was found (the condition).")).toBeVisible();
  await expect(auditor.getByLabel("Condition", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(auditor.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(auditor.getByLabel("Severity", { exact: true })).toHaveValue("MEDIUM");
  await expect(auditor.getByLabel("Tags", { exact: true })).toHaveValue("gold loan, valuer");
  await expect(auditor.getByLabel("Proposed due date")).toHaveValue("2099-03-31");

  await auditor.getByLabel("Condition", { exact: true }).fill(condition);
  await auditor.getByRole("button", { name: "Save draft" }).click();
  await expect(auditor).toHaveURL(/\/observations\/[0-9a-f-]{36}$/);
  await expect(auditor.getByRole("status")).toContainText("OBS-0001 is saved as a draft");
  await expect(auditor.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(auditor.getByRole("main")).toContainText(condition);
  await expect(auditor.getByRole("list", { name: "Tags" })).toHaveText(/gold loan\s*valuer/);
  const url = auditor.url();

  await auditor.getByRole("button", { name: "Submit for review" }).click();
  await expect(auditor.getByRole("status")).toContainText("OBS-0001 is submitted for review");
  await expect(auditor.getByRole("button", { name: "Submit for review" })).toHaveCount(0);

  // The manager returns it with a comment.
  await manager.goto(url);
  const returnComment = "Name the 12 loan accounts and the goldsmith.";
  await manager.getByLabel("What should the auditor change?").fill(returnComment);
  await manager.getByRole("button", { name: "Return to auditor" }).click();
  await expect(manager.getByRole("status")).toContainText("OBS-0001 is returned to the auditor");

  // The auditor sees the comment in the timeline and submits again.
  await auditor.goto(url);
  await expect(timeline(auditor)).toContainText(returnComment);
  await expect(timeline(auditor)).toContainText("Submitted for review → Draft");
  await auditor.getByRole("button", { name: "Submit for review" }).click();
  await expect(auditor.getByRole("status")).toContainText("is submitted for review");

  // The manager approves the review and issues it with a due date.
  await manager.goto(url);
  await manager.getByRole("button", { name: "Approve review" }).click();
  await expect(manager.getByRole("status")).toContainText("OBS-0001 is reviewed");
  const dueDate = manager.getByLabel("Due date for the auditee");
  await expect(dueDate).toHaveValue("2099-03-31");
  await dueDate.fill("2099-04-15");
  await manager.getByRole("button", { name: "Issue to auditee" }).click();
  await expect(manager.getByRole("status")).toContainText("OBS-0001 is issued to the auditee");
  await expect(manager.locator(".observation-badges")).toContainText("Issued to auditee");
  await expect(manager.getByRole("main")).toContainText("15 Apr 2099");

  // Every step is on the timeline, with who took it.
  const entries = timeline(manager).getByRole("listitem");
  await expect(entries).toHaveCount(6);
  await expect(entries.nth(0)).toContainText("Drafted");
  await expect(entries.nth(1)).toContainText("Draft → Submitted for review");
  await expect(entries.nth(2)).toContainText("Submitted for review → Draft");
  await expect(entries.nth(2)).toContainText(returnComment);
  await expect(entries.nth(2)).toContainText("Anil Patwardhan");
  await expect(entries.nth(3)).toContainText("Rohan Deshpande");
  await expect(entries.nth(4)).toContainText("Submitted for review → Reviewed");
  await expect(entries.nth(5)).toContainText("Issued, due 15 Apr 2099");
  await expect(entries.nth(5)).toContainText("Reviewed → Issued to auditee");
  await expect(entries.nth(5)).toContainText(/\d{2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} IST/);
});

test("an author who also manages audits cannot review their own finding; another manager closes it as resolved during fieldwork", async ({
  page,
  newVisitor,
}) => {
  test.slow();
  const { auditor: author, manager } = await auditTeam(page, newVisitor, ["Auditor", "Audit manager"]);
  const title = unique("Cash retention limit exceeded");
  await author.goto("/observations/new");
  await fillDraft(author, { title, condition: "Vault cash exceeded the retention limit on 4 days." });
  await author.getByRole("button", { name: "Save draft" }).click();
  await expect(author.getByRole("status")).toContainText("is saved as a draft");
  const url = author.url();
  await author.getByRole("button", { name: "Submit for review" }).click();
  await expect(author.getByRole("status")).toContainText("is submitted for review");
  // Maker-checker: the author's own review buttons are never offered.
  await expect(author.getByRole("button", { name: "Approve review" })).toHaveCount(0);
  await expect(author.getByRole("button", { name: "Return to auditor" })).toHaveCount(0);

  await manager.goto(url);
  await expect(manager.getByRole("button", { name: "Approve review" })).toBeVisible();
  const rationale = "The branch deposited the excess with the currency chest during the audit; the register is updated.";
  await manager.getByLabel("Rationale: how was it resolved during fieldwork?").fill(rationale);
  await manager.getByRole("button", { name: "Close as resolved during fieldwork" }).click();
  await expect(manager.getByRole("status")).toContainText("is closed as resolved during fieldwork");

  for (const viewer of [manager, author]) {
    await viewer.goto(url);
    await expect(viewer.locator(".observation-badges")).toContainText("Resolved during fieldwork");
    await expect(viewer.getByRole("main")).toContainText(rationale);
    await expect(viewer.getByRole("region", { name: "Next steps" })).toHaveCount(0);
    await expect(timeline(viewer).getByRole("listitem").last()).toContainText("Closed as resolved during fieldwork");
  }
  // Closed is final: the author can no longer edit it.
  expect((await author.goto(`${url}/edit`))?.status()).toBe(403);
  await expect(author.getByRole("heading", { level: 1 })).toHaveText("This observation cannot be edited");
});

test("a stale step is refused with a clear message and changes nothing", async ({ page, newVisitor }) => {
  test.slow();
  const { auditor, manager } = await auditTeam(page, newVisitor);
  await auditor.goto("/observations/new");
  await fillDraft(auditor, { title: unique("Stock statements not obtained"), condition: "6 cash credit accounts had no stock statement." });
  await auditor.getByRole("button", { name: "Save draft" }).click();
  await expect(auditor.getByRole("status")).toContainText("is saved as a draft");
  const url = auditor.url();
  await auditor.getByRole("button", { name: "Submit for review" }).click();
  await expect(auditor.getByRole("status")).toContainText("is submitted for review");

  // Two tabs of the manager's: the first approves, the second (opened before) tries to return it.
  await manager.goto(url);
  const second = await manager.context().newPage();
  await second.goto(url);
  await manager.getByRole("button", { name: "Approve review" }).click();
  await expect(manager.getByRole("status")).toContainText("is reviewed");
  await second.getByLabel("What should the auditor change?").fill("Too late");
  await second.getByRole("button", { name: "Return to auditor" }).click();
  await expect(second.getByRole("alert")).toContainText("This observation was changed by someone else since you opened it");
  await expect(second.locator(".observation-badges")).toContainText("Reviewed");
  await expect(timeline(second)).not.toContainText("Too late");
});

test("the author edits a draft; a save from a form opened earlier is refused but keeps what was typed", async ({ page, newVisitor }) => {
  test.slow();
  const { auditor } = await auditTeam(page, newVisitor);
  await auditor.goto("/observations/new");
  await fillDraft(auditor, { title: unique("Specimen signatures not scanned"), condition: "9 new accounts had no scanned signature." });
  await auditor.getByRole("button", { name: "Save draft" }).click();
  await expect(auditor.getByRole("status")).toContainText("is saved as a draft");
  const url = auditor.url();

  // Two tabs on the edit form; the first saves, then the second.
  const older = await auditor.context().newPage();
  await older.goto(`${url}/edit`);
  await auditor.getByRole("link", { name: "Edit draft" }).click();
  await auditor.getByLabel("Severity", { exact: true }).selectOption("HIGH");
  await auditor.getByRole("button", { name: "Save changes" }).click();
  await expect(auditor.getByRole("status")).toContainText("Your changes are saved.");
  await expect(auditor.locator(".observation-badges")).toContainText("HIGH");

  const typed = "Signatures of 9 accounts opened in October were not scanned into the CBS.";
  await older.getByLabel("Condition", { exact: true }).fill(typed);
  await older.getByRole("button", { name: "Save changes" }).click();
  await expect(older.getByRole("alert")).toContainText("This observation was changed by someone else since you opened it");
  await expect(older.getByLabel("Condition", { exact: true })).toHaveValue(typed);
  await expect(older.getByLabel("Severity", { exact: true })).toHaveValue("MEDIUM");

  // Having been warned, saving again replaces the other change with this one.
  await older.getByRole("button", { name: "Save changes" }).click();
  await expect(older.getByRole("status")).toContainText("Your changes are saved.");
  await expect(older.getByRole("main")).toContainText(typed);
  await expect(older.locator(".observation-badges")).toContainText("MEDIUM");
  await expect(timeline(older).getByRole("listitem")).toHaveCount(3);
  await expect(timeline(older).getByRole("listitem").last()).toContainText("Edited: condition, severity");

  // Nobody else may edit, and unknown or malformed addresses are simply not found.
  expect((await page.goto(`${url}/edit`))?.status()).toBe(403);
  expect((await auditor.goto("/observations/not-an-id"))?.status()).toBe(404);
  expect((await auditor.goto("/observations/3f0c3a4e-1b7a-4c1e-9a55-0d2f5a1b9c77"))?.status()).toBe(404);
});

test("an audit manager plans an engagement and changes it; auditors see the plan", async ({ page, newVisitor }) => {
  test.slow();
  const { auditor, manager } = await auditTeam(page, newVisitor);
  const title = unique("Kothrud Branch concurrent audit");
  await manager.goto("/plan");
  await manager.getByRole("link", { name: "Add an engagement" }).click();
  await manager.getByLabel("Title", { exact: true }).fill(title);
  await manager.getByLabel("Branch or department").selectOption({ label: BRANCH });
  await manager.getByLabel("Type of audit").selectOption("CONCURRENT");
  await manager.getByRole("group", { name: "Assigned auditors" }).getByLabel("Rohan Deshpande").check();
  await manager.getByLabel("Period from").fill("2026-07-01");
  await manager.getByLabel("Period to").fill("2026-06-30");
  // Leave the field first: with JavaScript its error then appears at once,
  // moving the button below it.
  await manager.getByLabel("Period to").press("Tab");
  await manager.getByRole("button", { name: "Add to the plan" }).click();
  // The period is checked as a whole, so the page answers with the error and what was typed.
  await expect(manager.getByText("The period cannot end before it starts.")).toBeVisible();
  await expect(manager.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(manager.getByRole("group", { name: "Assigned auditors" }).getByLabel("Rohan Deshpande")).toBeChecked();

  const planYear = await manager.getByLabel("Plan year").inputValue();
  await manager.getByLabel("Period to").fill("2026-08-31");
  await manager.getByLabel("Period to").press("Tab");
  await manager.getByRole("button", { name: "Add to the plan" }).click();
  await expect(manager.getByRole("status")).toContainText(`is added to the ${planYear} plan`);
  const row = manager.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("Rohan Deshpande");
  await expect(row).toContainText("01 Jul 2026 – 31 Aug 2026");
  await expect(row).toContainText("Planned");

  await row.getByRole("link", { name: title }).click();
  await manager.getByLabel("Status").selectOption("IN_PROGRESS");
  await manager.getByRole("button", { name: "Save engagement" }).click();
  await expect(manager.getByRole("status")).toContainText("The engagement is saved.");
  await expect(manager.getByRole("main")).toContainText("In progress");

  // The auditor sees the plan, without the means to change it, and can file a finding under it.
  await auditor.goto(`/plan?year=${planYear}`);
  await expect(auditor.getByRole("link", { name: "Add an engagement" })).toHaveCount(0);
  await auditor.getByRole("link", { name: title }).click();
  await expect(auditor.getByRole("button", { name: "Save engagement" })).toHaveCount(0);
  await expect(auditor.getByRole("link", { name: "Record an observation in this engagement" })).toBeVisible();
});

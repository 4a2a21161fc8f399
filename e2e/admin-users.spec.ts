import { type Page } from "@playwright/test";
import { expect, registerBank, test, unique } from "./fixtures";

// Each test registers a bank of its own and creates its people through
// invitations, so nothing here changes the shared demo users.

const INVITEE_PASSWORD = "Monsoon-Ledger-Balance-42";

async function addBranch(page: Page, code: string, name: string) {
  await page.goto("/admin/org");
  const form = page.getByRole("form", { name: "Add a unit" });
  await form.getByLabel("Kind").selectOption({ label: "Branch" });
  await form.getByLabel("Code").fill(code);
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByRole("button", { name: "Add unit" }).click();
  await expect(page.getByRole("status")).toContainText("added");
}

/** Records an invitation on /admin/users and returns the link shown to the administrator. */
async function invite(page: Page, person: { name: string; email: string; roles: string[]; units?: string[] }) {
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Full name").fill(person.name);
  await form.getByLabel("Work email").fill(person.email);
  for (const role of person.roles) await form.getByRole("group", { name: "Roles" }).getByLabel(role).check();
  for (const unit of person.units ?? []) await form.getByRole("group", { name: "Branches / departments" }).getByLabel(unit).check();
  await form.getByRole("button", { name: "Record invitation" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation for ${person.name} recorded.`);
  const link = page.getByRole("textbox", { name: `Invitation link for ${person.email}` });
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

async function accept(visitor: Page, link: string, name: string) {
  await visitor.goto(link);
  await visitor.getByLabel("Your full name").fill(name);
  await visitor.getByLabel("Choose a password").fill(INVITEE_PASSWORD);
  await visitor.getByRole("button", { name: "Set up my account" }).click();
  await expect(visitor).toHaveURL(/\/dashboard$/);
}

test("an administrator invites an auditee, who joins through the link and sees only their work", async ({ page, newVisitor }) => {
  const bank = await registerBank(page);
  await addBranch(page, "KOTH-014", "Kothrud Branch");
  const email = `${unique("sunita").replace(" ", ".")}@bank.example`;
  const link = await invite(page, { name: "Sunita Pawar", email, roles: ["Auditee (branch / department)"], units: ["Kothrud Branch (KOTH-014)"] });
  const pending = page.getByRole("table", { name: "Pending invitations" }).getByRole("row").filter({ hasText: email });
  await expect(pending).toContainText("Sunita Pawar");
  await expect(pending).toContainText("Auditee (branch / department)");
  await expect(pending).toContainText("Kothrud Branch (KOTH-014)");

  const invitee = await newVisitor();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText(`Join ${bank.bankName} on Aegis`);
  await expect(invitee.getByRole("main")).toContainText(email);
  await expect(invitee.getByLabel("Your full name")).toHaveValue("Sunita Pawar");
  await accept(invitee, link, "Sunita R. Pawar");

  await expect(invitee.getByRole("status")).toContainText(`Welcome to Aegis, Sunita R. Pawar. Your account at ${bank.bankName} is ready.`);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("Welcome, Sunita R. Pawar");
  const nav = invitee.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
  for (const adminOnly of ["Users", "Branches & departments", "Bank settings", "Audit trail"]) {
    await expect(nav.getByRole("link", { name: adminOnly })).toHaveCount(0);
  }
  expect((await invitee.goto("/admin/users"))?.status()).toBe(403);

  // The link was single-use.
  const again = await newVisitor();
  expect((await again.goto(link))?.status()).toBe(410);
  await expect(again.getByRole("heading", { level: 1 })).toHaveText("This invitation has already been used");

  // The administrator now sees the person, no longer the invitation.
  await page.goto("/admin/users");
  const person = page.getByRole("row").filter({ hasText: email });
  await expect(person.getByRole("cell").nth(0)).toHaveText("Sunita R. Pawar");
  await expect(person.getByRole("cell").nth(2)).toHaveText("Auditee (branch / department)");
  await expect(person.getByRole("cell").nth(3)).toHaveText("Kothrud Branch (KOTH-014)");
  await expect(person.getByRole("cell").nth(4)).toHaveText("Active");
  await expect(page.getByRole("textbox", { name: `Invitation link for ${email}` })).toHaveCount(0);
});

test("an auditee invitation without a branch is refused, keeping what was typed", async ({ page }) => {
  await registerBank(page);
  await addBranch(page, "AUND-022", "Aundh Branch");
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Full name").fill("Mahesh Jadhav");
  await form.getByLabel("Work email").fill("mahesh@bank.example");
  await form.getByRole("group", { name: "Roles" }).getByLabel("Auditee (branch / department)").check();
  await form.getByRole("button", { name: "Record invitation" }).click();
  const units = form.getByRole("group", { name: "Branches / departments" });
  await expect(units).toContainText("An auditee must be assigned to at least one branch or department.");
  await expect(units).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Full name")).toHaveValue("Mahesh Jadhav");
  await expect(form.getByRole("group", { name: "Roles" }).getByLabel("Auditee (branch / department)")).toBeChecked();
});

test("inviting someone who already has an account here is refused", async ({ page }) => {
  const bank = await registerBank(page);
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Full name").fill("Same Person");
  await form.getByLabel("Work email").fill(bank.adminEmail.toUpperCase());
  await form.getByRole("group", { name: "Roles" }).getByLabel("Auditor", { exact: true }).check();
  await form.getByRole("button", { name: "Record invitation" }).click();
  await expect(form.getByText(`${bank.adminEmail} already has an account at this bank.`)).toBeVisible();
  await expect(form.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
});

test("a revoked invitation's link stops working", async ({ page, newVisitor }) => {
  await registerBank(page);
  const email = `${unique("ceo").replace(" ", ".")}@bank.example`;
  const link = await invite(page, { name: "Shirish Apte", email, roles: ["Chief Executive (read-only)"] });
  await page.getByRole("button", { name: `Revoke the invitation for ${email}` }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation for ${email} revoked`);
  await expect(page.getByRole("textbox", { name: `Invitation link for ${email}` })).toHaveCount(0);

  const visitor = await newVisitor();
  expect((await visitor.goto(link))?.status()).toBe(410);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("This invitation was withdrawn");
  await expect(visitor.getByLabel("Choose a password")).toHaveCount(0);
});

test("an administrator changes a person's roles, then deactivates them: they are signed out at once", async ({ page, newVisitor }) => {
  await registerBank(page);
  const email = `${unique("rohan").replace(" ", ".")}@bank.example`;
  const link = await invite(page, { name: "Rohan Deshpande", email, roles: ["Auditor"] });
  const person = await newVisitor();
  await accept(person, link, "Rohan Deshpande");

  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Rohan Deshpande" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rohan Deshpande");
  const access = page.getByRole("form", { name: "Roles and branches" });
  await access.getByRole("group", { name: "Roles" }).getByLabel("Chief Compliance Officer").check();
  await access.getByRole("button", { name: "Save roles and branches" }).click();
  await expect(page.getByRole("status")).toContainText("Roles and branches saved.");
  await expect(page.getByRole("definition").filter({ hasText: "Auditor, Chief Compliance Officer" })).toBeVisible();

  // The new role shows on the person's next page.
  await person.reload();
  await expect(person.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bank settings" })).toBeVisible();

  await page.getByRole("button", { name: "Deactivate account" }).click();
  await expect(page.getByRole("status")).toContainText("Deactivated: they have been signed out everywhere");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Deactivated");

  await person.goto("/dashboard");
  await expect(person).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);

  // Reactivated, they sign in again with their own password.
  await page.getByRole("button", { name: "Reactivate account" }).click();
  await expect(page.getByRole("status")).toContainText("Reactivated");
  await person.getByLabel("Email address").fill(email);
  await person.getByLabel("Password").fill(INVITEE_PASSWORD);
  await person.getByRole("button", { name: "Sign in" }).click();
  await expect(person).toHaveURL(/\/dashboard$/);
});

test("an administrator cannot remove their own administrator role or deactivate themselves", async ({ page }) => {
  const bank = await registerBank(page);
  await page.goto("/admin/users");
  await page.getByRole("main").getByRole("link", { name: bank.adminName }).click();
  await expect(page.getByText("You cannot deactivate your own account; another administrator can.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Deactivate account" })).toHaveCount(0);

  const access = page.getByRole("form", { name: "Roles and branches" });
  const roles = access.getByRole("group", { name: "Roles" });
  await roles.getByLabel("Administrator").uncheck();
  await roles.getByLabel("Chief Executive (read-only)").check();
  await access.getByRole("button", { name: "Save roles and branches" }).click();
  await expect(roles).toContainText("You cannot remove your own administrator role. Another administrator can do it for you.");
  await expect(roles).toHaveAttribute("aria-invalid", "true");
  await expect(roles.getByLabel("Administrator")).not.toBeChecked();
  await expect(roles.getByLabel("Chief Executive (read-only)")).toBeChecked();
  await page.goto("/admin/users");
  const self = page.getByRole("row").filter({ hasText: bank.adminEmail });
  await expect(self.getByRole("cell").nth(2)).toHaveText("Administrator");
});

test("another bank's person, or a malformed id, is simply not found", async ({ page, newVisitor }) => {
  const bank = await registerBank(page);
  await page.goto("/admin/users");
  await page.getByRole("main").getByRole("link", { name: bank.adminName }).click();
  const theirId = page.url().split("/").pop()!;

  const otherAdmin = await newVisitor();
  await registerBank(otherAdmin);
  expect((await otherAdmin.goto(`/admin/users/${theirId}`))?.status()).toBe(404);
  await expect(otherAdmin.locator("body")).not.toContainText(bank.adminEmail);
  const forged = await otherAdmin.request.post(`/admin/users/${theirId}`, {
    form: { intent: "deactivate", version: "1" },
    headers: { Origin: new URL(otherAdmin.url()).origin },
  });
  expect(forged.status()).toBe(404);
  expect((await otherAdmin.goto("/admin/users/12345"))?.status()).toBe(404);
});

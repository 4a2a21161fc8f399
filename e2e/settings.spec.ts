import { DEMO, expect, registerBank, test } from "./fixtures";

test("an administrator sees the bank's profile and edits it", async ({ page }) => {
  const bank = await registerBank(page);
  await page.goto("/settings");
  const profile = page.locator("dl.details");
  await expect(profile).toContainText(bank.bankName);
  await expect(profile).toContainText(bank.licence);
  await expect(profile).toContainText("Tier 1 — unit and salary-earners' UCBs, and others with deposits up to ₹100 crore");
  await expect(profile).toContainText(bank.adminEmail);
  await expect(profile).toContainText(/On Aegis since\s*\d{2} [A-Z][a-z]{2} \d{4}/);

  const form = page.getByRole("form", { name: "Edit the bank's profile" });
  const renamed = `${bank.bankName.replace(" Ltd.", "")} (Pune) Ltd.`;
  await form.getByLabel("Registered name").fill(renamed);
  await form.getByLabel("UCB tier").selectOption("TIER_2");
  await form.getByLabel("Registered office address").fill("Plot 7, FC Road, Pune 411004");
  await form.getByLabel("Contact email").fill("audit@pune-bank.example");
  await form.getByRole("button", { name: "Save profile" }).click();

  await expect(page.getByRole("status")).toContainText("Bank profile saved.");
  await expect(profile).toContainText(renamed);
  await expect(profile).toContainText("Tier 2 — deposits over ₹100 crore up to ₹1,000 crore");
  await expect(profile).toContainText("Plot 7, FC Road, Pune 411004");
  await expect(profile).toContainText("audit@pune-bank.example");
  // The header shows the new name from the next page on.
  await expect(page.getByRole("banner")).toContainText(renamed);
});

test("a stale settings form is refused and keeps what was typed", async ({ page }) => {
  const bank = await registerBank(page);
  await page.goto("/settings");
  const otherTab = await page.context().newPage();
  await otherTab.goto("/settings");
  await otherTab.getByLabel("Registered office address").fill("Changed in the other tab");
  await otherTab.getByRole("button", { name: "Save profile" }).click();
  await expect(otherTab.getByRole("status")).toContainText("Bank profile saved.");

  const form = page.getByRole("form", { name: "Edit the bank's profile" });
  await form.getByLabel("Registered name").fill(`${bank.bankName} (typed)`);
  await form.getByRole("button", { name: "Save profile" }).click();
  await expect(form.getByRole("alert")).toContainText("This was changed by someone else since you opened it.");
  await expect(form.getByLabel("Registered name")).toHaveValue(`${bank.bankName} (typed)`);
  await expect(page.locator("dl.details")).toContainText("Changed in the other tab");
});

// Sahyadri's CCO: no other spec signs them in (a user keeps at most two
// live sessions; both projects run this test).
test("other roles see the profile but no form", async ({ signedInAs }) => {
  const page = await signedInAs(DEMO.sahyadri.cco);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bank settings" }).click();
  await expect(page.locator("dl.details")).toContainText("UCB.MH.1183.P");
  await expect(page.getByText("Only your bank's administrators can change these details.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save profile" })).toHaveCount(0);
  const forged = await page.request.post("/settings", {
    form: { version: "1", name: "Hijacked", tier: "TIER_4" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(forged.status()).toBe(403);
});

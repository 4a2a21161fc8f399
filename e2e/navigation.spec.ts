import { DEMO, expect, registerBank, test } from "./fixtures";

const ADMIN_LINKS = ["Branches & departments", "Users", "Bank settings"];

test("an administrator's navigation offers the administration pages", async ({ page }) => {
  await registerBank(page);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of ADMIN_LINKS) await expect(nav.getByRole("link", { name: label })).toBeVisible();
  await nav.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
  await nav.getByRole("link", { name: "Bank settings" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bank settings");
});

// The demo auditee of the Credit Department: no other spec signs them in
// (a user keeps at most two live sessions; both projects run this test).
test("an auditee sees no administration links and is refused the administration pages", async ({ signedInAs }) => {
  const page = await signedInAs(DEMO.vetalHill.credit);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
  for (const label of [...ADMIN_LINKS, "Audit trail"]) await expect(nav.getByRole("link", { name: label })).toHaveCount(0);

  for (const path of ["/admin/users", "/admin/org", "/settings", "/admin/users/00000000-0000-4000-8000-000000000000"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this");
  }
  // Refused before anything is read or changed: a forged invitation too.
  const forged = await page.request.post("/admin/users", {
    form: { intent: "invite", name: "Sneaky", email: "sneaky@vetalhill.example", roles: "ADMIN" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(forged.status()).toBe(403);
});

test("signed-out visitors are sent to sign in, and come back after", async ({ page }) => {
  await page.goto("/admin/org");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Forg$/);
});

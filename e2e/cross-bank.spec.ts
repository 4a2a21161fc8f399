import { DEMO, expect, registerBank, signIn, test } from "./fixtures";

/**
 * Every page that takes a record's id answers 404 — never 403, never the
 * record — when the id belongs to another bank, for reads and for posts.
 * The ids are collected from the other bank's own pages.
 */
test("another bank's ids are not found, on every page that takes an id", async ({ page, newVisitor, baseURL }) => {
  // Bank A: a fresh bank; its head office and administrator.
  await registerBank(page);
  await page.goto("/admin/org");
  const orgHref = await page.locator('a[href^="/admin/org/"]').first().getAttribute("href");
  await page.goto("/admin/users");
  const userHref = await page.locator('a[href^="/admin/users/"]').first().getAttribute("href");

  // Vetal Hill (demo): a finding, an engagement and an evidence file.
  const vetal = await newVisitor();
  await signIn(vetal, DEMO.vetalHill.ceo);
  await vetal.goto("/observations?status=COMPLIANCE");
  const findingHrefs = await vetal.locator('a[href^="/observations/"]').evaluateAll((links) =>
    links.map((link) => link.getAttribute("href")!).filter((href) => /^\/observations\/[0-9a-f-]{36}$/.test(href)),
  );
  expect(findingHrefs.length).toBeGreaterThan(0);
  let evidenceHref: string | null = null;
  for (const href of findingHrefs) {
    await vetal.goto(href);
    evidenceHref = await vetal.locator('a[href^="/evidence/"]').first().getAttribute("href", { timeout: 1000 }).catch(() => null);
    if (evidenceHref) break;
  }
  expect(evidenceHref, "a Vetal Hill finding with evidence").toBeTruthy();
  await vetal.goto("/plan");
  const planHref = await vetal.locator('a[href^="/plan/"]').filter({ hasNotText: /new/i }).first().getAttribute("href");
  const findingHref = findingHrefs[0]!;

  // Bank B's people ask for them.
  const otherAdmin = await newVisitor();
  await registerBank(otherAdmin);
  const sahyadriCeo = await newVisitor();
  await signIn(sahyadriCeo, DEMO.sahyadri.ceo);
  // People who hold the page's permission, so only the record can refuse them.
  const sahyadriAuditor = await newVisitor();
  await signIn(sahyadriAuditor, DEMO.sahyadri.auditor);
  const sahyadriCae = await newVisitor();
  await signIn(sahyadriCae, DEMO.sahyadri.cae);
  const origin = new URL(baseURL!).origin;

  const asked: [typeof otherAdmin, string][] = [
    [otherAdmin, orgHref!],
    [otherAdmin, userHref!],
    [sahyadriCeo, findingHref],
    [sahyadriAuditor, `${findingHref}/edit`],
    [sahyadriCae, planHref!],
    [sahyadriCeo, evidenceHref!],
  ];
  const answers: string[] = [];
  for (const [visitor, href] of asked) {
    const read = await visitor.request.get(href, { maxRedirects: 0 });
    answers.push(`GET ${href} ${read.status()}`);
    const write = await visitor.request.post(href, { form: { intent: "rename", version: "1" }, headers: { Origin: origin }, maxRedirects: 0 });
    answers.push(`POST ${href} ${write.status()}`);
  }
  expect(answers.filter((answer) => !answer.endsWith(" 404"))).toEqual([]);
  // And a page shown for one says so, without the record.
  await sahyadriCeo.goto(findingHref);
  await expect(sahyadriCeo.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// /admin/devices and /admin/issues (issue 9 point 1): pair a tablet by the code it shows, rename, move and revoke
// it; issue reports from the panel, open first, filtered, resolved and reopened.

const ADMIN = { email: "admin@circletime.dev", password: "circle-time-demo" };

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/rooms/);
}

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

test("pair a tablet from the code it shows, rename and move it, revoke it and it returns to pairing", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const tablet = await (await browser.newContext({ baseURL })).newPage();
  await tablet.goto("/panel");
  const code = (await tablet.getByTestId("pairing-code").textContent())!.trim();
  expect(code).toMatch(/^\d{6}$/);

  await signIn(page);
  await page.goto("/admin/devices");
  const form = page.getByRole("form", { name: "Pair a tablet" });
  // A wrong code is refused at the code field, and the choices stay.
  await form.getByLabel("Code on the tablet").fill(code === "000000" ? "000001" : "000000");
  await form.getByLabel("Room").selectOption({ label: "Spree · Berlin HQ, floor 0" });
  await form.getByLabel("Name (optional)").fill("Spree door");
  await form.getByRole("button", { name: "Pair tablet" }).click();
  await expect(form.getByLabel("Code on the tablet")).toHaveAccessibleDescription(/No pending pairing code/);
  await expect(form.getByLabel("Code on the tablet")).toBeFocused();
  await expect(form.getByLabel("Name (optional)")).toHaveValue("Spree door");
  await expect(form.getByLabel("Room").locator("option:checked")).toHaveText("Spree · Berlin HQ, floor 0");

  await form.getByLabel("Code on the tablet").fill(code);
  await form.getByRole("button", { name: "Pair tablet" }).click();
  await expect(form.getByTestId("pair-message")).toContainText("Paired Spree door to Spree");
  // The tablet picks up its token and shows its room.
  await tablet.waitForURL(/\/panel\/[0-9a-f-]{36}$/, { timeout: 20_000 });

  const row = page.getByTestId("admin-device").filter({ hasText: "Spree door" });
  await page.reload();
  await expect(row).toContainText("Spree");
  await expect(row.getByTestId("device-online")).toHaveText("Online");
  await page.screenshot({ path: "/tmp/admin-devices.png", fullPage: true });
  await expectNoSeriousAxeViolations(page);

  // Rename and move.
  await row.getByText("Rename or move Spree door").click();
  await row.getByLabel("Name").fill("Havel door");
  await row.getByLabel("Room").selectOption({ label: "Havel · Berlin HQ, floor 0" });
  await row.getByRole("button", { name: "Save" }).click();
  const moved = page.getByTestId("admin-device").filter({ hasText: "Havel door" });
  await expect(moved).toContainText("Havel");
  await tablet.waitForURL(/\/panel\/[0-9a-f-]{36}$/);

  // Revoke: gone from the list, and the tablet shows a new pairing code.
  page.once("dialog", (dialog) => dialog.accept());
  await moved.getByRole("button", { name: "Revoke Havel door" }).click();
  await expect(page.getByTestId("admin-device").filter({ hasText: "Havel door" })).toHaveCount(0);
  await expect(tablet.getByTestId("pairing-code")).toHaveText(/^\d{6}$/, { timeout: 20_000 });
  await tablet.context().close();
});

test("issue reports: open first, filtered by room and category, resolved and reopened", async ({ page, baseURL }) => {
  await signIn(page);
  const headers = { origin: baseURL! };
  const rooms = (await (await page.request.get("/api/rooms?search=Kreuzberg")).json()).data;
  const marker = `Projector flickers ${Date.now().toString(36)}`;
  const reported = await page.request.post(`/api/panel/rooms/${rooms[0].id}/issues`, {
    headers,
    data: { category: "equipment", description: marker },
  });
  expect(reported.status()).toBe(201);

  await page.goto("/admin/issues");
  const first = page.getByTestId("admin-issue").first();
  await expect(first).toHaveAttribute("data-status", "open");
  const issue = page.getByTestId("admin-issue").filter({ hasText: marker });
  await expect(issue.getByTestId("issue-status")).toHaveText("Open");

  // Filters live in the URL.
  await page.getByLabel("Room").selectOption({ label: "Kreuzberg · Berlin HQ" });
  await page.getByLabel("Category").selectOption({ label: "Temperature" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/category=temperature/);
  await expect(page.getByTestId("admin-issue").filter({ hasText: marker })).toHaveCount(0);
  await page.getByLabel("Category").selectOption({ label: "Equipment" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(issue).toHaveCount(1);

  await issue.getByRole("button", { name: /^Resolve:/ }).click();
  await expect(issue.getByTestId("issue-status")).toHaveText("Resolved");
  const api = (await (await page.request.get(`/api/issues?roomId=${rooms[0].id}`)).json()).data;
  expect(api.find((i: { description: string }) => i.description === marker).status).toBe("resolved");
  await page.screenshot({ path: "/tmp/admin-issues.png", fullPage: true });
  await expectNoSeriousAxeViolations(page);

  await issue.getByRole("button", { name: /^Reopen:/ }).click();
  await expect(issue.getByTestId("issue-status")).toHaveText("Open");
});

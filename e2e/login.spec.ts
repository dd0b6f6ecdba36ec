import { expect, test } from "@playwright/test";

const ADMIN = { email: "admin@circletime.dev", password: "circle-time-demo", name: "Avery Admin" };

test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Circle Time" })).toBeVisible();
});

test("signing in returns to the page asked for (next=)", async ({ page }) => {
  await page.goto("/rooms?minCapacity=6");
  await expect(page).toHaveURL(/\/login\?next=%2Frooms%3FminCapacity%3D6$/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/rooms\?minCapacity=6$/);
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Invalid email or password.");
  await expect(page).toHaveURL(/\/login/);
});

test("the admin signs in, sees who is signed in, and signs out", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  // `/` leads to "Find a room"; the navigation bar names the person and, for an admin, links to Admin.
  await expect(page).toHaveURL(/\/rooms$/);
  await expect(page.getByTestId("signed-in-user")).toContainText(ADMIN.name);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveAttribute("href", "/admin");
  await page.screenshot({ path: "test-results/signed-in.png", fullPage: true });

  // The session cookie authenticates our own API calls from the page.
  const me = await page.request.get("/api/auth/me");
  expect(me.status()).toBe(200);
  expect((await me.json()).data.email).toBe(ADMIN.email);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

import { expect, test } from "@playwright/test";

const ADMIN = { email: "admin@circletime.dev", password: "circle-time-demo", name: "Avery Admin" };

test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Circle Time" })).toBeVisible();
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

  await expect(page.getByTestId("signed-in-user")).toContainText(ADMIN.name);
  await expect(page.getByTestId("user-email")).toHaveText(ADMIN.email);
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

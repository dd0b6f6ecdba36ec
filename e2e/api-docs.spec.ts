import { expect, test } from "@playwright/test";

test("/api/docs renders the API reference from our own server, with no request leaving it and no CSP violation", async ({ page, baseURL }) => {
  const offsite: string[] = [];
  const problems: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(baseURL!) || url.startsWith("data:")) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));

  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: /Circle Time API/ })).toBeVisible();
  // One operation of each domain is listed, with its method and path.
  for (const path of ["/api/auth/login", "/api/rooms/{roomId}", "/api/bookings/{bookingId}/checkin", "/api/users", "/api/settings"]) {
    await expect(page.locator(`[data-path="${path}"]`).first()).toBeVisible();
  }
  await page.screenshot({ path: "/tmp/admin-api-docs-top.png" });
  // Opening an operation shows its parameters and its documented error responses.
  await page.locator('[data-path="/api/rooms/{roomId}"]').first().click();
  await expect(page.getByText("A UUID; anything else is a 404.").first()).toBeVisible();
  await expect(page.locator(".responses-table").first()).toContainText("404");
  await page.screenshot({ path: "/tmp/admin-api-docs.png", fullPage: false });

  expect(offsite).toEqual([]);
  expect(problems).toEqual([]);
});

import { expect, test } from "@playwright/test";

// CONTRACT §0 rules that depend on Next.js routing, checked over real HTTP against `next start`.
test("the API answers the same with a trailing slash, without redirecting", async ({ request }) => {
  const body = { email: "admin@circletime.dev", password: "circle-time-demo" };
  const res = await request.post("/api/auth/login/", { data: body, maxRedirects: 0 });
  expect(res.status()).toBe(200);
  const json = await res.json();
  expect(json.data.token).toBe(json.data.access);
  const me = await request.get("/api/auth/me/", { headers: { authorization: `Bearer ${json.data.access}` }, maxRedirects: 0 });
  expect(me.status()).toBe(200);
  expect((await me.json()).data.email).toBe(body.email);
});

test("unknown API paths are JSON 404s, wrong methods 405 with Allow", async ({ request }) => {
  const missing = await request.get("/api/does/not/exist");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-type"]).toContain("application/json");
  expect(await missing.json()).toMatchObject({ success: false, code: "not_found" });

  const wrong = await request.put("/api/health");
  expect(wrong.status()).toBe(405);
  expect(wrong.headers()["allow"]).toContain("GET");
  expect((await wrong.json()).code).toBe("method_not_allowed");
});

test("a state change with the session cookie from another origin is refused", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@circletime.dev");
  await page.getByLabel("Password").fill("circle-time-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  const foreign = await page.request.patch("/api/settings", { data: { orgName: "Hijacked" }, headers: { origin: "https://evil.example" } });
  expect(foreign.status()).toBe(403);
  const own = await page.request.patch("/api/settings", { data: { orgName: "Circle Time" }, headers: { origin: new URL(page.url()).origin } });
  expect(own.status()).toBe(200);
});

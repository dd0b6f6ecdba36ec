import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { zoneAtNoon } from "./support/time";

// Issue 6 "done when", in Chromium against `next start`: a tablet paired through the admin API shows its room,
// and what happens anywhere shows on it within a second, without a reload and without polling.

const PASSWORD = "circle-time-demo";

async function login(request: APIRequestContext, email: string) {
  const res = await request.post("/api/auth/login", { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(200);
  return { authorization: `Bearer ${(await res.json()).data.access}` };
}

/** A room of its own in a building where it is about noon (zoneAtNoon), so that the test owns its whole day. */
async function createRoom(request: APIRequestContext, admin: Record<string, string>, label: string) {
  const suffix = `${label} ${Date.now().toString(36)}`;
  const building = await request.post("/api/buildings", { headers: admin, data: { name: `Panel HQ ${suffix}`, timezone: zoneAtNoon(), floors: 2 } });
  expect(building.status()).toBe(201);
  const room = await request.post("/api/rooms", {
    headers: admin,
    data: { name: `Kiosk ${suffix}`, buildingId: (await building.json()).data.id, floor: 1, capacity: 6 },
  });
  expect(room.status()).toBe(201);
  return (await room.json()).data as { id: string; name: string };
}

/** Opens /panel on `page`, reads the code and pairs it through the admin API; resolves on the room's kiosk. */
async function pairTablet(page: Page, request: APIRequestContext, admin: Record<string, string>, roomId: string, origin = "") {
  await page.goto(`${origin}/panel`);
  const code = (await page.getByTestId("pairing-code").textContent())!.trim();
  expect(code).toMatch(/^\d{6}$/);
  await expect(page.getByTestId("pairing-countdown")).toContainText(/Expires in (9|10):\d\d/);
  const paired = await request.post("/api/panel/devices", { headers: admin, data: { code, roomId, name: "E2E tablet" } });
  expect(paired.status()).toBe(201);
  await page.waitForURL(`**/panel/${roomId}`);
  await expect(page.getByTestId("kiosk-status")).toHaveText("Available");
  return (await paired.json()).data as { id: string };
}

async function signedInContext(browser: Browser, email: string, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return { context, page };
}

/** UI.md: axe finds no serious or critical violation. */
async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

test("a booking made through the API appears on the kiosk within a second; check-in and end on the kiosk change the room for the user", async ({ page, request, browser, baseURL }) => {
  const admin = await login(request, "admin@circletime.dev");
  const ada = await login(request, "ada.lovelace@circletime.dev");
  const room = await createRoom(request, admin, "live");
  await pairTablet(page, request, admin, room.id);
  // The kiosk never polls: after the page has loaded, its only request to the server is the event stream.
  const requests: string[] = [];
  page.on("request", (r) => requests.push(`${r.resourceType()} ${new URL(r.url()).pathname}`));

  // The user's own browser shows the same room (the kiosk page with the session cookie).
  const user = await signedInContext(browser, "ada.lovelace@circletime.dev", baseURL!);
  await user.page.goto(`/panel/${room.id}`);
  await expect(user.page.getByTestId("kiosk-status")).toHaveText("Available");

  // Started a minute ago (the API accepts a start up to 5 minutes back): the check-in screen.
  const booked = await request.post("/api/bookings", {
    headers: ada,
    data: { roomId: room.id, title: "Kiosk stand-up", startTime: minutesFromNow(-1), endTime: minutesFromNow(59) },
  });
  expect(booked.status()).toBe(201);
  const booking = (await booked.json()).data as { id: string };
  await expect(page.getByTestId("kiosk-meeting")).toContainText("Kiosk stand-up", { timeout: 1_000 });
  await expect(page.getByTestId("kiosk-status")).toHaveText("Occupied", { timeout: 1_000 });
  await expect(page.getByTestId("kiosk-release-countdown")).toContainText(/Check in within 1[34]:\d\d/);

  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByTestId("kiosk-notice")).toContainText("Checked in", { timeout: 1_000 });
  await expect(page.getByRole("button", { name: "End early" })).toBeVisible({ timeout: 1_000 });
  await expect(user.page.getByTestId("kiosk-meeting")).toContainText(/\d+ min left/, { timeout: 1_000 });
  expect((await (await request.get(`/api/bookings/${booking.id}`, { headers: ada })).json()).data.checkedIn).toBe(true);

  await page.getByRole("button", { name: "End early" }).click();
  await page.getByRole("button", { name: "End meeting" }).click();
  await expect(page.getByTestId("kiosk-notice")).toContainText(/Meeting ended — \d+ min given back/);
  await expect(page.getByTestId("kiosk-status")).toHaveText("Available", { timeout: 1_000 });
  await expect(user.page.getByTestId("kiosk-status")).toHaveText("Available", { timeout: 1_000 });
  const after = (await (await request.get(`/api/bookings/${booking.id}`, { headers: ada })).json()).data;
  expect(after).toMatchObject({ status: "completed", checkedIn: true });
  expect(after.endedAt).not.toBeNull();

  expect(requests.filter((r) => !r.startsWith("eventsource ") && r.includes("/api/")).filter((r) => !/\/meetings\/[^/]+\/(checkin|end)$/.test(r))).toEqual([]);
  await user.context.close();
});

test("book now and report an issue on the kiosk; revoking the tablet sends it back to pairing", async ({ page, request }) => {
  const admin = await login(request, "admin@circletime.dev");
  const room = await createRoom(request, admin, "revoke");
  const ada = await login(request, "ada.lovelace@circletime.dev");
  // The next meeting in 50 minutes: book now offers only what fits before it.
  expect(
    (await request.post("/api/bookings", { headers: ada, data: { roomId: room.id, title: "Later on", startTime: minutesFromNow(50), endTime: minutesFromNow(80) } })).status(),
  ).toBe(201);
  const device = await pairTablet(page, request, admin, room.id);
  await expectNoSeriousAxeViolations(page);

  await page.getByRole("button", { name: "Book now" }).click();
  await expect(page.getByTestId("book-now-options").getByRole("button")).toHaveText(["15 min", "30 min", "45 min"]);
  await page.getByRole("button", { name: "30 min" }).click();
  await expect(page.getByTestId("kiosk-notice")).toContainText("Booked until");
  await expect(page.getByTestId("kiosk-status")).toHaveText("Occupied", { timeout: 1_000 });
  await expect(page.getByTestId("kiosk-meeting")).toContainText("Walk-in");
  // Extending by 15 fits before the next meeting; 30 would not, so it is not offered.
  await expect(page.getByRole("button", { name: "15 min" })).toBeVisible();
  await expect(page.getByRole("button", { name: "30 min" })).toHaveCount(0);

  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "Report an issue" }).click();
  await page.getByRole("button", { name: "Equipment" }).click();
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("Describe it briefly").fill("The screen's HDMI cable is missing");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByTestId("kiosk-notice")).toContainText("Thank you");
  const issues = (await (await request.get(`/api/issues?roomId=${room.id}`, { headers: admin })).json()).data;
  expect(issues).toMatchObject([{ category: "equipment", description: "The screen's HDMI cable is missing", reportedBy: "E2E tablet", status: "open" }]);

  const revoked = await request.delete(`/api/panel/devices/${device.id}`, { headers: admin });
  expect(revoked.status()).toBe(200);
  await page.waitForURL(/\/panel$/, { timeout: 10_000 });
  await expect(page.getByTestId("pairing-code")).toHaveText(/^\d{6}$/);
  // The page's title follows the client-side navigation a moment later: axe would flag a page without one.
  await expect(page).toHaveTitle(/\S/);
  await expectNoSeriousAxeViolations(page);
});

test("portrait 800×1280: a long meeting title is cut, never pushes the clock or the buttons off the screen", async ({ page, request }) => {
  await page.setViewportSize({ width: 800, height: 1280 });
  const admin = await login(request, "admin@circletime.dev");
  const room = await createRoom(request, admin, "portrait");
  const ada = await login(request, "ada.lovelace@circletime.dev");
  await pairTablet(page, request, admin, room.id);
  const title = "Quarterly planning with the whole extended leadership team and our guests from abroad";
  expect(
    (await request.post("/api/bookings", { headers: ada, data: { roomId: room.id, title, startTime: minutesFromNow(5), endTime: minutesFromNow(65) } })).status(),
  ).toBe(201);
  await expect(page.getByTestId("kiosk-status")).toHaveText("Upcoming");
  await expect(page.getByTestId("kiosk-meeting")).toContainText("Quarterly planning");
  // The page never scrolls sideways, and the clock and every button lie inside the 800 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
  for (const locator of [page.getByTestId("kiosk-clock"), page.getByRole("button", { name: "Check in" }), page.getByRole("button", { name: "Report an issue" })]) {
    const box = (await locator.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(800);
  }
});

test("the notice after an action lies above the buttons, also when they take two rows", async ({ page, request }) => {
  const admin = await login(request, "admin@circletime.dev");
  const room = await createRoom(request, admin, "notice");
  await pairTablet(page, request, admin, room.id);
  await page.getByRole("button", { name: "Book now" }).click();
  await page.getByRole("button", { name: "15 min" }).click();
  await expect(page.getByTestId("kiosk-status")).toHaveText("Occupied", { timeout: 1_000 });
  // End early, + 15 min, + 30 min and Report do not fit on one row of the 1280×800 kiosk.
  await expect(page.getByTestId("kiosk-notice")).toContainText("Booked until");
  for (const name of ["End early", "Report an issue"]) await page.getByRole("button", { name }).click({ trial: true, timeout: 2_000 });
  const notice = (await page.getByTestId("kiosk-notice").boundingBox())!;
  const endEarly = (await page.getByRole("button", { name: "End early" }).boundingBox())!;
  expect(notice.y + notice.height).toBeLessThanOrEqual(endEarly.y);
});

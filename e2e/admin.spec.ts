import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";

const ADMIN = { email: "admin@circletime.dev", password: "circle-time-demo" };
const MEMBER = { email: "ada.lovelace@circletime.dev", password: "circle-time-demo" };
const suffix = () => Date.now().toString(36).slice(-5);

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/rooms/);
}

/** The page's own API session (cookie), with the Origin a same-origin page would send for writes. */
function api(request: APIRequestContext, baseURL: string) {
  const headers = { origin: baseURL };
  return {
    get: async (path: string) => (await request.get(path)).json(),
    post: (path: string, data: unknown) => request.post(path, { data, headers }),
    patch: (path: string, data: unknown) => request.patch(path, { data, headers }),
    delete: (path: string) => request.delete(path, { headers }),
  };
}

/** The next Monday–Friday after today, as YYYY-MM-DD (demo settings: business days Mon–Fri). */
function nextWeekday(daysAhead = 1): string {
  const d = new Date(Date.now() + daysAhead * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

async function newSignedInPage(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  return { context, page };
}

test("a member who opens an admin page gets a clear 403 'administrators only' page", async ({ page }) => {
  await signIn(page, MEMBER);
  for (const path of ["/admin", "/admin/rooms", "/admin/users", "/admin/devices", "/admin/issues", "/admin/settings"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Administrators only" })).toBeVisible();
  }
  await page.screenshot({ path: "/tmp/admin-forbidden.png" });
  await expectNoSeriousAxeViolations(page);
});

test("a signed-out visitor of an admin page is sent to sign in and comes back to it", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
});

test("rooms: create one (the form keeps its input after an error), find it, maintenance on and off, delete refused while booked", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const http = api(page.request, baseURL!);
  const name = `E2E Room ${suffix()}`;
  await signIn(page, ADMIN);
  await page.goto("/admin/rooms");
  await expect(page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Rooms" })).toHaveAttribute(
    "aria-current",
    "page",
  );

  // A bad value: the problem is shown at its field, which gets focus, and what was typed stays.
  const form = page.getByRole("form", { name: "New room" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Building").selectOption({ label: "Berlin HQ (4 floors)" });
  await form.getByLabel("Floor").fill("2");
  await form.getByLabel("Seats").fill("0");
  await form.getByLabel("Whiteboard").check();
  await form.getByRole("button", { name: "Create room" }).click();
  await expect(form.getByLabel("Seats")).toHaveAccessibleDescription("must be 1–1000");
  await expect(form.getByLabel("Seats")).toBeFocused();
  await expect(form.getByLabel("Seats")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Name")).toHaveValue(name);
  await expect(form.getByLabel("Floor")).toHaveValue("2");
  await expect(form.getByLabel("Whiteboard")).toBeChecked();
  await page.screenshot({ path: "/tmp/admin-rooms-error.png", fullPage: true });

  await form.getByLabel("Seats").fill("6");
  await form.getByRole("button", { name: "Create room" }).click();
  await expect(form.getByTestId("new-room-message")).toHaveText(`Room ${name} created in Berlin HQ.`);
  await expect(form.getByLabel("Name")).toHaveValue("");
  const row = page.getByTestId("admin-room-row").filter({ hasText: name });
  await expect(row.getByTestId("room-status")).toHaveText("Available");

  // Members find it at once (the API behind /rooms and the door tablets).
  const rooms = await http.get(`/api/rooms?search=${encodeURIComponent(name)}`);
  expect(rooms.data).toHaveLength(1);
  const roomId: string = rooms.data[0].id;
  expect(rooms.data[0]).toMatchObject({ name, building: "Berlin HQ", floor: 2, capacity: 6, amenities: ["whiteboard"], status: "available" });
  await page.goto(`/rooms?search=${encodeURIComponent(name)}`);
  await expect(page.getByText(name).first()).toBeVisible();

  // Maintenance on: unavailable everywhere, booking refused; then off again.
  await page.goto("/admin/rooms");
  await row.getByRole("button", { name: `Put in maintenance: ${name}` }).click();
  await expect(row.getByTestId("room-status")).toHaveText("Maintenance");
  expect((await http.get(`/api/rooms/${roomId}`)).data.status).toBe("maintenance");
  const day = nextWeekday(2);
  const refused = await http.post("/api/bookings", { roomId, title: "Blocked", startTime: `${day}T10:00`, endTime: `${day}T11:00` });
  expect(refused.status()).toBe(409);
  await row.getByRole("button", { name: `End maintenance of ${name}` }).click();
  await expect(row.getByTestId("room-status")).toHaveText("Available");

  // Delete refused while it has a booking: the 409 explained, with the booking listed and linked.
  const booked = await http.post("/api/bookings", { roomId, title: "In the way", startTime: `${day}T10:00`, endTime: `${day}T11:00` });
  expect(booked.status()).toBe(201);
  const bookingId: string = (await booked.json()).data.id;
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete room" }).click();
  await expect(page.getByTestId("delete-room-message")).toHaveText(
    `${name} cannot be deleted: 1 upcoming booking must be cancelled first (listed above), or put the room in maintenance instead.`,
  );
  const inTheWay = page.getByTestId("bookings-in-the-way");
  await expect(inTheWay).toContainText("In the way");
  await expect(inTheWay.getByRole("link")).toHaveAttribute("href", `/rooms/${roomId}?date=${day}`);
  await page.screenshot({ path: "/tmp/admin-room-delete-refused.png", fullPage: true });
  await expectNoSeriousAxeViolations(page);

  // Once the booking is cancelled, the room can go.
  expect((await http.delete(`/api/bookings/${bookingId}`)).status()).toBe(200);
  await page.reload();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete room" }).click();
  await expect(page).toHaveURL(/\/admin\/rooms\?deleted=/);
  await expect(page.getByRole("status")).toHaveText(`Room ${name} deleted.`);
  expect((await http.get(`/api/rooms?search=${encodeURIComponent(name)}`)).data).toHaveLength(0);
});

test("buildings: create, edit, delete refused while it has rooms", async ({ page }) => {
  const name = `E2E Building ${suffix()}`;
  await signIn(page, ADMIN);
  await page.goto("/admin/buildings");
  const form = page.getByRole("form", { name: "New building" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Time zone").fill("Mars/Olympus");
  await form.getByLabel("Floors").fill("2");
  await form.getByRole("button", { name: "Create building" }).click();
  await expect(form.getByLabel("Time zone")).toHaveAccessibleDescription(/must be an IANA time zone such as Europe\/Berlin$/);
  await expect(form.getByLabel("Name")).toHaveValue(name);
  await form.getByLabel("Time zone").fill("Europe/Lisbon");
  await form.getByRole("button", { name: "Create building" }).click();
  await expect(form.getByTestId("new-building-message")).toHaveText(`Building ${name} created.`);

  const card = page.getByTestId("admin-building").filter({ has: page.getByRole("heading", { name }) });
  await card.getByLabel("Floors").fill("3");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByTestId("building-form-message")).toHaveText(`Saved ${name}.`);

  // Berlin HQ has rooms: refused, with a link to them.
  const berlin = page.getByTestId("admin-building").filter({ has: page.getByRole("heading", { name: "Berlin HQ" }) });
  page.once("dialog", (dialog) => dialog.accept());
  await berlin.getByRole("button", { name: "Delete building" }).click();
  await expect(berlin.getByTestId("delete-building-message")).toContainText("Berlin HQ still has");
  await expect(berlin.getByRole("link", { name: "See the rooms of Berlin HQ" })).toBeVisible();
  await page.screenshot({ path: "/tmp/admin-buildings.png", fullPage: true });
  await expectNoSeriousAxeViolations(page);

  page.once("dialog", (dialog) => dialog.accept());
  await card.getByRole("button", { name: "Delete building" }).click();
  await expect(page.getByRole("heading", { name })).toHaveCount(0);
});

test("users: create one who then signs in; deactivate them and their sign-in is refused; reactivate", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const id = suffix();
  const person = { name: `Grace E2E ${id}`, email: `grace.${id}@example.com`, password: "a-long-passphrase" };
  await signIn(page, ADMIN);
  await page.goto("/admin/users");
  await expect(page.getByTestId("admin-user").filter({ hasText: ADMIN.email }).getByRole("button", { name: /Deactivate/ })).toHaveCount(0);

  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("Name").fill(person.name);
  await form.getByLabel("Email").fill(person.email);
  await form.getByLabel("Department (optional)").fill("Research");
  await form.getByLabel("Password").fill("short");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByLabel("Password")).toHaveAccessibleDescription(/must be at least 10 characters$/);
  await expect(form.getByLabel("Email")).toHaveValue(person.email);
  await expect(form.getByLabel("Password")).toBeFocused();
  await form.getByLabel("Password").fill(person.password);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByTestId("new-user-message")).toHaveText(`${person.name} can now sign in as ${person.email}.`);

  // Search finds them.
  await page.getByLabel("Search by name, email or department").fill(`grace.${id}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`search=grace.${id}`));
  await expect(page.getByTestId("admin-user")).toHaveCount(1);
  await page.screenshot({ path: "/tmp/admin-users.png", fullPage: true });

  // They sign in.
  const them = await newSignedInPage(browser, person);
  await expect(them.page.getByTestId("signed-in-user")).toContainText(person.name);

  // Role and department change.
  const row = page.getByTestId("admin-user").filter({ hasText: person.email });
  await row.getByText(`Edit ${person.name}`).click();
  await row.getByLabel("Department").fill("Operations");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("Operations");

  // Deactivated: their open session ends and a new sign-in is refused.
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: `Deactivate ${person.name}` }).click();
  await expect(row.getByTestId("user-active")).toHaveText("Deactivated");
  await them.page.goto("/rooms");
  await expect(them.page).toHaveURL(/\/login/);
  await them.page.getByLabel("Email").fill(person.email);
  await them.page.getByLabel("Password").fill(person.password);
  await them.page.getByRole("button", { name: "Sign in" }).click();
  await expect(them.page.getByTestId("login-error")).toHaveText("Invalid email or password.");

  await row.getByRole("button", { name: `Reactivate ${person.name}` }).click();
  await expect(row.getByTestId("user-active")).toHaveText("Active");
  await them.context.close();
  const again = await newSignedInPage(browser, person);
  await expect(again.page.getByTestId("signed-in-user")).toContainText(person.name);
  await again.context.close();
  await expectNoSeriousAxeViolations(page);
});

test("settings: every field explained; a bad value points at its field; new business hours change the room's day at once", async ({
  page,
  baseURL,
}) => {
  const http = api(page.request, baseURL!);
  await signIn(page, ADMIN);
  const before = await http.get("/api/settings");
  const room = (await http.get("/api/rooms?search=Spree")).data[0];
  const day = nextWeekday(3);
  const slotsBefore = (await http.get(`/api/rooms/${room.id}/availability?date=${day}`)).data;

  // The room's timeline as members see it, before: it starts at the old opening time.
  await page.goto(`/rooms/${room.id}?date=${day}`);
  // The page's line of opening hours (a wholly free day also shows a free gap with the same times).
  await expect(page.locator("p").filter({ hasText: `${before.data.businessStart}–${before.data.businessEnd}` })).toBeVisible();
  await expect(page.getByTestId("timeline")).not.toContainText("07:00");

  await page.goto("/admin/settings");
  await expect(page.getByText("A booking nobody checked in to this long after its start becomes a no-show")).toBeVisible();
  const form = page.getByRole("form", { name: "Organisation settings" });
  await form.getByLabel("Release no-shows after (minutes)").fill("90");
  await form.getByLabel("Opens at").fill("07:00");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByLabel("Release no-shows after (minutes)")).toHaveAccessibleDescription(/must be 5–60$/);
  await expect(form.getByLabel("Release no-shows after (minutes)")).toBeFocused();
  await expect(form.getByLabel("Opens at")).toHaveValue("07:00");
  await page.screenshot({ path: "/tmp/admin-settings-error.png", fullPage: true });

  await form.getByLabel("Release no-shows after (minutes)").fill(String(before.data.autoReleaseMinutes));
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByTestId("settings-message")).toContainText("Settings saved");
  try {
    expect((await http.get("/api/settings")).data.businessStart).toBe("07:00");
    // The room's day now starts an hour earlier: two more 30-minute slots.
    const slotsAfter = (await http.get(`/api/rooms/${room.id}/availability?date=${day}`)).data;
    expect(slotsAfter.length).toBe(slotsBefore.length + 2);
    expect(Date.parse(slotsAfter[0].startTime)).toBe(Date.parse(slotsBefore[0].startTime) - 3_600_000);
    await page.goto(`/rooms/${room.id}?date=${day}`);
    await expect(page.locator("p").filter({ hasText: `07:00–${before.data.businessEnd}` })).toBeVisible();
    await expect(page.getByTestId("timeline")).toContainText("07:00");
    await page.screenshot({ path: "/tmp/admin-settings-room-day.png" });
    await page.goto("/admin/settings");
    await expectNoSeriousAxeViolations(page);
  } finally {
    const restored = await http.patch("/api/settings", { businessStart: before.data.businessStart });
    expect(restored.status()).toBe(200);
  }
});

test("/admin opens the analytics overview; the side navigation links every admin page", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/analytics$/);
  await page.goto("/admin/users");
  const nav = page.getByRole("navigation", { name: "Administration" });
  for (const [label, href] of [
    ["Overview", "/admin/analytics"],
    ["Utilization", "/admin/analytics/utilization"],
    ["Ghosting", "/admin/analytics/ghosting"],
    ["Capacity", "/admin/analytics/capacity"],
    ["Rooms", "/admin/rooms"],
    ["Buildings", "/admin/buildings"],
    ["Users", "/admin/users"],
    ["Tablets", "/admin/devices"],
    ["Issue reports", "/admin/issues"],
    ["Settings", "/admin/settings"],
  ]) {
    await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("href", href);
  }
});

test("every admin page has no serious or critical axe violation", async ({ page }) => {
  await signIn(page, ADMIN);
  for (const path of ["/admin/rooms", "/admin/buildings", "/admin/users", "/admin/devices", "/admin/issues", "/admin/settings"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.screenshot({ path: `/tmp/admin-page-${path.split("/").pop()}.png`, fullPage: true });
    await expectNoSeriousAxeViolations(page);
  }
});

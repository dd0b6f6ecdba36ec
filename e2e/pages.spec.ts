import { expect, test, type Page } from "@playwright/test";
import {
  MEMBER,
  apiAuth,
  apiBook,
  createBuildingWithRooms,
  expectAccessible,
  localDate,
  middayZone,
  screenshots,
  signIn,
  weekdayAhead,
} from "./support/pages";

// Issue 8: the employee pages, driven in Chromium against the production server. The rooms live in buildings of
// their own: one where it is about midday now (so "now" is inside business hours whenever this runs) and one in
// Los Angeles (west of Greenwich) for local times.

type Room = { id: string; name: string; capacity: number };
let admin: Record<string, string>;
let ada: Record<string, string>;
let zone: string;
let buildingId: string;
let suffix: string;
let whiteboard: Room;
let alt: Room;
let small: Room;
const created: { buildings: string[]; rooms: string[] } = { buildings: [], rooms: [] };

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  admin = await apiAuth(request);
  ada = await apiAuth(request, MEMBER);
  zone = middayZone();
  const made = await createBuildingWithRooms(request, admin, {
    name: "E2E Pages",
    timezone: zone,
    rooms: [
      { name: "Whiteboard Six", capacity: 6, amenities: ["whiteboard", "tv_display"] },
      { name: "Alt Six", capacity: 6, amenities: ["tv_display"] },
      { name: "Small Two", capacity: 2, floor: 2 },
    ],
  });
  ({ suffix } = made);
  buildingId = made.building.id;
  [whiteboard, alt, small] = made.rooms;
  created.buildings.push(buildingId);
  created.rooms.push(...made.rooms.map((r) => r.id));
});

test.afterAll(async ({ request }) => {
  // Leave the shared demo database as we found it: cancel what is left, delete our rooms and buildings.
  const from = localDate(new Date(Date.now() - 2 * 86_400_000), "UTC");
  const to = localDate(new Date(Date.now() + 60 * 86_400_000), "UTC");
  for (const roomId of created.rooms) {
    const list = await request.get(`/api/bookings?roomId=${roomId}&from=${from}&to=${to}`, { headers: admin });
    for (const b of (await list.json()).data ?? []) {
      if (b.status !== "confirmed") continue;
      if (b.checkedIn) await request.post(`/api/bookings/${b.id}/end`, { headers: admin });
      else await request.delete(`/api/bookings/${b.id}`, { headers: admin });
    }
    await request.delete(`/api/rooms/${roomId}`, { headers: admin });
  }
  for (const id of created.buildings) await request.delete(`/api/buildings/${id}`, { headers: admin });
});

const toast = (page: Page, text: string | RegExp) => page.getByTestId("toast").filter({ hasText: text });
const dialog = (page: Page) => page.getByRole("dialog");

/** Opens the booking form from the first free time of the room's day with the keyboard (Enter on the gap). */
async function openFormFromFirstGap(page: Page) {
  await page.getByTestId("free-gap").first().focus();
  await page.keyboard.press("Enter");
  await expect(dialog(page)).toBeVisible();
}

async function setTimes(page: Page, start: string, end: string) {
  await dialog(page).getByLabel("Start").fill(start);
  await dialog(page).getByLabel("End", { exact: true }).fill(end);
}

test("find a free room with a whiteboard for six now, book it by clicking the timeline, check in and end it", async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/rooms$/);
  await expectAccessible(page, "/rooms");
  await screenshots(page, "rooms");

  await page.getByLabel("Search").fill(suffix);
  await page.getByLabel("People").fill("6");
  await page.locator("label").filter({ hasText: "Whiteboard" }).click();
  await page.getByLabel("Free now").check();
  await expect(page).toHaveURL(/status=available/);
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toMatchObject({ search: suffix, minCapacity: "6", amenities: "whiteboard", status: "available" });
  const cards = page.getByTestId("room-card");
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(whiteboard.name);
  await expect(cards.first().getByTestId("room-status")).toHaveText("Available");
  await expect(cards.first().getByTestId("next-free")).toContainText("Free now");
  await expectAccessible(page, "/rooms filtered");
  await screenshots(page, "rooms-filtered");

  // The back button steps back through the filters.
  await page.goBack();
  await expect(page).not.toHaveURL(/status=available/);
  await page.goForward();
  await expect(page).toHaveURL(/status=available/);

  await cards.first().getByRole("link", { name: whiteboard.name }).click();
  await expect(page).toHaveURL(new RegExp(`/rooms/${whiteboard.id}`));
  await expect(page.getByRole("heading", { name: whiteboard.name })).toBeVisible();
  await expectAccessible(page, "/rooms/[roomId]");
  await screenshots(page, "room-day");

  // Click the top of the first free time (it starts now, rounded up to 5 minutes).
  const gap = page.getByTestId("free-gap").first();
  const box = (await gap.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + 4);
  await expect(dialog(page)).toBeVisible();
  await dialog(page).getByLabel("Title").fill("E2E whiteboard session");
  await expectAccessible(page, "booking dialog");
  await screenshots(page, "booking-dialog");
  await dialog(page).getByRole("button", { name: "Book", exact: true }).click();
  await expect(toast(page, "Booked")).toBeVisible();
  await expect(dialog(page)).toBeHidden();
  await expect(page.getByTestId("timeline-booking").filter({ hasText: "E2E whiteboard session" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My bookings" }).click();
  await expect(page).toHaveURL(/\/bookings$/);
  const item = page.getByTestId("booking").filter({ hasText: "E2E whiteboard session" });
  await expect(item).toBeVisible();
  await expectAccessible(page, "/bookings");
  await screenshots(page, "bookings");
  await item.getByRole("button", { name: "Check in" }).click();
  await expect(toast(page, "Checked in")).toBeVisible();
  await expect(item).toContainText("In progress");
  await item.getByRole("button", { name: "End early" }).click();
  await expect(toast(page, /Meeting ended, .* given back/)).toBeVisible();
  await expect(page.getByTestId("past").getByTestId("booking").filter({ hasText: "E2E whiteboard session" })).toContainText("Completed");
});

test("drag over free time to choose the start and the end", async ({ page }) => {
  const date = weekdayAhead(zone, 3);
  await signIn(page, MEMBER, `/rooms/${small.id}?date=${date}`);
  const gap = page.getByTestId("free-gap").first();
  const box = (await gap.boundingBox())!;
  // Business hours start at 08:00 and the timeline draws 1.1 px per minute: 10:00 → 11:30.
  const y = (minutes: number) => box.y - 1 + minutes * 1.1;
  await page.mouse.move(box.x + 40, y(120) + 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 40, y(160), { steps: 4 });
  await page.mouse.move(box.x + 40, y(210), { steps: 4 });
  await page.mouse.up();
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByLabel("Start")).toHaveValue("10:00");
  await expect(dialog(page).getByLabel("End", { exact: true })).toHaveValue("11:30");
  await expect(dialog(page)).toContainText("1 h 30 min");
});

test("a conflict offers the nearest free slots and similar free rooms; a suggested slot books with a click", async ({ page, request }) => {
  const date = weekdayAhead(zone, 2);
  await apiBook(request, admin, { roomId: whiteboard.id, title: "Taken", startTime: `${date}T10:00`, endTime: `${date}T11:00` });
  await signIn(page, MEMBER, `/rooms/${whiteboard.id}?date=${date}`);
  await openFormFromFirstGap(page);
  await dialog(page).getByLabel("Title").fill("E2E conflict");
  await setTimes(page, "10:00", "11:00");
  await dialog(page).getByRole("button", { name: "Book", exact: true }).click();
  const help = page.getByTestId("conflict-help");
  await expect(help).toBeVisible();
  await expect(help).toContainText("already booked");
  await expect(help.getByRole("button", { name: "09:00–10:00" })).toBeVisible();
  await expect(help.getByRole("button", { name: "11:00–12:00" })).toBeVisible();
  await expect(help.getByRole("button", { name: new RegExp(alt.name) })).toBeVisible();
  // A room of two seats is not "similar" to one of six.
  await expect(help.getByRole("button", { name: new RegExp(small.name) })).toHaveCount(0);
  // What was typed is kept.
  await expect(dialog(page).getByLabel("Title")).toHaveValue("E2E conflict");
  await expectAccessible(page, "conflict help");
  await help.scrollIntoViewIfNeeded();
  await page.screenshot({ path: ".ci-reports/screenshots/conflict-help.png" });

  await help.getByRole("button", { name: "09:00–10:00" }).click();
  await expect(toast(page, "Booked")).toBeVisible();
  await expect(page.getByTestId("timeline-booking").filter({ hasText: "E2E conflict" })).toContainText("09:00–10:00");

  // The other kind of help: book the same time in a similar room.
  await openFormFromFirstGap(page);
  await dialog(page).getByLabel("Title").fill("E2E elsewhere");
  await setTimes(page, "10:00", "11:00");
  await dialog(page).getByRole("button", { name: "Book", exact: true }).click();
  await page.getByTestId("conflict-help").getByRole("button", { name: new RegExp(alt.name) }).click();
  await expect(toast(page, alt.name)).toBeVisible();
  const altDay = await request.get(`/api/rooms/${alt.id}/bookings?date=${date}`, { headers: ada });
  const booked = (await altDay.json()).data.find((b: { title: string }) => b.title === "E2E elsewhere");
  expect(booked).toBeTruthy();
  expect(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(booked.startTime))).toBe("10:00");
});

test("a weekly booking shows the date it skipped", async ({ page, request }) => {
  const date = weekdayAhead(zone, 2);
  const weekLater = localDate(new Date(new Date(`${date}T12:00:00Z`).getTime() + 7 * 86_400_000), "UTC");
  await apiBook(request, admin, { roomId: alt.id, title: "Blocker", startTime: `${weekLater}T14:00`, endTime: `${weekLater}T15:00` });
  await signIn(page, MEMBER, `/rooms/${alt.id}?date=${date}`);
  await openFormFromFirstGap(page);
  await dialog(page).getByLabel("Title").fill("E2E weekly");
  await setTimes(page, "14:00", "15:00");
  await dialog(page).getByLabel("Repeat this booking").check();
  await dialog(page).getByLabel("Number of meetings").fill("3");
  await dialog(page).getByRole("button", { name: "Book", exact: true }).click();
  const result = page.getByTestId("series-result");
  await expect(result).toContainText("2 meetings booked");
  const skipped = page.getByTestId("skipped-dates");
  await expect(skipped.getByRole("listitem")).toHaveCount(1);
  const weekday = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).formatToParts(new Date(`${weekLater}T12:00:00Z`));
  const part = (t: string) => weekday.find((p) => p.type === t)!.value;
  await expect(skipped).toContainText(`${part("weekday")} ${part("day")} ${part("month")} 14:00–15:00`);
  await expect(skipped).toContainText("already booked");
  await screenshots(page, "series-skipped");
  await result.getByRole("button", { name: "Done" }).click();
  await expect(dialog(page)).toBeHidden();
});

test("my bookings: extend a running meeting, edit, cancel one and the rest of a series, download the .ics", async ({ page, request }) => {
  const soon = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 60_000);
  await apiBook(request, ada, { roomId: small.id, title: "E2E running", startTime: soon.toISOString(), endTime: new Date(soon.getTime() + 30 * 60_000).toISOString() });
  const date = weekdayAhead(zone, 4);
  await apiBook(request, ada, { roomId: small.id, title: "E2E to edit", startTime: `${date}T16:00`, endTime: `${date}T17:00` });
  await apiBook(request, ada, {
    roomId: small.id,
    title: "E2E series",
    startTime: `${date}T08:00`,
    endTime: `${date}T08:30`,
    recurrence: { frequency: "weekly", count: 3 },
  });
  // Check-in is not open yet for a meeting days ahead: the page says when it opens instead.
  await signIn(page, MEMBER, "/bookings");
  const running = page.getByTestId("booking").filter({ hasText: "E2E running" });
  await running.getByRole("button", { name: "Check in" }).click();
  await expect(toast(page, "Checked in")).toBeVisible();
  await running.getByRole("button", { name: "Extend" }).click();
  await page.getByRole("menuitem", { name: "by 15 min" }).click();
  await expect(toast(page, /Extended to/)).toBeVisible();
  const end45 = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(soon.getTime() + 45 * 60_000));
  await expect(running.getByTestId("booking-when")).toContainText(`–${end45}`);
  await running.getByRole("button", { name: "End early" }).click();
  await expect(toast(page, "Meeting ended")).toBeVisible();

  const toEdit = page.getByTestId("booking").filter({ hasText: "E2E to edit" });
  await expect(toEdit.getByTestId("checkin-opens")).toContainText("Check-in opens at 15:45");
  await expect(toEdit.getByRole("button", { name: "Check in" })).toHaveCount(0);
  await expect(toEdit.getByRole("button", { name: "End early" })).toHaveCount(0);
  await toEdit.getByRole("button", { name: "Edit" }).click();
  await expect(dialog(page).getByLabel("Start")).toHaveValue("16:00");
  await dialog(page).getByLabel("Title").fill("E2E edited");
  await dialog(page).getByLabel("End", { exact: true }).fill("17:30");
  await dialog(page).getByRole("button", { name: "Save changes" }).click();
  await expect(toast(page, "Booking updated")).toBeVisible();
  const edited = page.getByTestId("booking").filter({ hasText: "E2E edited" });
  await expect(edited.getByTestId("booking-when")).toContainText("16:00–17:30");

  // Add to calendar: an .ics file calendar programs accept.
  const [download] = await Promise.all([page.waitForEvent("download"), edited.getByRole("link", { name: "Add to calendar" }).click()]);
  expect(download.suggestedFilename()).toBe("E2E-edited.ics");
  const ics = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(ics).toString("utf8");
  expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
  expect(text).toContain("SUMMARY:E2E edited");
  expect(text).toContain("END:VEVENT");

  const series = page.getByTestId("upcoming").getByTestId("booking").filter({ hasText: "E2E series" });
  await expect(series).toHaveCount(3);
  await series.first().getByRole("button", { name: "Cancel" }).click();
  await expect(dialog(page)).toContainText("part of a series");
  await screenshots(page, "cancel-series-dialog");
  await dialog(page).getByRole("button", { name: "Only this one" }).click();
  await expect(toast(page, "Booking cancelled")).toBeVisible();
  await expect(series).toHaveCount(2);
  await series.first().getByRole("button", { name: "Cancel" }).click();
  await dialog(page).getByRole("button", { name: "This and following" }).click();
  await expect(toast(page, "Cancelled 2 meetings")).toBeVisible();
  await expect(series).toHaveCount(0);
  await expect(page.getByTestId("past").getByTestId("booking").filter({ hasText: "E2E series" }).first()).toContainText("Cancelled");
});

test("the floor map shows live status in words and opens a room", async ({ page, request }) => {
  await apiBook(request, admin, {
    roomId: alt.id,
    title: "Occupying",
    startTime: new Date(Date.now() - 60_000).toISOString(),
    endTime: new Date(Date.now() + 60 * 60_000).toISOString(),
  }).catch(() => undefined);
  await signIn(page, MEMBER, "/floors");
  await expect(page).toHaveURL(/\/floors\/[^/]+\/-?\d+$/);
  await page.goto(`/floors/${buildingId}/1`);
  const map = page.getByTestId("floor-map");
  await expect(map.getByRole("link", { name: `${whiteboard.name} Available` })).toBeVisible();
  await expect(map.getByRole("link", { name: `${alt.name} Occupied` })).toBeVisible();
  await expect(map.getByRole("link", { name: new RegExp(small.name) })).toHaveCount(0);
  await expectAccessible(page, "/floors");
  await screenshots(page, "floor-map");
  await page.getByRole("navigation", { name: "Floors" }).getByRole("link", { name: "Floor 2" }).click();
  await expect(page.getByTestId("floor-map").getByRole("link", { name: new RegExp(small.name) })).toBeVisible();
  await page.getByTestId("floor-map").getByRole("link", { name: new RegExp(small.name) }).click();
  await expect(page).toHaveURL(new RegExp(`/rooms/${small.id}`));
});

test("a building west of Greenwich shows its own local times, named, in a browser in Berlin", async ({ browser, request }) => {
  const la = await createBuildingWithRooms(request, admin, { name: "E2E Los Angeles", timezone: "America/Los_Angeles", rooms: [{ name: "Venice", capacity: 4 }] });
  created.buildings.push(la.building.id);
  created.rooms.push(la.rooms[0].id);
  const date = weekdayAhead("America/Los_Angeles", 2);
  const booking = await apiBook(request, ada, { roomId: la.rooms[0].id, title: "E2E LA standup", startTime: `${date}T10:00`, endTime: `${date}T11:00` });
  // 10:00 in Los Angeles is 17:00 or 18:00 UTC.
  expect(["17:00", "18:00"]).toContain(booking.startTime.slice(11, 16));

  const context = await browser.newContext({ timezoneId: "Europe/Berlin" });
  const page = await context.newPage();
  await signIn(page, MEMBER, `/rooms/${la.rooms[0].id}?date=${date}`);
  await expect(page.getByTestId("timeline-booking").filter({ hasText: "E2E LA standup" })).toContainText("10:00–11:00");
  await expect(page.getByTestId("zone-note").first()).toHaveText(/Los Angeles time/);
  await expect(page.getByTestId("timeline")).toContainText("08:00");
  await page.goto("/bookings");
  const item = page.getByTestId("booking").filter({ hasText: "E2E LA standup" });
  await expect(item.getByTestId("booking-when")).toContainText("10:00–11:00");
  await expect(item.getByTestId("booking-when")).toContainText("Los Angeles time");
  await context.close();
});

test("booking with the keyboard only", async ({ page }) => {
  await signIn(page);
  const date = weekdayAhead(zone, 5);
  await page.goto(`/rooms?search=${suffix}`);
  const tabTo = async (matches: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      if (await matches()) return;
    }
    throw new Error(`could not reach ${what} with Tab`);
  };
  // The room's link, reached with Tab and followed with Enter.
  await tabTo(async () => (await page.evaluate(() => document.activeElement?.textContent ?? "")).includes(whiteboard.name), "the room link");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/rooms/${whiteboard.id}`));
  // The date picker, then a free time of that day.
  await page.goto(`/rooms/${whiteboard.id}?date=${date}`);
  await tabTo(async () => (await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) === "free-gap", "a free time");
  await expect(page.locator(":focus")).toHaveCSS("outline-style", /none|solid/);
  await page.keyboard.press("Enter");
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByLabel("Title")).toBeFocused();
  await page.keyboard.type("E2E keyboard booking");
  await page.keyboard.press("Enter");
  await expect(toast(page, "Booked")).toBeVisible();
  await expect(page.getByTestId("timeline-booking").filter({ hasText: "E2E keyboard booking" })).toContainText("08:00–09:00");
});

test("every page has its loading, empty and error states reachable and passes axe", async ({ page }) => {
  await page.goto("/login");
  await expectAccessible(page, "/login");
  await screenshots(page, "login");
  await signIn(page);
  await page.goto(`/rooms?search=no-such-room-${suffix}`);
  await expect(page.getByText("No room matches these filters")).toBeVisible();
  await expectAccessible(page, "/rooms empty");
  await page.goto("/rooms?minCapacity=lots");
  await expect(page.getByText("These filters cannot be used")).toBeVisible();
  await expect(page.getByText("minCapacity: must be a whole number of people")).toBeVisible();
  await page.goto("/rooms/00000000-0000-4000-8000-000000000000");
  await expect(page.getByText("Not found")).toBeVisible();
  await expectAccessible(page, "not found");
});


import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** Demo accounts (db/seed.ts). */
export const MEMBER = { email: "ada.lovelace@circletime.dev", password: "circle-time-demo", name: "Ada Lovelace" };
export const ADMIN = { email: "admin@circletime.dev", password: "circle-time-demo" };

/** Screenshots are kept as CI artefacts under .ci-reports/screenshots (gitignored). */
export const SCREENSHOTS = ".ci-reports/screenshots";

/** Signs in through the sign-in page and waits for the page it leads to. */
export async function signIn(page: Page, who = MEMBER, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
}

/** Bearer headers of an API login. */
export async function apiAuth(request: APIRequestContext, who = ADMIN) {
  const res = await request.post("/api/auth/login", { data: { email: who.email, password: who.password } });
  expect(res.status()).toBe(200);
  return { authorization: `Bearer ${(await res.json()).data.access}` };
}

/** axe: no serious or critical violation on the page as it is now (UI.md). */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

/** A full-page screenshot at desktop width and at phone width. */
export async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-phone.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}

/** The local `YYYY-MM-DD` of an instant in `zone`. */
export function localDate(instant: Date, zone: string) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(instant);
}

/** A weekday (Mon–Fri) at least `minDays` days ahead in `zone`, as YYYY-MM-DD. */
export function weekdayAhead(zone: string, minDays = 2) {
  for (let d = minDays; d < minDays + 7; d++) {
    const day = new Date(Date.now() + d * 86_400_000);
    const weekday = new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short" }).format(day);
    if (!["Sat", "Sun"].includes(weekday)) return localDate(day, zone);
  }
  throw new Error("no weekday found");
}

/**
 * An IANA zone where it is about midday now (Etc/GMT±N, whole hours), so that "now" is inside business hours
 * (08:00–18:00) whenever the test runs. Note the inverted POSIX sign: Etc/GMT-3 is UTC+3.
 */
export function middayZone() {
  const n = 12 - new Date().getUTCHours();
  return n === 0 ? "Etc/GMT" : n > 0 ? `Etc/GMT-${n}` : `Etc/GMT+${-n}`;
}

/** A building of its own with rooms, through the admin API; names carry a random suffix. */
export async function createBuildingWithRooms(
  request: APIRequestContext,
  admin: Record<string, string>,
  opts: { name: string; timezone: string; rooms: { name: string; floor?: number; capacity: number; amenities?: string[] }[] },
) {
  const suffix = Math.random().toString(36).slice(2, 7);
  const building = await request.post("/api/buildings", {
    headers: admin,
    data: { name: `${opts.name} ${suffix}`, timezone: opts.timezone, floors: 3 },
  });
  expect(building.status()).toBe(201);
  const b = (await building.json()).data as { id: string; name: string; timezone: string };
  const rooms: { id: string; name: string; capacity: number }[] = [];
  for (const r of opts.rooms) {
    const res = await request.post("/api/rooms", {
      headers: admin,
      data: { name: `${r.name} ${suffix}`, buildingId: b.id, floor: r.floor ?? 1, capacity: r.capacity, amenities: r.amenities ?? [] },
    });
    expect(res.status()).toBe(201);
    rooms.push((await res.json()).data);
  }
  return { building: b, rooms, suffix };
}

/** Books through the API (as `auth`); local times without offset are in the room's building zone. */
export async function apiBook(
  request: APIRequestContext,
  auth: Record<string, string>,
  body: { roomId: string; title: string; startTime: string; endTime: string; recurrence?: unknown; attendeeIds?: string[] },
) {
  const res = await request.post("/api/bookings", { headers: auth, data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data;
}

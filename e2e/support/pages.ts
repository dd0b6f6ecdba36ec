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

/** A screenshot of the first screen and of the full page at desktop width, and the full page at phone width. */
export async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-top.png` });
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

/** Real zones a whole hour apart (at least in standard time), from UTC+14 to UTC−11. */
const ZONES_AROUND_THE_WORLD = [
  "Pacific/Kiritimati", "Pacific/Auckland", "Pacific/Noumea", "Australia/Brisbane", "Asia/Tokyo", "Asia/Shanghai",
  "Asia/Bangkok", "Asia/Dhaka", "Asia/Karachi", "Asia/Dubai", "Europe/Moscow", "Africa/Cairo", "Africa/Lagos",
  "Atlantic/Reykjavik", "Atlantic/Cape_Verde", "America/Noronha", "America/Sao_Paulo", "America/Santo_Domingo",
  "America/Panama", "America/Regina", "America/Phoenix", "America/Anchorage", "Pacific/Honolulu", "Pacific/Pago_Pago",
];

/**
 * A real IANA zone where it is closest to 12:00 now, so that "now" is inside business hours (08:00–18:00) and
 * the rest of the business day is hours long whenever the test runs.
 */
export function middayZone() {
  const now = new Date();
  const minutesFromNoon = (zone: string) => {
    const [h, m] = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(now).split(":").map(Number);
    return Math.abs(h * 60 + m - 12 * 60);
  };
  return ZONES_AROUND_THE_WORLD.reduce((best, zone) => (minutesFromNoon(zone) < minutesFromNoon(best) ? zone : best));
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

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { parse as parseCsv } from "csv-parse/sync";

/*
 * The admin dashboard on the demo data (UI.md /admin/analytics…): every page draws its charts, its numbers are the
 * API's for the same range, switching the range changes them, both exports download, axe finds nothing serious.
 * Screenshots go to test-results/analytics-*.png (laptop and tablet widths).
 */

const ADMIN = { email: "admin@circletime.dev", password: "circle-time-demo" };
const MEMBER = { email: "ada.lovelace@circletime.dev", password: "circle-time-demo" };

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
// 60 days ending yesterday: fully inside the seed's 90 days of history whatever the hour of the run.
const RANGE = { startDate: day(-60), endDate: day(-1) };
const QUERY = `startDate=${RANGE.startDate}&endDate=${RANGE.endDate}`;

async function signIn(page: Page, who = ADMIN) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
}

async function api<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()).data as T;
}

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: `test-results/analytics-${name}-laptop.png`, fullPage: true });
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.screenshot({ path: `test-results/analytics-${name}-tablet.png`, fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
}

type Kpi = { label: string; value: number; unit: string; change: number | null };
const shown = (k: Kpi) => (k.unit === "%" ? `${k.value} %` : k.unit === "h" ? `${k.value} h` : k.value.toLocaleString("en"));

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
});

test("overview: KPI cards equal the API's, charts are drawn, switching the range changes the figures", async ({ page }) => {
  await signIn(page);
  await page.goto(`/admin/analytics?${QUERY}`);
  await expect(page.getByRole("heading", { name: "Room analytics" })).toBeVisible();

  const kpis = await api<Kpi[]>(page, `/api/analytics/kpi?${QUERY}`);
  expect(kpis.find((k) => k.label === "Total Bookings")!.value).toBeGreaterThan(100);
  for (const k of kpis) await expect(page.getByTestId(`kpi-${k.label}`).getByTestId("kpi-value")).toContainText(shown(k));
  const used = kpis.find((k) => k.label === "Avg Utilization")!;
  if (used.change !== null) await expect(page.getByTestId("kpi-Avg Utilization").getByTestId("kpi-change")).toContainText(`${used.change > 0 ? "+" : ""}${used.change} %`);

  await expect(page.getByTestId("chart-utilization-trend").locator(".recharts-line")).toHaveCount(2);
  await expect(page.getByTestId("heatmap")).toBeVisible();
  const heat = await api<{ day: string; hour: number; value: number }[]>(page, `/api/analytics/heatmap?${QUERY}`);
  const monday10 = heat.find((c) => c.day === "Monday" && c.hour === 10)!;
  await expect(page.getByTestId("heatmap").getByRole("row", { name: /^Mon/ }).getByRole("cell").nth(10 - heat[0].hour)).toHaveText(String(monday10.value));
  const rooms = await api<{ roomName: string; utilizationRate: number }[]>(page, `/api/analytics/utilization?${QUERY}`);
  const top = [...rooms].sort((a, b) => b.utilizationRate - a.utilizationRate)[0];
  await expect(page.getByTestId("table-most-used").locator("tbody tr").first()).toContainText(`${top.utilizationRate} %`);
  await expectNoSeriousAxeViolations(page);
  await screenshots(page, "overview");

  // The "Last 7 days" preset: URL and figures change, and still match the API.
  await page.getByRole("button", { name: "Last 7 days" }).click();
  const week = { startDate: day(-6), endDate: day(0) };
  await expect(page).toHaveURL(new RegExp(`startDate=${week.startDate}&endDate=${week.endDate}`));
  await expect(page.getByRole("button", { name: "Last 7 days" })).toHaveAttribute("aria-pressed", "true");
  const weekKpis = await api<Kpi[]>(page, `/api/analytics/kpi?startDate=${week.startDate}&endDate=${week.endDate}`);
  const total = weekKpis.find((k) => k.label === "Total Bookings")!;
  expect(total.value).not.toBe(kpis.find((k) => k.label === "Total Bookings")!.value);
  await expect(page.getByTestId("kpi-Total Bookings").getByTestId("kpi-value")).toContainText(shown(total));

  // The building filter is in the URL too, and the tabs keep it.
  const buildings = await api<{ id: string; name: string }[]>(page, "/api/buildings");
  await page.getByLabel("Building").selectOption({ label: buildings[0].name });
  await expect(page).toHaveURL(new RegExp(`building=${buildings[0].id}`));
  const oneBuilding = await api<Kpi[]>(page, `/api/analytics/kpi?startDate=${week.startDate}&endDate=${week.endDate}&building=${buildings[0].id}`);
  await expect(page.getByTestId("kpi-Total Rooms").getByTestId("kpi-value")).toContainText(String(oneBuilding[0].value));
  await page.getByRole("navigation", { name: "Analytics sections" }).getByRole("link", { name: "Utilization" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/analytics/utilization\\?.*building=${buildings[0].id}`));
});

test("utilization: bars, hour and weekday charts, and a sortable table equal to the API", async ({ page }) => {
  await signIn(page);
  await page.goto(`/admin/analytics/utilization?${QUERY}`);
  const rooms = await api<{ roomName: string; utilizationRate: number; bookedRate: number; totalBookings: number; peakHours: string[] }[]>(page, `/api/analytics/utilization?${QUERY}`);
  await expect(page.getByTestId("chart-room-hours").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("chart-by-hour").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("chart-by-weekday").locator(".recharts-bar-rectangle").first()).toBeVisible();
  const table = page.getByTestId("table-utilization");
  await expect(table.locator("tbody tr")).toHaveCount(rooms.length);
  for (const r of rooms.slice(0, 5)) {
    const row = table.locator("tbody tr").filter({ has: page.getByRole("cell", { name: r.roomName, exact: true }) });
    await expect(row.getByRole("cell").nth(2)).toHaveText(String(r.utilizationRate));
    await expect(row.getByRole("cell").nth(3)).toHaveText(String(r.bookedRate));
    await expect(row.getByRole("cell").nth(4)).toHaveText(String(r.totalBookings));
    await expect(row.getByRole("cell").nth(7)).toHaveText(r.peakHours.join(", ") || "—");
  }
  // Sorted by Used % descending first; clicking Room sorts by name.
  const least = Math.min(...rooms.map((r) => r.utilizationRate));
  await table.getByRole("button", { name: /Used %/ }).click();
  await expect(table.locator("tbody tr").first().getByRole("cell").nth(2)).toHaveText(String(least));
  await expectNoSeriousAxeViolations(page);
  await screenshots(page, "utilization");
});

test("ghosting: trend, departments and worst rooms with severity, equal to the API", async ({ page }) => {
  await signIn(page);
  await page.goto(`/admin/analytics/ghosting?${QUERY}`);
  await expect(page.getByTestId("chart-ghosting-trend").locator(".recharts-line")).toHaveCount(1);
  const departments = await api<{ department: string }[]>(page, `/api/analytics/ghosting/departments?${QUERY}`);
  await expect(page.getByTestId("chart-departments").locator(".recharts-bar-rectangle")).toHaveCount(departments.length);
  const rooms = await api<{ roomName: string; ghostingRate: number; totalNoShows: number }[]>(page, `/api/analytics/ghosting?${QUERY}`);
  const worst = [...rooms].sort((a, b) => b.ghostingRate - a.ghostingRate)[0];
  const first = page.getByTestId("table-ghosting").locator("tbody tr").first();
  await expect(first.getByRole("cell").nth(2)).toHaveText(String(worst.ghostingRate));
  await expect(first.getByRole("cell").nth(3)).toHaveText(worst.ghostingRate > 25 ? "Critical" : worst.ghostingRate > 15 ? "Warning" : "Good");
  const kpis = await api<Kpi[]>(page, `/api/analytics/kpi?${QUERY}`);
  for (const label of ["Wasted Hours", "Recovered Hours"]) {
    await expect(page.getByTestId(`kpi-${label}`).getByTestId("kpi-value")).toContainText(shown(kpis.find((k) => k.label === label)!));
  }
  await expectNoSeriousAxeViolations(page);
  await screenshots(page, "ghosting");
});

test("capacity: scatter, sizing shares, advice and the table equal to the API", async ({ page }) => {
  await signIn(page);
  await page.goto(`/admin/analytics/capacity?${QUERY}`);
  await expect(page.getByTestId("chart-capacity-scatter").locator(".recharts-scatter-symbol").first()).toBeVisible();
  await expect(page.getByTestId("chart-sizing-share").locator(".recharts-bar-rectangle").first()).toBeVisible();
  const rooms = await api<{ roomName: string; roomCapacity: number; averageAttendees: number; capacityUtilization: number }[]>(page, `/api/analytics/capacity?${QUERY}`);
  const table = page.getByTestId("table-capacity");
  await expect(table.locator("tbody tr")).toHaveCount(rooms.length);
  const r = rooms[0];
  const row = table.locator("tbody tr").first();
  await expect(row).toContainText(r.roomName);
  await expect(row.getByRole("cell").nth(2)).toHaveText(String(r.averageAttendees));
  await expect(row.getByRole("cell").nth(3)).toHaveText(`${r.capacityUtilization} %`);
  await expectNoSeriousAxeViolations(page);
  await screenshots(page, "capacity");
});

test("both exports download: the CSV parses with one row per booking, the PDF is a PDF", async ({ page }) => {
  await signIn(page);
  await page.goto(`/admin/analytics?${QUERY}`);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(csv.suggestedFilename()).toBe(`circle-time-bookings_${RANGE.startDate}_${RANGE.endDate}.csv`);
  const rows = parseCsv(fs.readFileSync(await csv.path()), { columns: true }) as Record<string, string>[];
  expect(Object.keys(rows[0])).toEqual(["Booking ID", "Room", "Building", "Title", "Organizer", "Department", "Start", "End", "Ended At", "Status", "Checked In", "Attendees"]);
  const kpis = await api<Kpi[]>(page, `/api/analytics/kpi?${QUERY}`);
  // Every booking of the period is a row; the counted ones (not cancelled) are the KPI's Total Bookings.
  expect(rows.filter((r) => r.Status !== "cancelled")).toHaveLength(kpis.find((k) => k.label === "Total Bookings")!.value);

  const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export PDF" }).click()]);
  expect(pdf.suggestedFilename()).toBe(`circle-time-report_${RANGE.startDate}_${RANGE.endDate}.pdf`);
  const file = await pdf.path();
  expect(fs.readFileSync(file).subarray(0, 4).toString()).toBe("%PDF");
  // pdftoppm (poppler-utils) must be able to render it: the first page as test-results/analytics-report-1.png.
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", file, "test-results/analytics-report"]);
  expect(fs.existsSync("test-results/analytics-report-1.png")).toBe(true);
});

test("a member sees that analytics are for administrators, and the API refuses them", async ({ page }) => {
  await signIn(page, MEMBER);
  await page.goto(`/admin/analytics?${QUERY}`);
  await expect(page.getByText("Administrators only")).toBeVisible();
  expect((await page.request.get(`/api/analytics/kpi?${QUERY}`)).status()).toBe(403);
});

test("a bad range in the URL is explained and the last 30 days are shown", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/analytics?startDate=2026-05-10&endDate=2026-05-01");
  await expect(page.getByRole("alert").filter({ hasText: "That range could not be used" })).toContainText("endDate: must not be before startDate");
  await expect(page.getByRole("button", { name: "Last 30 days" })).toHaveAttribute("aria-pressed", "true");
});

test("a signed-out visitor of a dashboard page is redirected to sign in by the HTTP answer, not after a streamed 200", async ({ request, page }) => {
  for (const path of ["/admin/analytics", "/admin/analytics/utilization", "/admin/analytics/capacity"]) {
    const res = await request.get(`${path}?${QUERY}`, { maxRedirects: 0 });
    expect(res.status(), path).toBe(307);
    expect(res.headers()["location"], path).toBe(`/login?next=${encodeURIComponent(`${path}?${QUERY}`)}`);
  }
  await page.goto(`/admin/analytics/ghosting?${QUERY}`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/analytics/ghosting\\?${QUERY}`));
});

test("the side navigation keeps the period and building", async ({ page }) => {
  await signIn(page);
  await page.goto(`/admin/analytics?${QUERY}`);
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Capacity" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/analytics/capacity\\?${QUERY}$`));
  await expect(page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Rooms" })).toHaveAttribute("href", "/admin/rooms");
});

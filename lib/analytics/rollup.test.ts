import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, selectRows } from "@/db/client";
import { bookings, type BookingStatus } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { createTestUser, resetDatabase } from "@/tests/helpers";
import { createTestBuilding, createTestRoom } from "@/tests/fixtures/rooms";
import * as q from "./queries";
import {
  compareRooms,
  effectiveRolledThrough,
  getCapacity,
  getDepartmentGhosting,
  getGhosting,
  getHeatmap,
  getKpis,
  getTrends,
  getUsageProfile,
  getUtilization,
  rollUpAnalytics,
} from "./service";

/*
 * The daily per-room rollup of migration 0008: every figure read from it equals the figure computed live from the
 * bookings, it is really read, and triggers keep it exact in the same transaction as each change that affects it.
 * Bookings sit 3–20 days before today (real time), so they are rolled up; `NOW` is the real clock.
 */
const NOW = new Date();
const day = (daysAgo: number) => DateTime.now().setZone("Europe/Berlin").minus({ days: daysAgo }).toFormat("yyyy-MM-dd");
const PERIOD = { startDate: day(25), endDate: day(-2) };

let admin: UserPrincipal;
let ana: string;
let bob: string;
let berlinId: string;
let spree: string;
let isar: string;
let hudson: string;

async function add(roomId: string, zone: string, organizerId: string, daysAgo: number, from: string, to: string,
  opts: { status: BookingStatus; checkedIn?: boolean; endedAt?: string; attendees?: number }) {
  const date = DateTime.now().setZone(zone).minus({ days: daysAgo }).toFormat("yyyy-MM-dd");
  const at = (hhmm: string) => DateTime.fromISO(`${date}T${hhmm}`, { zone }).toJSDate();
  const db = await getDb();
  const [row] = await db.insert(bookings).values({
    roomId,
    organizerId,
    title: "Meeting",
    startTime: at(from),
    endTime: to < from ? DateTime.fromJSDate(at(to)).plus({ days: 1 }).toJSDate() : at(to),
    status: opts.status,
    checkedInAt: opts.checkedIn ? at(from) : null,
    endedAt: opts.endedAt ? at(opts.endedAt) : null,
    attendeeCount: opts.attendees ?? 2,
  }).returning({ id: bookings.id });
  return row.id;
}

/** Every analytics figure for the period, as the API returns it. */
async function figures() {
  const [kpis, utilization, ghosting, capacity, heatmap, profile, departments, compare, ...trends] = await Promise.all([
    getKpis(admin, PERIOD, NOW),
    getUtilization(admin, PERIOD, NOW),
    getGhosting(admin, PERIOD, NOW),
    getCapacity(admin, PERIOD, NOW),
    getHeatmap(admin, PERIOD, NOW),
    getUsageProfile(admin, PERIOD, NOW),
    getDepartmentGhosting(admin, PERIOD, NOW),
    compareRooms(admin, { ...PERIOD, roomIds: [hudson, spree] }, NOW),
    ...(["utilization", "booked", "ghosting", "bookings"] as const).map((metric) => getTrends(admin, { ...PERIOD, metric }, NOW)),
  ]);
  const building = await getUtilization(admin, { ...PERIOD, building: berlinId }, NOW);
  return { kpis, utilization, ghosting, capacity, heatmap, profile, departments, compare, trends, building };
}

/** The same figures computed live: the watermark cleared for the call, then put back. */
async function liveFigures() {
  const db = await getDb();
  const [state] = await selectRows<{ r: string }>(db, sql`select rolled_through::text as r from analytics_rollup_state`);
  await db.execute(sql`update analytics_rollup_state set rolled_through = null`);
  try {
    return await figures();
  } finally {
    await db.execute(sql`update analytics_rollup_state set rolled_through = ${state.r}::date`);
  }
}

async function expectRollupExact() {
  const live = await liveFigures();
  expect(await figures()).toEqual(live);
  return live;
}

beforeAll(async () => {
  await resetDatabase();
  const db = await getDb();
  admin = { kind: "user", userId: (await createTestUser({ role: "admin" })).id, role: "admin", via: "token" };
  ana = (await createTestUser({ name: "Ana", department: "Sales" })).id;
  bob = (await createTestUser({ name: "Bob", department: null })).id;
  const berlin = await createTestBuilding({ name: "Berlin", timezone: "Europe/Berlin" });
  const la = await createTestBuilding({ name: "Los Angeles", timezone: "America/Los_Angeles" });
  berlinId = berlin.id;
  spree = (await createTestRoom({ buildingId: berlin.id, name: "Spree", capacity: 10 })).id;
  isar = (await createTestRoom({ buildingId: berlin.id, name: "Isar", capacity: 4 })).id;
  hudson = (await createTestRoom({ buildingId: la.id, name: "Hudson", capacity: 6 })).id;
  await db.execute(sql`update org_settings set business_days = '{1,2,3,4,5,6,7}'::int[]`);
  const B = "Europe/Berlin";
  const L = "America/Los_Angeles";
  for (const daysAgo of [3, 4, 5, 8, 12, 20]) {
    await add(spree, B, ana, daysAgo, "09:00", "10:30", { status: "completed", checkedIn: true, attendees: 3 });
    await add(spree, B, bob, daysAgo, "14:00", "15:00", { status: "no_show", endedAt: "14:15" });
    await add(isar, B, ana, daysAgo, "11:00", "12:00", { status: "completed", checkedIn: true, endedAt: "11:40", attendees: 6 });
    await add(hudson, L, bob, daysAgo, "16:30", "09:30", { status: "completed", checkedIn: true, attendees: 2 });
    await add(hudson, L, ana, daysAgo, "12:00", "13:00", { status: "cancelled" });
  }
  // Today and ahead: always computed live.
  await add(spree, B, ana, 0, "00:30", "01:00", { status: "completed", checkedIn: true });
  await add(isar, B, ana, -1, "09:00", "10:00", { status: "confirmed" });
  expect(await rollUpAnalytics(NOW)).toBe("rebuilt");
});

describe("the analytics rollup (migration 0008)", () => {
  it("covers the past up to two days before today in UTC−12, and the figures read from it equal the live ones", async () => {
    const db = await getDb();
    const state = await q.selectRollupState(db);
    const expected = DateTime.fromJSDate(NOW, { zone: "Etc/GMT+12" }).minus({ days: 2 }).toFormat("yyyy-MM-dd");
    expect(state?.rolled_through).toBe(expected);
    expect(effectiveRolledThrough(state, { businessDays: [1, 2, 3, 4, 5, 6, 7], businessStart: "08:00", businessEnd: "18:00" }, NOW)).toBe(expected);
    const [{ n }] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from analytics_room_days`);
    expect(n).toBeGreaterThanOrEqual(18);
    const live = await expectRollupExact();
    expect(live.kpis.find((k) => k.label === "Total Bookings")?.value).toBe(6 * 4 + 2);
    expect(await rollUpAnalytics(NOW)).toBe("current");
  });

  it("is really what the figures read: a changed rollup row changes them", async () => {
    const db = await getDb();
    const before = (await getUtilization(admin, PERIOD, NOW)).find((r) => r.roomId === isar)!;
    await db.execute(sql`update analytics_room_days set used_s = used_s + 3600 where room_id = ${isar} and start_day = ${day(8)}::date and day = start_day`);
    const after = (await getUtilization(admin, PERIOD, NOW)).find((r) => r.roomId === isar)!;
    expect(after.totalHoursUsed).toBeCloseTo(before.totalHoursUsed + 1, 5);
    await db.execute(sql`select analytics_refresh(array[${isar}]::uuid[], '-infinity', 'infinity')`);
    expect((await getUtilization(admin, PERIOD, NOW)).find((r) => r.roomId === isar)).toEqual(before);
  });

  it("stays exact after each change to a rolled-up booking, in the same transaction", async () => {
    const db = await getDb();
    const [noShow] = await selectRows<{ id: string }>(db, sql`select id from bookings where room_id = ${spree} and status = 'no_show' order by start_time limit 1`);
    const [used] = await selectRows<{ id: string }>(db, sql`select id from bookings where room_id = ${isar} order by start_time limit 1`);
    const [overnight] = await selectRows<{ id: string }>(db, sql`select id from bookings where room_id = ${hudson} and status = 'completed' order by start_time desc limit 1`);
    const changes = [
      // a no-show corrected into a checked-in, completed meeting
      sql`update bookings set status = 'completed', checked_in_at = start_time, ended_at = null, attendee_count = 9 where id = ${noShow.id}`,
      // ended earlier than recorded
      sql`update bookings set ended_at = start_time + interval '5 minutes' where id = ${used.id}`,
      // moved to another room and two days later
      sql`update bookings set room_id = ${spree}, start_time = start_time + interval '2 days', end_time = end_time + interval '2 days' where id = ${overnight.id}`,
      // cancelled
      sql`update bookings set status = 'cancelled' where id = ${used.id}`,
      // a booking recorded after the fact, and one deleted
      sql`insert into bookings (room_id, organizer_id, title, start_time, end_time, status, checked_in_at, attendee_count)
          select ${isar}, ${bob}, 'Late entry', now() - interval '6 days', now() - interval '6 days' + interval '2 hours', 'completed', now() - interval '6 days', 5`,
      sql`delete from bookings where id = (select id from bookings where room_id = ${hudson} and status = 'cancelled' order by start_time limit 1)`,
    ];
    for (const change of changes) {
      await db.transaction(async (tx) => {
        await tx.execute(change);
      });
      await expectRollupExact();
    }
  });

  it("follows a room's seats and building, a building's time zone and a person's department", async () => {
    const db = await getDb();
    const la = await selectRows<{ id: string }>(db, sql`select id from buildings where name = 'Los Angeles'`);
    for (const change of [
      sql`update rooms set capacity = 2 where id = ${spree}`,
      sql`update rooms set building_id = ${la[0].id} where id = ${isar}`,
      sql`update buildings set timezone = 'Asia/Tokyo' where name = 'Los Angeles'`,
      sql`update users set department = 'Sales' where id = ${bob}`,
      sql`update users set department = null where id = ${bob}`,
      sql`update users set department = 'Engineering' where id = ${bob}`,
    ]) {
      await db.execute(change);
      await expectRollupExact();
    }
    const departments = await getDepartmentGhosting(admin, PERIOD, NOW);
    expect(departments.map((d) => d.department)).toEqual(["Engineering", "Sales"]);
  });

  it("is ignored as soon as the business calendar changes, and rebuilt by the next roll-up", async () => {
    const db = await getDb();
    await db.execute(sql`update org_settings set business_start = '08:30', business_end = '17:15'`);
    const live = await liveFigures();
    expect(await figures()).toEqual(live);
    expect(live.heatmap.filter((c) => c.day === "Monday").map((c) => c.hour)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(await rollUpAnalytics(NOW)).toBe("rebuilt");
    expect((await q.selectRollupState(db))?.business_start).toBe("08:30");
    await expectRollupExact();
  });

  it("serves a query whose `now` is before the watermark from the live computation for the later dates", async () => {
    const earlier = DateTime.fromJSDate(NOW).minus({ days: 6 }).toJSDate();
    const state = await q.selectRollupState(await getDb());
    const bound = effectiveRolledThrough(state, { businessDays: [1, 2, 3, 4, 5, 6, 7], businessStart: "08:30", businessEnd: "17:15" }, earlier);
    expect(bound).toBe(DateTime.fromJSDate(earlier, { zone: "Etc/GMT+12" }).minus({ days: 2 }).toFormat("yyyy-MM-dd"));
    const rolled = await getKpis(admin, PERIOD, earlier);
    const db = await getDb();
    await db.execute(sql`update analytics_rollup_state set rolled_through = null`);
    const live = await getKpis(admin, PERIOD, earlier);
    await rollUpAnalytics(NOW);
    expect(rolled).toEqual(live);
  });

  it("lets two transactions change bookings of the same room and date at once", async () => {
    const db = await getDb();
    const ids = await selectRows<{ id: string }>(db, sql`select id from bookings where room_id = ${spree} and start_time < now() - interval '2 days' order by start_time limit 2`);
    await Promise.all(
      ids.map(({ id }, i) =>
        db.transaction(async (tx) => {
          await tx.execute(sql`update bookings set attendee_count = ${7 + i} where id = ${id}`);
          await tx.execute(sql`select pg_sleep(0.05)`);
        }),
      ),
    );
    await expectRollupExact();
  });
});

import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { bookings, type BookingStatus } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { createTestUser, resetDatabase, setAnalyticsRollup } from "@/tests/helpers";
import { createTestBuilding, createTestRoom } from "@/tests/fixtures/rooms";
import {
  businessHours,
  getCapacity,
  getDepartmentGhosting,
  getGhosting,
  getHeatmap,
  getKpis,
  getTrends,
  getUtilization,
  round1,
  WEEKDAYS,
} from "./service";

/*
 * The SQL against a plain TypeScript reading of DOMAIN §4 (loops over bookings and business windows with luxon), over
 * a few hundred random bookings in three zones (Los Angeles, Berlin, Kolkata's half-hour offset), across the European
 * and American spring DST changes, with odd business hours (08:30–17:45, Mon–Thu and Saturday) and `now` inside the
 * period. A deterministic generator keeps failures reproducible (SEED).
 */
const SEED = 20260329;
const PERIOD = { startDate: "2026-03-02", endDate: "2026-04-05" };
const NOW = new Date("2026-03-30T14:07:00Z");
const BUSINESS = { days: [1, 2, 3, 4, 6], start: "08:30", end: "17:45" };
const MIN = 60_000;

interface Room {
  id: string;
  name: string;
  zone: string;
  capacity: number;
}
interface B {
  roomId: string;
  organizer: number;
  start: number;
  end: number;
  status: BookingStatus;
  checkedIn: boolean;
  endedAt: number | null;
  attendees: number;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const rooms: Room[] = [];
const list: B[] = [];
const departments = ["Sales", null, "Engineering"];
const organizers: string[] = [];
let admin: UserPrincipal;

beforeAll(async () => {
  await resetDatabase();
  const db = await getDb();
  await db.execute(
    sql`update org_settings set business_days = ${`{${BUSINESS.days.join(",")}}`}::int[], business_start = ${BUSINESS.start}, business_end = ${BUSINESS.end}`,
  );
  const a = await createTestUser({ role: "admin" });
  admin = { kind: "user", userId: a.id, role: "admin", via: "token" };
  for (const department of departments) organizers.push((await createTestUser({ department })).id);
  const zones = ["America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata"];
  for (const zone of zones) {
    const building = await createTestBuilding({ name: zone, timezone: zone });
    for (const capacity of [4, 12]) {
      const room = await createTestRoom({ buildingId: building.id, name: `${zone.split("/")[1]} ${capacity}`, capacity });
      rooms.push({ id: room.id, name: room.name, zone, capacity });
    }
  }
  const rand = rng(SEED);
  const first = Date.parse("2026-02-28T00:00:00Z");
  const last = Date.parse("2026-04-08T00:00:00Z");
  for (const room of rooms) {
    // Back to back with random gaps, so active bookings never overlap (the exclusion constraint).
    let t = first + Math.floor(rand() * 600) * MIN;
    while (t < last) {
      const start = t + Math.floor(rand() * 96) * 15 * MIN;
      const end = start + (15 + Math.floor(rand() * 40) * 15) * MIN;
      t = end;
      const r = rand();
      let b: Omit<B, "roomId" | "organizer" | "attendees" | "start" | "end">;
      if (r < 0.1) b = { status: "cancelled", checkedIn: false, endedAt: null };
      else if (start > NOW.getTime()) b = { status: "confirmed", checkedIn: false, endedAt: null };
      else if (r < 0.3) b = { status: "no_show", checkedIn: false, endedAt: Math.min(start + 15 * MIN, end) };
      else if (end > NOW.getTime()) b = { status: "confirmed", checkedIn: rand() < 0.7, endedAt: null };
      else if (r < 0.55) b = { status: "completed", checkedIn: true, endedAt: start + Math.floor(((end - start) / MIN) * rand()) * MIN + MIN };
      else b = { status: "completed", checkedIn: true, endedAt: null };
      list.push({ ...b, roomId: room.id, organizer: Math.floor(rand() * 3), start, end, attendees: 1 + Math.floor(rand() * 15) });
    }
  }
  const rows = list.map((b) => ({
    roomId: b.roomId,
    organizerId: organizers[b.organizer],
    title: "Random",
    startTime: new Date(b.start),
    endTime: new Date(b.end),
    status: b.status,
    checkedInAt: b.checkedIn ? new Date(b.start) : null,
    endedAt: b.endedAt === null ? null : new Date(b.endedAt),
    attendeeCount: b.attendees,
  }));
  for (let i = 0; i < rows.length; i += 200) await db.insert(bookings).values(rows.slice(i, i + 200));
});

// ── the reference: DOMAIN §4 as plain loops ─────────────────────────────────

function dates(startDate: string, endDate: string): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(startDate); d.toFormat("yyyy-MM-dd") <= endDate; d = d.plus({ days: 1 })) out.push(d.toFormat("yyyy-MM-dd"));
  return out;
}

const overlapMs = (a: number, b: number, c: number, d: number) => Math.max(0, Math.min(b, d) - Math.max(a, c));

/** Business windows of one zone: per date of P, [start, min(end, now)) when it has begun. */
function windows(zone: string, startDate: string, endDate: string, now: number) {
  return dates(startDate, endDate)
    .filter((d) => BUSINESS.days.includes(DateTime.fromISO(d, { zone }).weekday))
    .map((d) => ({
      date: d,
      weekday: DateTime.fromISO(d, { zone }).weekday,
      ws: DateTime.fromISO(`${d}T${BUSINESS.start}`, { zone }).toMillis(),
      we: Math.min(DateTime.fromISO(`${d}T${BUSINESS.end}`, { zone }).toMillis(), now),
    }))
    .filter((w) => w.ws < w.we);
}

function hourSlots(zone: string, w: { date: string; ws: number; we: number }) {
  return businessHours(BUSINESS.start, BUSINESS.end)
    .map((hour) => {
      const h0 = DateTime.fromISO(`${w.date}T${String(hour).padStart(2, "0")}:00`, { zone });
      return { hour, ss: Math.max(w.ws, h0.toMillis()), se: Math.min(w.we, h0.plus({ hours: 1 }).toMillis()) };
    })
    .filter((s) => s.ss < s.se);
}

/** The reference figures, worked out once per period and reused by both runs (live and from the rollup). */
const referenceCache = new Map<string, ReturnType<typeof computeReference>>();
function reference(startDate: string, endDate: string, now: number) {
  const key = `${startDate} ${endDate} ${now}`;
  if (!referenceCache.has(key)) referenceCache.set(key, computeReference(startDate, endDate, now));
  return referenceCache.get(key)!;
}

function computeReference(startDate: string, endDate: string, now: number) {
  const perRoom = rooms.map((room) => {
    const wins = windows(room.zone, startDate, endDate, now);
    const pStart = DateTime.fromISO(startDate, { zone: room.zone }).toMillis();
    const pEnd = DateTime.fromISO(endDate, { zone: room.zone }).plus({ days: 1 }).toMillis();
    const B = list.filter((b) => b.roomId === room.id && b.status !== "cancelled" && b.start >= pStart && b.start < pEnd);
    const R = B.filter((b) => b.checkedIn || b.status === "completed" || b.status === "no_show");
    const A = wins.reduce((s, w) => s + (w.we - w.ws), 0);
    let booked = 0;
    let used = 0;
    const usedByHour = new Map<number, number>();
    for (const b of B) {
      for (const w of wins) {
        booked += overlapMs(b.start, b.end, w.ws, w.we);
        if (b.checkedIn) {
          used += overlapMs(b.start, b.endedAt ?? b.end, w.ws, w.we);
          for (const s of hourSlots(room.zone, w)) {
            usedByHour.set(s.hour, (usedByHour.get(s.hour) ?? 0) + overlapMs(b.start, b.endedAt ?? b.end, s.ss, s.se));
          }
        }
      }
    }
    const noShows = R.filter((b) => b.status === "no_show");
    const checked = R.filter((b) => b.checkedIn);
    const peakHours = [...usedByHour]
      .filter(([, v]) => v > 0)
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, 3)
      .map(([h]) => `${String(h).padStart(2, "0")}:00`);
    return { room, wins, B, R, A, booked, used, noShows, checked, peakHours };
  });
  return perRoom;
}

const pct = (a: number, b: number) => (b > 0 ? round1((a / b) * 100) : 0);

describe.each(["computed live", "read from the rollup"])("SQL equals the TypeScript reading of DOMAIN §4 on random bookings, %s", (mode) => {
  beforeAll(() => setAnalyticsRollup(mode === "read from the rollup"));

  it("generated a few hundred bookings, some with business minutes on a later local day than their start", () => {
    expect(list.length).toBeGreaterThan(300);
    const ref = reference(PERIOD.startDate, PERIOD.endDate, NOW.getTime());
    const spill = ref.flatMap((r) =>
      r.B.filter((b) => {
        const startDay = DateTime.fromMillis(b.start, { zone: r.room.zone }).toFormat("yyyy-MM-dd");
        return r.wins.some((w) => w.date > startDay && overlapMs(b.start, b.end, w.ws, w.we) > 0);
      }),
    );
    expect(spill.length).toBeGreaterThan(0);
  });

  it("utilization, ghosting and capacity per room", async () => {
    const ref = reference(PERIOD.startDate, PERIOD.endDate, NOW.getTime());
    const byName = <T extends { roomName: string }>(xs: T[]) => [...xs].sort((a, b) => a.roomName.localeCompare(b.roomName));
    const expectedUtil = ref.map((r) => ({
      roomName: r.room.name,
      utilizationRate: pct(r.used, r.A),
      bookedRate: pct(r.booked, r.A),
      totalBookings: r.B.length,
      totalHoursBooked: round1(r.booked / 3_600_000),
      totalHoursUsed: round1(r.used / 3_600_000),
      peakHours: r.peakHours,
    }));
    const util = (await getUtilization(admin, PERIOD, NOW)).map(({ roomName, utilizationRate, bookedRate, totalBookings, totalHoursBooked, totalHoursUsed, peakHours }) => ({ roomName, utilizationRate, bookedRate, totalBookings, totalHoursBooked, totalHoursUsed, peakHours }));
    expect(byName(util)).toEqual(byName(expectedUtil));
    expect(expectedUtil.every((r) => r.totalBookings > 10 && r.utilizationRate > 0)).toBe(true);

    const ghost = (await getGhosting(admin, PERIOD, NOW)).map(({ roomName, ghostingRate, totalNoShows, totalBookings, averageWastedMinutes }) => ({ roomName, ghostingRate, totalNoShows, totalBookings, averageWastedMinutes }));
    expect(byName(ghost)).toEqual(
      byName(ref.map((r) => ({
        roomName: r.room.name,
        ghostingRate: pct(r.noShows.length, r.R.length),
        totalNoShows: r.noShows.length,
        totalBookings: r.R.length,
        averageWastedMinutes: r.noShows.length ? round1(r.noShows.reduce((s, b) => s + (b.end - b.start) / MIN, 0) / r.noShows.length) : 0,
      }))),
    );

    const cap = (await getCapacity(admin, PERIOD, NOW)).map(({ roomName, roomCapacity, averageAttendees, capacityUtilization, oversizedBookings, undersizedBookings, rightSizedBookings }) => ({ roomName, roomCapacity, averageAttendees, capacityUtilization, oversizedBookings, undersizedBookings, rightSizedBookings }));
    expect(byName(cap)).toEqual(
      byName(ref.map((r) => {
        const n = r.checked.length;
        const over = r.checked.filter((b) => b.attendees < r.room.capacity / 2).length;
        const under = r.checked.filter((b) => b.attendees > r.room.capacity).length;
        return {
          roomName: r.room.name,
          roomCapacity: r.room.capacity,
          averageAttendees: n ? round1(r.checked.reduce((s, b) => s + b.attendees, 0) / n) : 0,
          capacityUtilization: n ? round1((r.checked.reduce((s, b) => s + b.attendees / r.room.capacity, 0) / n) * 100) : 0,
          oversizedBookings: over,
          undersizedBookings: under,
          rightSizedBookings: n - over - under,
        };
      })),
    );
  });

  it("KPIs, including the change against the previous period", async () => {
    const totals = (startDate: string, endDate: string) => {
      const ref = reference(startDate, endDate, NOW.getTime());
      const sum = (f: (r: (typeof ref)[number]) => number) => ref.reduce((s, r) => s + f(r), 0);
      const A = sum((r) => r.A);
      return {
        util: A ? (sum((r) => r.used) / A) * 100 : 0,
        ghost: sum((r) => r.R.length) ? (sum((r) => r.noShows.length) / sum((r) => r.R.length)) * 100 : 0,
        count: sum((r) => r.B.length),
        booked: A ? (sum((r) => r.booked) / A) * 100 : 0,
        wasted: sum((r) => r.noShows.reduce((s, b) => s + (b.end - b.start), 0)) / 3_600_000,
        recovered: sum((r) => r.B.filter((b) => b.endedAt !== null).reduce((s, b) => s + (b.end - b.endedAt!), 0)) / 3_600_000,
      };
    };
    const cur = totals(PERIOD.startDate, PERIOD.endDate);
    const prev = totals("2026-01-26", "2026-03-01");
    const change = (c: number, p: number) => (p === 0 ? null : round1(((c - p) / p) * 100));
    const kpis = await getKpis(admin, PERIOD, NOW);
    expect(kpis.map((k) => [k.label, k.value, k.change])).toEqual([
      ["Total Rooms", 6, null],
      ["Avg Utilization", round1(cur.util), change(cur.util, prev.util)],
      ["Ghosting Rate", round1(cur.ghost), change(cur.ghost, prev.ghost)],
      ["Total Bookings", cur.count, change(cur.count, prev.count)],
      ["Booked Utilization", round1(cur.booked), change(cur.booked, prev.booked)],
      ["Wasted Hours", round1(cur.wasted), change(cur.wasted, prev.wasted)],
      ["Recovered Hours", round1(cur.recovered), change(cur.recovered, prev.recovered)],
    ]);
    // The generated history starts on 2026-02-28, so the previous period has some bookings and real changes.
    expect(kpis[3].change).not.toBeNull();
  });

  it("heatmap and the four trends", async () => {
    const ref = reference(PERIOD.startDate, PERIOD.endDate, NOW.getTime());
    const used = new Map<string, number>();
    const avail = new Map<string, number>();
    const day = new Map<string, { a: number; u: number; b: number; n: number; r: number; ns: number }>();
    const dayOf = (d: string) => day.get(d) ?? (day.set(d, { a: 0, u: 0, b: 0, n: 0, r: 0, ns: 0 }), day.get(d)!);
    for (const r of ref) {
      for (const w of r.wins) {
        dayOf(w.date).a += w.we - w.ws;
        for (const s of hourSlots(r.room.zone, w)) avail.set(`${w.weekday}:${s.hour}`, (avail.get(`${w.weekday}:${s.hour}`) ?? 0) + s.se - s.ss);
        for (const b of r.B) {
          dayOf(w.date).b += overlapMs(b.start, b.end, w.ws, w.we);
          if (!b.checkedIn) continue;
          dayOf(w.date).u += overlapMs(b.start, b.endedAt ?? b.end, w.ws, w.we);
          for (const s of hourSlots(r.room.zone, w)) {
            used.set(`${w.weekday}:${s.hour}`, (used.get(`${w.weekday}:${s.hour}`) ?? 0) + overlapMs(b.start, b.endedAt ?? b.end, s.ss, s.se));
          }
        }
      }
      for (const b of r.B) {
        const d = dayOf(DateTime.fromMillis(b.start, { zone: r.room.zone }).toFormat("yyyy-MM-dd"));
        d.n += 1;
        if (b.checkedIn || b.status === "completed" || b.status === "no_show") d.r += 1;
        if (b.status === "no_show") d.ns += 1;
      }
    }
    const expectedHeatmap = BUSINESS.days.flatMap((dow) =>
      businessHours(BUSINESS.start, BUSINESS.end).map((hour) => ({
        day: WEEKDAYS[dow],
        hour,
        value: pct(used.get(`${dow}:${hour}`) ?? 0, avail.get(`${dow}:${hour}`) ?? 0),
      })),
    );
    expect(await getHeatmap(admin, PERIOD, NOW)).toEqual(expectedHeatmap);

    const all = dates(PERIOD.startDate, PERIOD.endDate);
    const trend = async (metric: "utilization" | "booked" | "ghosting" | "bookings") => getTrends(admin, { ...PERIOD, metric }, NOW);
    const d = (x: string) => day.get(x) ?? { a: 0, u: 0, b: 0, n: 0, r: 0, ns: 0 };
    expect(await trend("utilization")).toEqual(all.map((x) => ({ date: x, value: d(x).a > 0 ? pct(d(x).u, d(x).a) : null })));
    expect(await trend("booked")).toEqual(all.map((x) => ({ date: x, value: d(x).a > 0 ? pct(d(x).b, d(x).a) : null })));
    expect(await trend("ghosting")).toEqual(all.map((x) => ({ date: x, value: d(x).r > 0 ? pct(d(x).ns, d(x).r) : null })));
    expect(await trend("bookings")).toEqual(all.map((x) => ({ date: x, value: d(x).n })));
  });

  it("departments", async () => {
    const ref = reference(PERIOD.startDate, PERIOD.endDate, NOW.getTime());
    const R = ref.flatMap((r) => r.R);
    const expected = departments
      .map((dep, i) => ({ dep: dep ?? "Unknown", rs: R.filter((b) => b.organizer === i) }))
      .filter((x) => x.rs.length > 0)
      .map((x) => ({
        department: x.dep,
        ghostingRate: pct(x.rs.filter((b) => b.status === "no_show").length, x.rs.length),
        totalNoShows: x.rs.filter((b) => b.status === "no_show").length,
        totalBookings: x.rs.length,
      }))
      .sort((a, b) => (a.department < b.department ? -1 : 1));
    expect(await getDepartmentGhosting(admin, PERIOD, NOW)).toEqual(expected);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { onQuery } from "@/db/client";
import type { UserPrincipal } from "@/lib/auth/principal";
import { updateSettings } from "@/lib/settings/service";
import { insertBooking } from "@/tests/fixtures/bookings";
import { createTestBuilding, createTestRoom } from "@/tests/fixtures/rooms";
import { createTestUser, resetDatabase } from "@/tests/helpers";
import { nearestFreeSlots, nextFreeTimes, similarFreeRooms } from "./service";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeEach(resetDatabase);

async function member(): Promise<UserPrincipal> {
  const user = await createTestUser();
  return { kind: "user", userId: user.id, role: "user", via: "session" };
}

/** Counts the statements `work` sends to the database. */
async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const stop = onQuery((q) => queries.push(q));
  try {
    return { result: await work(), queries };
  } finally {
    stop();
  }
}

/** An instant on a whole hour at least `hoursAhead` hours from now. */
function wholeHourAhead(hoursAhead: number): Date {
  return new Date(Math.ceil(Date.now() / HOUR) * HOUR + hoursAhead * HOUR);
}

describe("nearestFreeSlots (conflict help: the same room, the same length)", () => {
  it("offers the free intervals of the same length nearest to the requested start, never overlapping a booking", async () => {
    const principal = await member();
    // Open around the clock, every day, so that the test does not depend on when it runs.
    await updateSettings({ businessDays: [1, 2, 3, 4, 5, 6, 7], businessStart: "00:00", businessEnd: "23:59" });
    const room = await createTestRoom({ timezone: "UTC" });
    const start = wholeHourAhead(30);
    // The fixture counts minutes from the current whole minute.
    const minutesAhead = (start.getTime() - Math.floor(Date.now() / MINUTE) * MINUTE) / MINUTE;
    // Booked 10:00–11:00 and 11:00–11:30 (relative); the request is 10:00–11:00.
    const first = await insertBooking({ roomId: room.id, organizerId: principal.userId, startInMinutes: Math.round(minutesAhead), durationMinutes: 60 });
    await insertBooking({ roomId: room.id, organizerId: principal.userId, startInMinutes: Math.round(minutesAhead) + 60, durationMinutes: 30 });
    const s = first.startTime.getTime();

    const slots = await nearestFreeSlots(principal, room.id, new Date(s), new Date(s + HOUR), { limit: 4 });
    const at = (offsetMinutes: number) => ({
      startTime: new Date(s + offsetMinutes * MINUTE).toISOString(),
      endTime: new Date(s + (offsetMinutes + 60) * MINUTE).toISOString(),
    });
    expect(slots).toEqual([
      // One hour earlier ends exactly when the booking starts (half-open intervals); 45 and 75 minutes later
      // overlap the bookings, so the next free start after them is 90 minutes later, tied with 90 minutes
      // earlier (the earlier one first).
      at(-60),
      at(-75),
      at(-90),
      at(90),
    ]);
  });

  it("keeps to business hours and days and never offers the past", async () => {
    const principal = await member();
    await updateSettings({ businessDays: [1, 2, 3, 4, 5], businessStart: "09:00", businessEnd: "17:00" });
    const room = await createTestRoom({ timezone: "America/Los_Angeles" });
    const requested = wholeHourAhead(48);
    const slots = await nearestFreeSlots(principal, room.id, requested, new Date(requested.getTime() + 2 * HOUR), { limit: 20 });
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      const start = new Date(slot.startTime);
      const end = new Date(slot.endTime);
      expect(end.getTime() - start.getTime()).toBe(2 * HOUR);
      expect(start.getTime()).toBeGreaterThan(Date.now());
      const local = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: "America/Los_Angeles", hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short" }).format(d);
      const [day, time] = local(start).split(" ");
      expect(["Mon", "Tue", "Wed", "Thu", "Fri"]).toContain(day);
      expect(time >= "09:00").toBe(true);
      expect(local(end).split(" ")[1] <= "17:00").toBe(true);
    }
  });

  it("offers nothing in a room in maintenance", async () => {
    const principal = await member();
    const room = await createTestRoom({ maintenance: true });
    const start = wholeHourAhead(24);
    expect(await nearestFreeSlots(principal, room.id, start, new Date(start.getTime() + HOUR))).toEqual([]);
  });
});

describe("similarFreeRooms (conflict help: other rooms at that time)", () => {
  it("lists rooms free at that time with a similar capacity, same building first, closest capacity next", async () => {
    const principal = await member();
    const here = await createTestBuilding({ name: "Here" });
    const there = await createTestBuilding({ name: "There" });
    const wanted = await createTestRoom({ buildingId: here.id, name: "Wanted", capacity: 6, floor: 1 });
    const six = await createTestRoom({ buildingId: here.id, name: "Six", capacity: 6, floor: 2 });
    const eight = await createTestRoom({ buildingId: here.id, name: "Eight", capacity: 8, floor: 1 });
    await createTestRoom({ buildingId: here.id, name: "Tiny", capacity: 2 }); // too small
    await createTestRoom({ buildingId: here.id, name: "Hall", capacity: 40 }); // far too big
    await createTestRoom({ buildingId: here.id, name: "Closed", capacity: 6, maintenance: true });
    const busy = await createTestRoom({ buildingId: here.id, name: "Busy", capacity: 6 });
    const elsewhere = await createTestRoom({ buildingId: there.id, name: "Elsewhere", capacity: 6 });
    const booking = await insertBooking({ roomId: busy.id, organizerId: principal.userId, startInMinutes: 24 * 60, durationMinutes: 60 });
    // Overlapping only the first minutes still makes a room busy; one ending at the start does not.
    await insertBooking({ roomId: eight.id, organizerId: principal.userId, startInMinutes: 23 * 60, durationMinutes: 60 });

    const { result, queries } = await countQueries(() =>
      similarFreeRooms(principal, wanted.id, booking.startTime, booking.endTime, { attendees: 4 }),
    );
    expect(result.map((r) => r.name)).toEqual(["Six", "Eight", "Elsewhere"]);
    expect(result[0]).toMatchObject({ id: six.id, building: "Here", capacity: 6, floor: 2 });
    expect(result.map((r) => r.id)).toContain(elsewhere.id);
    // The room itself, then one statement for every candidate room.
    expect(queries).toHaveLength(2);
  });

  it("asks for at least as many seats as attendees", async () => {
    const principal = await member();
    const building = await createTestBuilding();
    const wanted = await createTestRoom({ buildingId: building.id, capacity: 6 });
    await createTestRoom({ buildingId: building.id, name: "Four", capacity: 4 });
    await createTestRoom({ buildingId: building.id, name: "Ten", capacity: 10 });
    const start = wholeHourAhead(5);
    const rooms = await similarFreeRooms(principal, wanted.id, start, new Date(start.getTime() + HOUR), { attendees: 5 });
    expect(rooms.map((r) => r.name)).toEqual(["Ten"]);
  });
});

describe("nextFreeTimes (rooms list)", () => {
  it("chains back-to-back bookings and names the next booking after the free time, in one query for all rooms", async () => {
    const principal = await member();
    const building = await createTestBuilding();
    const free = await createTestRoom({ buildingId: building.id, name: "Free" });
    const busy = await createTestRoom({ buildingId: building.id, name: "Busy" });
    const later = await createTestRoom({ buildingId: building.id, name: "Later" });
    await insertBooking({ roomId: busy.id, organizerId: principal.userId, startInMinutes: -10, durationMinutes: 30, checkedIn: true });
    const second = await insertBooking({ roomId: busy.id, organizerId: principal.userId, startInMinutes: 20, durationMinutes: 30 });
    const third = await insertBooking({ roomId: busy.id, organizerId: principal.userId, startInMinutes: 120, durationMinutes: 30 });
    const next = await insertBooking({ roomId: later.id, organizerId: principal.userId, startInMinutes: 90, durationMinutes: 30 });
    const now = new Date();

    const { result, queries } = await countQueries(() => nextFreeTimes(principal, [free.id, busy.id, later.id], now));
    expect(queries).toHaveLength(1);
    expect(result[free.id]).toEqual({ freeFrom: now.toISOString(), freeUntil: null });
    expect(result[busy.id]).toEqual({ freeFrom: second.endTime.toISOString(), freeUntil: third.startTime.toISOString() });
    expect(result[later.id]).toEqual({ freeFrom: now.toISOString(), freeUntil: next.startTime.toISOString() });
  });

  it("does not count a no-show past its auto-release as holding the room", async () => {
    const principal = await member();
    const room = await createTestRoom();
    await insertBooking({ roomId: room.id, organizerId: principal.userId, startInMinutes: -20, durationMinutes: 60 });
    const now = new Date();
    expect((await nextFreeTimes(principal, [room.id], now))[room.id].freeFrom).toBe(now.toISOString());
  });
});

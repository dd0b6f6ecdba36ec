import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { bookings, type BookingStatus } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { createTestUser, resetDatabase, setAnalyticsRollup } from "@/tests/helpers";
import { createTestBuilding, createTestRoom } from "@/tests/fixtures/rooms";
import { getCapacityInsights } from "./service";

/*
 * The capacity page's scatter and right-sizing advice (UI.md), worked out by hand. Rooms of 4, 10 and 12 seats.
 * "Atrium" (12 seats), 8 checked-in meetings with 2, 2, 3, 3, 4, 5, 6, 11 people (and a no-show of 12, not counted):
 *   median = percentile_cont(0.5) at position 3.5 of the sorted list = (3 + 4) / 2 = 3.5 ≤ 12 / 2;
 *   80th percentile = percentile_disc(0.8) = first value whose cumulative share ≥ 0.8: 6 of 8 = 0.75 at 5,
 *   7 of 8 = 0.875 at 6 → 6; the smallest existing room of fewer seats that holds it: 10;
 *   share that fits 10 seats: 7 of 8 = 87.5 %; more people than seats: 0 of 8.
 * "Box" (4 seats), 5 meetings with 3, 5, 5, 6, 2 people: median 5 > 2, so no smaller room; 3 of 5 = 60 % had more
 *   people than seats (> 20 %): move them to a larger room.
 * "Mid" (10 seats), 2 meetings: fewer than 5, no advice.
 */
const NOW = new Date("2026-03-20T12:00:00Z");
const PERIOD = { startDate: "2026-03-02", endDate: "2026-03-15" };
let admin: UserPrincipal;

beforeAll(async () => {
  await resetDatabase();
  admin = { kind: "user", userId: (await createTestUser({ role: "admin" })).id, role: "admin", via: "token" };
  const organizer = (await createTestUser()).id;
  const building = await createTestBuilding({ name: "HQ", timezone: "Europe/Berlin" });
  const db = await getDb();
  const meetings = async (name: string, capacity: number, people: number[], noShow?: number) => {
    const room = await createTestRoom({ buildingId: building.id, name, capacity });
    const rows = people.map((attendeeCount, i) => {
      const start = DateTime.fromISO(`2026-03-${String(2 + i).padStart(2, "0")}T10:00`, { zone: "Europe/Berlin" });
      return {
        roomId: room.id, organizerId: organizer, title: "Meeting", startTime: start.toJSDate(),
        endTime: start.plus({ hours: 1 }).toJSDate(), status: "completed" as BookingStatus, checkedInAt: start.toJSDate() as Date | null, attendeeCount,
      };
    });
    if (noShow !== undefined) {
      const start = DateTime.fromISO("2026-03-12T15:00", { zone: "Europe/Berlin" });
      rows.push({ ...rows[0], startTime: start.toJSDate(), endTime: start.plus({ hours: 1 }).toJSDate(), status: "no_show", checkedInAt: null, attendeeCount: noShow });
    }
    await db.insert(bookings).values(rows);
  };
  await meetings("Atrium", 12, [2, 2, 3, 3, 4, 5, 6, 11], 12);
  await meetings("Box", 4, [3, 5, 5, 6, 2]);
  await meetings("Mid", 10, [9, 10]);
});

describe.each(["computed live", "read from the rollup"])("capacity insights (UI.md capacity page), %s", (mode) => {
  beforeAll(() => setAnalyticsRollup(mode === "read from the rollup"));

  it("scatter: one point per room and attendee count with its number of meetings", async () => {
    const { points } = await getCapacityInsights(admin, PERIOD, NOW);
    expect(points.filter((p) => p.roomName === "Atrium")).toEqual([
      { roomName: "Atrium", roomCapacity: 12, attendees: 2, bookings: 2 },
      { roomName: "Atrium", roomCapacity: 12, attendees: 3, bookings: 2 },
      { roomName: "Atrium", roomCapacity: 12, attendees: 4, bookings: 1 },
      { roomName: "Atrium", roomCapacity: 12, attendees: 5, bookings: 1 },
      { roomName: "Atrium", roomCapacity: 12, attendees: 6, bookings: 1 },
      { roomName: "Atrium", roomCapacity: 12, attendees: 11, bookings: 1 },
    ]);
    expect(points.filter((p) => p.roomName === "Box").map((p) => [p.attendees, p.bookings])).toEqual([[2, 1], [3, 1], [5, 2], [6, 1]]);
  });

  it("advice from the median and 80th percentile, worked out by hand", async () => {
    const { advice } = await getCapacityInsights(admin, PERIOD, NOW);
    expect(advice).toEqual([
      {
        roomId: expect.any(String), roomName: "Atrium", roomCapacity: 12, meetings: 8, medianAttendees: 3.5, overShare: 0,
        suggestedSeats: 10, fitShare: 87.5,
        text: "Atrium: 12 seats, median meeting 3.5 people — 87.5 % of its meetings would fit a 10-seat room.",
      },
      {
        roomId: expect.any(String), roomName: "Box", roomCapacity: 4, meetings: 5, medianAttendees: 5, overShare: 60,
        suggestedSeats: null, fitShare: 0,
        text: "Box: 4 seats, but 60 % of its meetings had more people than seats — move them to a larger room.",
      },
    ]);
  });
});

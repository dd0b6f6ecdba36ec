import { eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { bookings, notificationOutbox } from "@/db/schema";
import { insertBooking } from "@/tests/fixtures/bookings";
import { createTestRoom } from "@/tests/fixtures/rooms";
import { createTestUser, resetDatabase } from "@/tests/helpers";
import { completeFinishedMeetings, releaseOverdueNoShows, runLifecycleTransitions } from "./service";
import * as time from "@/lib/time";
import { occurrenceStarts } from "./recurrence";

beforeEach(resetDatabase);

describe("auto-release of no-shows (DOMAIN §2)", () => {
  it("releases confirmed bookings not checked in by start + autoRelease, ended at that moment; leaves the rest", async () => {
    const user = await createTestUser();
    const room = await createTestRoom();
    const overdue = await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -16, durationMinutes: 60 });
    const inWindow = await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -14 + 120, durationMinutes: 30 });
    const otherRoom = await createTestRoom();
    const checkedIn = await insertBooking({ roomId: otherRoom.id, organizerId: user.id, startInMinutes: -300, durationMinutes: 600, checkedIn: true });
    // Ended long ago without anyone checking in: a no-show too, never left confirmed.
    const longPast = await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -24 * 60, durationMinutes: 10 });

    expect(await releaseOverdueNoShows()).toBe(2);
    const db = await getDb();
    const rows = await db.select().from(bookings).where(inArray(bookings.id, [overdue.id, inWindow.id, checkedIn.id, longPast.id]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(overdue.id)!.status).toBe("no_show");
    expect(byId.get(overdue.id)!.endedAt!.getTime()).toBe(overdue.startTime.getTime() + 15 * 60_000);
    expect(byId.get(longPast.id)!.status).toBe("no_show");
    // ended_at never exceeds the scheduled end.
    expect(byId.get(longPast.id)!.endedAt!.getTime()).toBe(longPast.endTime.getTime());
    expect(byId.get(inWindow.id)!.status).toBe("confirmed");
    expect(byId.get(checkedIn.id)!.status).toBe("confirmed");
    // Idempotent: nothing more to do, no second email.
    expect(await releaseOverdueNoShows()).toBe(0);
    const mails = await db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, "booking_no_show"));
    expect(mails.map((m) => m.bookingId).sort()).toEqual([overdue.id, longPast.id].sort());
  });

  it("several sweeps at the same moment release each booking once and email once", async () => {
    const user = await createTestUser();
    const rooms = await Promise.all([1, 2, 3].map(() => createTestRoom()));
    for (const room of rooms) {
      for (let i = 0; i < 5; i++) await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -600 + i * 90, durationMinutes: 60 });
    }
    const counts = await Promise.all([releaseOverdueNoShows(), releaseOverdueNoShows(), releaseOverdueNoShows(), releaseOverdueNoShows()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(15);
    const db = await getDb();
    const mails = await db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, "booking_no_show"));
    expect(mails).toHaveLength(15);
    expect(new Set(mails.map((m) => m.bookingId)).size).toBe(15);
  });

  it("honours autoReleaseMinutes from the settings and a given `now`", async () => {
    const user = await createTestUser();
    const room = await createTestRoom();
    const b = await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: 30, durationMinutes: 60 });
    expect(await releaseOverdueNoShows(room.id, new Date(b.startTime.getTime() + 14 * 60_000))).toBe(0);
    expect(await releaseOverdueNoShows(room.id, new Date(b.startTime.getTime() + 15 * 60_000))).toBe(1);
  });

  it("completes checked-in meetings whose end has passed", async () => {
    const user = await createTestUser();
    const room = await createTestRoom();
    const done = await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -90, durationMinutes: 60, checkedIn: true });
    const running = await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -20, durationMinutes: 60, checkedIn: true });
    expect(await completeFinishedMeetings()).toBe(1);
    const db = await getDb();
    const [d] = await db.select().from(bookings).where(eq(bookings.id, done.id));
    const [r] = await db.select().from(bookings).where(eq(bookings.id, running.id));
    expect(d.status).toBe("completed");
    expect(d.endedAt).toBeNull();
    expect(r.status).toBe("confirmed");
    expect(await runLifecycleTransitions()).toEqual({ noShows: 0, completed: 0 });
  });
});

describe("recurrence", () => {
  it("keeps local wall-clock time across a DST change (Europe/Berlin, March)", () => {
    const first = new Date("2026-03-26T08:00:00Z"); // Thursday 09:00 CET
    const starts = occurrenceStarts(first, { frequency: "daily", interval: 1, count: 5 }, "Europe/Berlin");
    expect(starts.map((o) => o.start.toISOString())).toEqual([
      "2026-03-26T08:00:00.000Z",
      "2026-03-27T08:00:00.000Z",
      "2026-03-28T08:00:00.000Z",
      "2026-03-29T07:00:00.000Z", // 09:00 CEST
      "2026-03-30T07:00:00.000Z",
    ]);
  });

  it("weekly on chosen weekdays until a local date, every other week", () => {
    const first = new Date("2026-06-01T13:00:00Z"); // Monday 09:00 in New York
    const starts = occurrenceStarts(first, { frequency: "weekly", interval: 2, byWeekday: [1, 3], until: "2026-06-17" }, "America/New_York");
    expect(starts.map((o) => o.start.toISOString())).toEqual([
      "2026-06-01T13:00:00.000Z",
      "2026-06-03T13:00:00.000Z",
      "2026-06-15T13:00:00.000Z",
      "2026-06-17T13:00:00.000Z",
    ]);
  });

  it("takes the earlier instant for a time that happens twice and moves one in a gap forward, marked (issue 10 point 4)", () => {
    // 02:30 on 2027-10-30 in Berlin (CEST), daily: the 31st's 02:30 happens twice (CEST, then CET).
    const berlin = occurrenceStarts(new Date("2027-10-30T00:30:00Z"), { frequency: "daily", interval: 1, count: 2 }, "Europe/Berlin");
    expect(berlin.map((o) => o.start.toISOString())).toEqual(["2027-10-30T00:30:00.000Z", "2027-10-31T00:30:00.000Z"]);
    // Sydney's repeated 02:30 on 2027-04-04 (AEDT then AEST): the earlier, AEDT, too.
    const sydney = occurrenceStarts(new Date("2027-04-02T15:30:00Z"), { frequency: "daily", interval: 1, count: 2 }, "Australia/Sydney");
    expect(sydney[1].start.toISOString()).toBe("2027-04-03T15:30:00.000Z");
    expect(sydney.every((o) => !o.shifted)).toBe(true);
    // Berlin's skipped hour on 2027-03-28: 02:30 becomes 03:30 CEST (01:30Z), reported as shifted.
    const gap = occurrenceStarts(new Date("2027-03-27T01:30:00Z"), { frequency: "daily", interval: 1, count: 2 }, "Europe/Berlin");
    expect(gap[1]).toEqual({ start: new Date("2027-03-28T01:30:00Z"), requested: "2027-03-28T02:30", shifted: true });
  });

  it("the DST rule does not depend on the day it runs (issue 10 point 4)", () => {
    const { parseInstant } = time;
    vi.useFakeTimers({ toFake: ["Date"] });
    for (const fakeNow of ["2027-01-15T12:00:00Z", "2027-07-15T12:00:00Z"]) {
      vi.setSystemTime(new Date(fakeNow));
      expect(parseInstant("2027-10-31T02:30", "Europe/Berlin")?.toISOString()).toBe("2027-10-31T00:30:00.000Z");
      expect(parseInstant("2027-04-04T02:30", "Australia/Sydney")?.toISOString()).toBe("2027-04-03T15:30:00.000Z");
      expect(parseInstant("2027-03-28T02:30", "Europe/Berlin")).toBeNull();
    }
    vi.useRealTimers();
  });

  it("refuses more than 52 occurrences", () => {
    expect(() =>
      occurrenceStarts(new Date("2026-06-01T13:00:00Z"), { frequency: "daily", interval: 1, until: "2026-12-31" }, "UTC"),
    ).toThrow(/at most 52/);
  });
});

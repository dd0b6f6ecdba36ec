import { eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { bookings, notificationOutbox } from "@/db/schema";
import { insertBooking } from "@/tests/fixtures/bookings";
import { createTestRoom } from "@/tests/fixtures/rooms";
import { createTestUser, resetDatabase } from "@/tests/helpers";
import { completeFinishedMeetings, releaseOverdueNoShows, runLifecycleTransitions } from "./service";

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

import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, selectRows } from "@/db/client";
import { bookings, notificationOutbox } from "@/db/schema";
import { insertBooking } from "@/tests/fixtures/bookings";
import { createTestRoom } from "@/tests/fixtures/rooms";
import { createTestUser, resetDatabase } from "@/tests/helpers";
import { startSweep } from "./service";

beforeEach(resetDatabase);

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("condition not reached in time");
}

describe("the background sweep", () => {
  it("releases a no-show, completes a finished meeting and delivers the email without any request", async () => {
    const user = await createTestUser();
    const room = await createTestRoom();
    const ghost = await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -20, durationMinutes: 60 });
    const done = await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -120, durationMinutes: 60, checkedIn: true });
    const db = await getDb();
    const stop = startSweep(200);
    try {
      await waitFor(async () => {
        const [g] = await db.select().from(bookings).where(eq(bookings.id, ghost.id));
        const mails = await db.select().from(notificationOutbox).where(eq(notificationOutbox.bookingId, ghost.id));
        return g.status === "no_show" && mails.length === 1 && mails[0].sentAt !== null;
      });
    } finally {
      stop();
    }
    const [g] = await db.select().from(bookings).where(eq(bookings.id, ghost.id));
    expect(g.endedAt?.toISOString()).toBe(new Date(ghost.startTime.getTime() + 15 * 60_000).toISOString());
    const [d] = await db.select().from(bookings).where(eq(bookings.id, done.id));
    expect(d.status).toBe("completed");
    expect(d.endedAt).toBeNull();
  });

  it("keeps the analytics rollup current without any request or cron job", async () => {
    const user = await createTestUser();
    const room = await createTestRoom();
    await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -5 * 24 * 60, durationMinutes: 60, checkedIn: true });
    const db = await getDb();
    const stop = startSweep(200);
    try {
      await waitFor(async () => {
        const rows = await selectRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from analytics_room_days d join analytics_rollup_state s on s.rolled_through is not null
              where d.room_id = ${room.id}`,
        );
        return rows[0].n > 0;
      });
    } finally {
      stop();
    }
  });

  it("is started once per process", async () => {
    const stop = startSweep(60_000);
    const again = startSweep(60_000);
    expect(again).toBe(stop);
    stop();
  });
});

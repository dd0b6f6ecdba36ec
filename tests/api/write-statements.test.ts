import { beforeEach, describe, expect, it } from "vitest";
import * as checkinRoute from "@/app/api/bookings/[bookingId]/checkin/route";
import * as endRoute from "@/app/api/bookings/[bookingId]/end/route";
import * as extendRoute from "@/app/api/bookings/[bookingId]/extend/route";
import * as itemRoute from "@/app/api/bookings/[bookingId]/route";
import * as bookingsRoute from "@/app/api/bookings/route";
import { onQuery } from "@/db/client";
import { futureSlot, insertBooking } from "../fixtures/bookings";
import { createTestRoom } from "../fixtures/rooms";
import { call, createTestUser, resetDatabase, type TestUser } from "../helpers";

// Issue 11 point 3: the round trips of each write, transactions' own statements (begin, savepoint, commit)
// included, held to a figure. A change that adds a statement to a write must say so here.

let organizer: TestUser;
let guest: TestUser;
let roomId: string;

beforeEach(async () => {
  await resetDatabase();
  organizer = await createTestUser({ name: "Olga Organizer" });
  guest = await createTestUser({ name: "Gus Guest" });
  roomId = (await createTestRoom({ name: "Orion", timezone: "Europe/Berlin" })).id;
});

// PGlite reports drizzle's `release savepoint` too; postgres.js never sends one (it keeps savepoints to commit).
const pglite = !process.env.DATABASE_URL;

/**
 * The statements `work` sends, in order, without postgres.js's own one-off per connection (the array types it
 * looks up on a connection's first array parameter).
 */
async function statements(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const stop = onQuery((query) => {
    if (!/pg_catalog\.pg_type/.test(query)) seen.push(query.replace(/\s+/g, " ").trim().slice(0, 90));
  });
  try {
    await work();
  } finally {
    stop();
  }
  return seen;
}

const create = (body: Record<string, unknown>) => call(bookingsRoute, { path: "/api/bookings", token: organizer.token, body });
const item = (route: Record<string, unknown>, id: string, suffix: string, body?: unknown, method = "POST") =>
  call(route, { method, path: `/api/bookings/${id}${suffix}`, params: { bookingId: id }, token: organizer.token, body });

describe("statements per write (issue 11 point 3)", () => {
  beforeEach(async () => {
    // The process's one-offs (time-zone names, token versions, LISTEN) happen before anything is counted.
    expect((await create({ roomId, title: "Warm-up", ...futureSlot(24 * 90) })).status).toBe(201);
  });

  it("creating a booking: 3 with or without attendees (the room with the settings' version, and the people, at once; then the write)", async () => {
    let res;
    const plain = await statements(async () => (res = await create({ roomId, title: "Plain", ...futureSlot(30) })));
    expect(res!.status).toBe(201);
    expect(plain, plain.join("\n")).toHaveLength(3);
    const invited = await statements(
      async () => (res = await create({ roomId, title: "Invited", ...futureSlot(32), attendeeIds: [guest.id] })),
    );
    expect(res!.status).toBe(201);
    expect(invited, invited.join("\n")).toHaveLength(3);
    // The write is one statement: lock, booking, attendees, outbox and announcement (no transaction around it).
    expect(invited.filter((q) => /^(begin|commit|insert)/i.test(q))).toEqual([]);
    expect(invited.filter((q) => /^with locked as/.test(q))).toHaveLength(1);
  });

  it("a series: a fixed part, then 2 per occurrence (a savepoint and the insert)", async () => {
    const counts: number[] = [];
    for (const count of [2, 4]) {
      let res;
      const seen = await statements(
        async () =>
          (res = await create({ roomId, title: `Series ${count}`, ...futureSlot(30 + count * 200), recurrence: { frequency: "daily", count } })),
      );
      expect(res!.status, JSON.stringify(res!.json)).toBe(201);
      expect(res!.json.data.created).toHaveLength(count);
      counts.push(seen.length);
    }
    const perOccurrence = (counts[1] - counts[0]) / 2;
    expect(perOccurrence).toBe(pglite ? 3 : 2);
    expect(counts[0] - 2 * perOccurrence).toBe(10);
  });

  it("check-in 2, end 2, extend 8, cancel 5", async () => {
    const running = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: -2, durationMinutes: 30 });
    const checkin = await statements(async () => expect((await item(checkinRoute, running.id, "/checkin")).status).toBe(200));
    const extend = await statements(async () =>
      expect((await item(extendRoute, running.id, "/extend", { minutes: 15 })).status).toBe(200),
    );
    const end = await statements(async () => expect((await item(endRoute, running.id, "/end")).status).toBe(200));
    const later = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: 600, durationMinutes: 30 });
    const cancel = await statements(async () => expect((await item(itemRoute, later.id, "", undefined, "DELETE")).status).toBe(200));
    // Check-in and end: the participant's read, then the change and its announcement in one statement.
    expect(checkin, checkin.join("\n")).toHaveLength(2);
    expect(end, end.join("\n")).toHaveLength(2);
    // Extend: read, settings (the length cap), then in a transaction the room's lock, the update, the announcement;
    // then the answer. Cancel: in a transaction the booking's lock, the update, the announcement.
    expect(extend, extend.join("\n")).toHaveLength(8);
    expect(cancel, cancel.join("\n")).toHaveLength(5);
  });
});

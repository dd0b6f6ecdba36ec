import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as roomDayRoute from "@/app/api/rooms/[roomId]/bookings/route";
import * as itemRoute from "@/app/api/bookings/[bookingId]/route";
import * as checkinRoute from "@/app/api/bookings/[bookingId]/checkin/route";
import * as endRoute from "@/app/api/bookings/[bookingId]/end/route";
import * as extendRoute from "@/app/api/bookings/[bookingId]/extend/route";
import * as bookingsRoute from "@/app/api/bookings/route";
import * as settingsRoute from "@/app/api/settings/route";
import { getDb } from "@/db/client";
import { notificationOutbox, orgSettings } from "@/db/schema";
import { formatLocal, localTimeOn } from "@/lib/time";
import { futureSlot, insertBooking } from "../fixtures/bookings";
import { createTestRoom } from "../fixtures/rooms";
import { call, createTestUser, resetDatabase, type TestUser } from "../helpers";

let organizer: TestUser;
let roomId: string;

beforeEach(async () => {
  await resetDatabase();
  organizer = await createTestUser({ name: "Olga Organizer" });
  roomId = (await createTestRoom({ name: "Orion", timezone: "Europe/Berlin" })).id;
});

/** The room's local date of an instant: near midnight UTC it differs from the UTC date. */
const berlinDate = (instant: string | Date) => formatLocal(new Date(instant), "Europe/Berlin", "yyyy-MM-dd");
const create = (body: Record<string, unknown>, token = organizer.token) =>
  call(bookingsRoute, { path: "/api/bookings", token, body });
const item = (route: Record<string, unknown>, id: string, opts: { method?: string; token?: string; body?: unknown; suffix?: string; query?: string } = {}) =>
  call(route, {
    method: opts.method ?? "POST",
    path: `/api/bookings/${id}${opts.suffix ?? ""}${opts.query ?? ""}`,
    params: { bookingId: id },
    token: opts.token ?? organizer.token,
    body: opts.body,
  });
const roomDay = (date: string, id = roomId, token = organizer.token, extra = "") =>
  call(roomDayRoute, { path: `/api/rooms/${id}/bookings?date=${date}${extra}`, params: { roomId: id }, token });

describe("POST /api/bookings", () => {
  it("creates a confirmed booking with attendees, shown in the room's day, and queues a confirmation with an .ics", async () => {
    const guest = await createTestUser({ name: "Gus Guest" });
    const slot = futureSlot(30);
    const res = await create({ roomId, title: "Planning", description: "Q3", ...slot, attendeeIds: [guest.id] });
    expect(res.status).toBe(201);
    const b = res.json.data;
    expect(b).toMatchObject({
      roomId,
      roomName: "Orion",
      title: "Planning",
      description: "Q3",
      organizer: { id: organizer.id, name: "Olga Organizer", email: organizer.email },
      attendees: [{ id: guest.id, name: "Gus Guest", email: guest.email }],
      attendeeCount: 2,
      startTime: slot.startTime,
      endTime: slot.endTime,
      status: "confirmed",
      checkedIn: false,
      checkedInAt: null,
      endedAt: null,
    });
    const day = await roomDay(berlinDate(slot.startTime));
    expect(day.status).toBe(200);
    expect(day.json.data.map((x: { id: string }) => x.id)).toContain(b.id);

    const db = await getDb();
    const mail = await db.select().from(notificationOutbox).where(eq(notificationOutbox.bookingId, b.id));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: "booking_confirmed", toEmail: organizer.email });
    expect(mail[0].icsBody).toContain("METHOD:REQUEST");
    expect(mail[0].icsBody).toContain(`UID:${b.id}@circletime`);
  });

  it("answers with the booking exactly as a later read gives it (built from what was written, not read back)", async () => {
    const zoe = await createTestUser({ name: "Zoe Zimmer" });
    const anna = await createTestUser({ name: "Anna Adler" });
    const mia = await createTestUser({ name: "Mia Meyer" });
    const res = await create({ roomId, title: "  Review  ", description: "Line one\nline two", ...futureSlot(45), attendeeIds: [zoe.id, mia.id, anna.id] });
    expect(res.status).toBe(201);
    const read = await item(itemRoute, res.json.data.id, { method: "GET" });
    expect(read.status).toBe(200);
    expect(res.json.data).toEqual(read.json.data);
    expect(res.json.data.attendees.map((a: { name: string }) => a.name)).toEqual(["Anna Adler", "Mia Meyer", "Zoe Zimmer"]);
    const alone = await create({ roomId, title: "Solo", ...futureSlot(120), attendeeCount: 3 });
    expect(alone.json.data).toEqual((await item(itemRoute, alone.json.data.id, { method: "GET" })).json.data);
    expect(alone.json.data).toMatchObject({ attendees: [], attendeeCount: 3, description: null, seriesId: null });
  });

  it("applies a settings change made in the database to the very next booking (no stale copy of the settings)", async () => {
    expect((await create({ roomId, title: "Long", ...futureSlot(30, 60) })).status).toBe(201);
    const db = await getDb();
    await db.update(orgSettings).set({ maxBookingMinutes: 30 });
    const refused = await create({ roomId, title: "Too long now", ...futureSlot(33, 60) });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/between 15 and 30 minutes/);
    await db.update(orgSettings).set({ maxBookingMinutes: 480 });
    expect((await create({ roomId, title: "Long again", ...futureSlot(36, 60) })).status).toBe(201);
  });

  it("reads a time without offset in the building's zone (Los Angeles 09:00 = 16:00Z in July)", async () => {
    const la = await createTestRoom({ timezone: "America/Los_Angeles" });
    const year = new Date().getUTCFullYear() + (new Date().getUTCMonth() >= 5 ? 1 : 0);
    // Far enough ahead for the horizon check: widen it first.
    const admin = await createTestUser({ role: "admin" });
    await call(settingsRoute, { method: "PATCH", path: "/api/settings", token: admin.token, body: { bookingHorizonDays: 730 } });
    const res = await create({ roomId: la.id, title: "West coast", startTime: `${year}-07-01T09:00`, endTime: `${year}-07-01T10:00:00` });
    expect(res.status).toBe(201);
    expect(res.json.data.startTime).toBe(`${year}-07-01T16:00:00.000Z`);
    expect(res.json.data.endTime).toBe(`${year}-07-01T17:00:00.000Z`);
    // date= is that local day, not the UTC day: 09:00 local on July 1st is listed under 07-01, not 06-30 or 07-02.
    expect((await roomDay(`${year}-07-01`, la.id)).json.data).toHaveLength(1);
    expect((await roomDay(`${year}-06-30`, la.id)).json.data).toHaveLength(0);
  });

  it("allows back-to-back bookings (half-open intervals) and refuses an overlap with 409", async () => {
    const a = futureSlot(40, 60);
    expect((await create({ roomId, title: "A", ...a })).status).toBe(201);
    const next = { startTime: a.endTime, endTime: new Date(Date.parse(a.endTime) + 30 * 60_000).toISOString() };
    expect((await create({ roomId, title: "B", ...next })).status).toBe(201);
    const overlap = await create({ roomId, title: "C", startTime: new Date(Date.parse(a.startTime) + 30 * 60_000).toISOString(), endTime: a.endTime });
    expect(overlap.status).toBe(409);
    expect(overlap.json).toMatchObject({ success: false, code: "conflict" });
    expect(overlap.json.message).toMatch(/already booked/);
  });

  it("a cancelled or no-show booking does not block the slot", async () => {
    const slot = futureSlot(50);
    const first = await create({ roomId, title: "First", ...slot });
    await item(itemRoute, first.json.data.id, { method: "DELETE" });
    expect((await create({ roomId, title: "Again", ...slot })).status).toBe(201);
  });

  it("409 when the room is in maintenance; 404 for an unknown room", async () => {
    const broken = await createTestRoom({ maintenance: true });
    const res = await create({ roomId: broken.id, title: "X", ...futureSlot() });
    expect(res.status).toBe(409);
    expect(res.json.message).toMatch(/out of service/);
    const unknown = await create({ roomId: "6f1f7c1e-5d55-4b3c-9a3e-8f0b1c2d3e4f", title: "X", ...futureSlot() });
    expect(unknown.status).toBe(404);
  });

  it.each([
    ["missing fields", {}, ["roomId", "title", "startTime", "endTime"]],
    ["endTime before startTime", { startTime: futureSlot(5).endTime, endTime: futureSlot(5).startTime }, ["endTime"]],
    ["a date that does not exist", { startTime: "2027-02-30T10:00", endTime: "2027-02-30T11:00" }, ["startTime", "endTime"]],
    ["a start in the past", { ...futureSlot(-3) }, ["startTime"]],
    ["too short", { ...futureSlot(5, 5) }, ["endTime"]],
    ["too long", { ...futureSlot(5, 600) }, ["endTime"]],
    ["beyond the horizon", { ...futureSlot(24 * 200) }, ["startTime"]],
    ["a title over 200 characters", { title: "x".repeat(201) }, ["title"]],
    ["an empty title", { title: "  " }, ["title"]],
    ["an unknown attendee", { attendeeIds: ["0b8f6d3c-1d2e-4f5a-8b6c-7d8e9f0a1b2c"] }, ["attendeeIds"]],
    ["a non-UUID attendee", { attendeeIds: ["bob"] }, ["attendeeIds.0"]],
    ["a duplicate attendee", { attendeeIds: ["0b8f6d3c-1d2e-4f5a-8b6c-7d8e9f0a1b2c", "0b8f6d3c-1d2e-4f5a-8b6c-7d8e9f0a1b2c"] }, ["attendeeIds"]],
    ["a fractional attendeeCount", { attendeeCount: 2.5 }, ["attendeeCount"]],
    ["a non-UUID roomId", { roomId: "room-1" }, ["roomId"]],
    ["a startTime that is not a date-time", { startTime: "tomorrow 9am" }, ["startTime"]],
    ["an unknown field", { colour: "red" }, ["body"]],
  ])("400 for %s", async (_name, override, fields) => {
    const body = { roomId, title: "Valid", ...futureSlot(10), ...override };
    for (const key of Object.keys(override)) if ((override as Record<string, unknown>)[key] === undefined) delete (body as Record<string, unknown>)[key];
    const res = await create(Object.keys(override).length === 0 ? {} : body);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe("validation_error");
    for (const field of fields) expect(Object.keys(res.json.fields)).toContain(field);
  });

  it("a deactivated user cannot be invited", async () => {
    const gone = await createTestUser({ active: false });
    const res = await create({ roomId, title: "X", ...futureSlot(), attendeeIds: [gone.id] });
    expect(res.status).toBe(400);
    expect(res.json.fields.attendeeIds[0]).toMatch(/no active user/);
  });
});

describe("GET /api/rooms/{roomId}/bookings", () => {
  it("400 without or with a bad date, 404 for an unknown room, cancelled only on request", async () => {
    expect((await roomDay("")).status).toBe(400);
    expect((await call(roomDayRoute, { path: `/api/rooms/${roomId}/bookings`, params: { roomId }, token: organizer.token })).json.fields.date).toBeDefined();
    expect((await roomDay("2026-02-30")).status).toBe(400);
    expect((await roomDay("tomorrow")).status).toBe(400);
    expect((await roomDay("2026-06-01", "7c9e6679-7425-40de-944b-e07fc1f90ae7")).status).toBe(404);
    const slot = futureSlot(26);
    const b = await create({ roomId, title: "Gone", ...slot });
    await item(itemRoute, b.json.data.id, { method: "DELETE" });
    const date = berlinDate(slot.startTime);
    expect((await roomDay(date)).json.data).toHaveLength(0);
    expect((await roomDay(date, roomId, organizer.token, "&includeCancelled=true")).json.data[0].status).toBe("cancelled");
  });

  it("a room's day and my bookings cost a fixed number of queries whatever the number of bookings and attendees", async () => {
    const { onQuery } = await import("@/db/client");
    const guests = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
    const queriesFor = async (request: () => Promise<{ status: number; json: { data: unknown[] } }>, expected: number) => {
      const seen: string[] = [];
      const stop = onQuery((q) => seen.push(q));
      try {
        const res = await request();
        expect(res.status).toBe(200);
        expect(res.json.data).toHaveLength(expected);
      } finally {
        stop();
      }
      return seen.length;
    };
    // From 09:00 Berlin time the day after tomorrow, one every 30 minutes: all on one local day.
    const date = berlinDate(new Date(Date.now() + 2 * 86_400_000));
    const nine = localTimeOn(date, "09:00", "Europe/Berlin").getTime();
    const at = (i: number) => Math.ceil((nine + i * 30 * 60_000 - Date.now()) / 60_000);
    await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: at(0), durationMinutes: 20, attendeeIds: [guests[0].id] });
    const mine = () => call(bookingsRoute, { path: `/api/bookings?from=${date}&to=${date}`, token: organizer.token });
    // The process's one-offs (time-zone names, token versions) before anything is counted.
    await roomDay(date);
    const few = { day: await queriesFor(() => roomDay(date), 1), mine: await queriesFor(mine, 1) };
    // A room's day: the room with whether it has no-shows to release (none here), then its bookings.
    expect(few.day).toBe(2);
    for (let i = 1; i < 12; i++) {
      await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: at(i), durationMinutes: 20, attendeeIds: guests.map((g) => g.id) });
    }
    const count = (await roomDay(date)).json.data.length;
    expect(count).toBe(12);
    expect({ day: await queriesFor(() => roomDay(date), count), mine: await queriesFor(mine, count) }).toEqual(few);
  });

  it("releases the room's overdue no-shows before answering", async () => {
    const stale = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: -40, durationMinutes: 60 });
    const day = await roomDay(berlinDate(stale.startTime));
    const listed = day.json.data.find((b: { id: string }) => b.id === stale.id);
    expect(listed.status).toBe("no_show");
    expect(listed.endedAt).toBe(new Date(stale.startTime.getTime() + 15 * 60_000).toISOString());
  });
});

describe("cancel, check in, end, extend", () => {
  it("DELETE: organizer cancels; 409 the second time; another user 403; admin may, and the organizer is emailed", async () => {
    const other = await createTestUser();
    const admin = await createTestUser({ role: "admin", name: "Ann Admin" });
    const b1 = (await create({ roomId, title: "One", ...futureSlot(60) })).json.data;
    expect((await item(itemRoute, b1.id, { method: "DELETE", token: other.token })).status).toBe(403);
    const ok = await item(itemRoute, b1.id, { method: "DELETE" });
    expect(ok.status).toBe(200);
    expect(ok.json.data).toEqual({ cancelled: true });
    expect((await item(itemRoute, b1.id, { method: "DELETE" })).status).toBe(409);

    const b2 = (await create({ roomId, title: "Two", ...futureSlot(70) })).json.data;
    expect((await item(itemRoute, b2.id, { method: "DELETE", token: admin.token })).status).toBe(200);
    const db = await getDb();
    const mails = await db.select().from(notificationOutbox).where(eq(notificationOutbox.bookingId, b2.id));
    const cancelMail = mails.find((m) => m.kind === "booking_cancelled")!;
    expect(cancelMail.textBody).toContain("Ann Admin cancelled your booking");
    expect(cancelMail.icsBody).toContain("METHOD:CANCEL");
    expect((await item(itemRoute, "11111111-2222-4333-8444-555555555555", { method: "DELETE" })).status).toBe(404);
    expect((await item(itemRoute, "not-a-uuid", { method: "DELETE" })).status).toBe(404);
  });

  it("check-in: 409 before the window says when it opens, works inside it, 409 when repeated", async () => {
    const early = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: 60 });
    const tooEarly = await item(checkinRoute, early.id, { suffix: "/checkin" });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.json.message).toMatch(/^Check-in opens at \d{2}:\d{2}/);

    const now = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: 10, durationMinutes: 30 });
    const ok = await item(checkinRoute, now.id, { suffix: "/checkin" });
    expect(ok.status).toBe(200);
    expect(ok.json.data.checkedIn).toBe(true);
    expect(Math.abs(Date.parse(ok.json.data.checkedInAt) - Date.now())).toBeLessThan(10_000);
    const again = await item(checkinRoute, now.id, { suffix: "/checkin" });
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch(/Already checked in/);
  });

  it("check-in: 409 'Check-in window has closed' after start + autoRelease", async () => {
    // Released lazily only when the room is read; the booking itself is still confirmed here.
    const late = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: -20, durationMinutes: 60 });
    const res = await item(checkinRoute, late.id, { suffix: "/checkin" });
    expect(res.status).toBe(409);
    expect(res.json.message).toBe("Check-in window has closed");
  });

  it("attendees may check in; other users get 403", async () => {
    const attendee = await createTestUser();
    const stranger = await createTestUser();
    const b = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: 5, attendeeIds: [attendee.id] });
    expect((await item(checkinRoute, b.id, { suffix: "/checkin", token: stranger.token })).status).toBe(403);
    expect((await item(checkinRoute, b.id, { suffix: "/checkin", token: attendee.token })).status).toBe(200);
  });

  it("end: a checked-in meeting ends early with freedMinutes; 409 when not checked in or already over", async () => {
    const running = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: -10, durationMinutes: 60, checkedIn: true });
    const res = await item(endRoute, running.id, { suffix: "/end" });
    expect(res.status).toBe(200);
    expect(res.json.data.ended).toBe(true);
    const expected = Math.floor((running.endTime.getTime() - Date.now()) / 60_000);
    expect(res.json.data.freedMinutes).toBeGreaterThanOrEqual(expected - 1);
    expect(res.json.data.freedMinutes).toBeLessThanOrEqual(expected);
    const after = await item(itemRoute, running.id, { method: "GET" });
    expect(after.json.data.status).toBe("completed");
    expect(after.json.data.endedAt).not.toBeNull();
    expect(after.json.data.endTime).toBe(running.endTime.toISOString());
    expect((await item(endRoute, running.id, { suffix: "/end" })).status).toBe(409);

    const notIn = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: 120 });
    const refused = await item(endRoute, notIn.id, { suffix: "/end" });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(/checked-in/);
  });

  it("extend: lengthens a running meeting, 409 into the next booking, 400 for bad minutes", async () => {
    const running = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: -10, durationMinutes: 30, checkedIn: true });
    const ok = await item(extendRoute, running.id, { suffix: "/extend", body: { minutes: 15 } });
    expect(ok.status).toBe(200);
    expect(ok.json.data.endTime).toBe(new Date(running.endTime.getTime() + 15 * 60_000).toISOString());
    await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: 35 + 30, durationMinutes: 30 });
    const blocked = await item(extendRoute, running.id, { suffix: "/extend", body: { minutes: 60 } });
    expect(blocked.status).toBe(409);
    for (const minutes of [10, 0, 135, "15"]) {
      const bad = await item(extendRoute, running.id, { suffix: "/extend", body: { minutes } });
      expect(bad.status).toBe(400);
      expect(bad.json.fields.minutes).toBeDefined();
    }
    const future = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: 300 });
    expect((await item(extendRoute, future.id, { suffix: "/extend", body: { minutes: 15 } })).status).toBe(409);
  });
});

describe("GET /api/bookings and GET/PATCH /api/bookings/{id}", () => {
  it("lists the caller's bookings as organizer or attendee, filters by status; admin-only filters", async () => {
    const guest = await createTestUser();
    const admin = await createTestUser({ role: "admin" });
    const own = (await create({ roomId, title: "Own", ...futureSlot(25) })).json.data;
    const invited = (await create({ roomId, title: "Invited", ...futureSlot(27), attendeeIds: [guest.id] })).json.data;
    const mine = await call(bookingsRoute, { path: "/api/bookings", token: guest.token });
    expect(mine.status).toBe(200);
    expect(mine.json.data.map((b: { id: string }) => b.id)).toEqual([invited.id]);
    const orgs = await call(bookingsRoute, { path: "/api/bookings?status=confirmed", token: organizer.token });
    expect(orgs.json.data.map((b: { id: string }) => b.id)).toEqual([own.id, invited.id]);
    expect((await call(bookingsRoute, { path: "/api/bookings?status=cancelled", token: organizer.token })).json.data).toEqual([]);
    expect((await call(bookingsRoute, { path: `/api/bookings?userId=${organizer.id}`, token: guest.token })).status).toBe(403);
    const asAdmin = await call(bookingsRoute, { path: `/api/bookings?roomId=${roomId}`, token: admin.token });
    expect(asAdmin.json.data).toHaveLength(2);
    expect((await call(bookingsRoute, { path: "/api/bookings?from=2026-13-01", token: guest.token })).status).toBe(400);
    expect((await call(bookingsRoute, { path: "/api/bookings?from=2026-06-10&to=2026-06-01", token: guest.token })).status).toBe(400);
    expect((await call(bookingsRoute, { path: "/api/bookings?status=late", token: guest.token })).status).toBe(400);
  });

  it("PATCH: the organizer moves a booking; overlap 409; a stranger 403; a started one 409", async () => {
    const stranger = await createTestUser();
    const a = (await create({ roomId, title: "A", ...futureSlot(30) })).json.data;
    const b = (await create({ roomId, title: "B", ...futureSlot(32) })).json.data;
    const moved = await item(itemRoute, a.id, { method: "PATCH", body: { title: "A2", ...futureSlot(34) } });
    expect(moved.status).toBe(200);
    expect(moved.json.data).toMatchObject({ title: "A2", startTime: futureSlot(34).startTime });
    const clash = await item(itemRoute, a.id, { method: "PATCH", body: { startTime: b.startTime, endTime: b.endTime } });
    expect(clash.status).toBe(409);
    expect((await item(itemRoute, a.id, { method: "PATCH", token: stranger.token, body: { title: "Mine" } })).status).toBe(403);
    expect((await item(itemRoute, a.id, { method: "PATCH", body: { endTime: futureSlot(33).startTime } })).status).toBe(400);
    const { getDb: db } = await import("@/db/client");
    const { rooms } = await import("@/db/schema");
    await (await db()).update(rooms).set({ maintenance: true });
    expect((await item(itemRoute, a.id, { method: "PATCH", body: futureSlot(36) })).status).toBe(409);
    expect((await item(itemRoute, a.id, { method: "PATCH", body: { title: "Renamed while out of service" } })).status).toBe(200);
    const started = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: -5 });
    expect((await item(itemRoute, started.id, { method: "PATCH", body: { title: "Late" } })).status).toBe(409);
  });
});

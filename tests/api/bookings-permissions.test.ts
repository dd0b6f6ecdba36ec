import { beforeEach, describe, expect, it } from "vitest";
import * as checkinRoute from "@/app/api/bookings/[bookingId]/checkin/route";
import * as endRoute from "@/app/api/bookings/[bookingId]/end/route";
import * as extendRoute from "@/app/api/bookings/[bookingId]/extend/route";
import * as itemRoute from "@/app/api/bookings/[bookingId]/route";
import * as bookingsRoute from "@/app/api/bookings/route";
import * as roomDayRoute from "@/app/api/rooms/[roomId]/bookings/route";
import { futureSlot, insertBooking } from "../fixtures/bookings";
import { insertDevice } from "../fixtures/devices";
import { createTestRoom } from "../fixtures/rooms";
import { call, createTestUser, resetDatabase, type TestUser } from "../helpers";

// DOMAIN §1, the permission table: every 403.
let organizer: TestUser;
let attendee: TestUser;
let stranger: TestUser;
let admin: TestUser;
let roomId: string;
let otherRoomId: string;
let device: { token: string };
let otherDevice: { token: string };

beforeEach(async () => {
  await resetDatabase();
  organizer = await createTestUser();
  attendee = await createTestUser();
  stranger = await createTestUser();
  admin = await createTestUser({ role: "admin" });
  roomId = (await createTestRoom()).id;
  otherRoomId = (await createTestRoom()).id;
  device = await insertDevice(roomId);
  otherDevice = await insertDevice(otherRoomId);
});

const act = (route: Record<string, unknown>, id: string, token: string, opts: { method?: string; suffix?: string; body?: unknown } = {}) =>
  call(route, { method: opts.method ?? "POST", path: `/api/bookings/${id}${opts.suffix ?? ""}`, params: { bookingId: id }, token, body: opts.body });

describe("permission table", () => {
  it("edit and cancel: organizer and admin only; attendee, other user and devices get 403", async () => {
    const b = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: 24 * 60, attendeeIds: [attendee.id] });
    for (const token of [attendee.token, stranger.token, device.token]) {
      expect((await act(itemRoute, b.id, token, { method: "PATCH", body: { title: "Mine now" } })).status).toBe(403);
      expect((await act(itemRoute, b.id, token, { method: "DELETE" })).status).toBe(403);
    }
    expect((await act(itemRoute, b.id, admin.token, { method: "PATCH", body: { title: "Admin edit" } })).status).toBe(200);
    expect((await act(itemRoute, b.id, organizer.token, { method: "DELETE" })).status).toBe(200);
  });

  it("check in, end, extend: a stranger gets 403; an attendee may", async () => {
    const b = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: 5, durationMinutes: 30, attendeeIds: [attendee.id] });
    expect((await act(checkinRoute, b.id, stranger.token, { suffix: "/checkin" })).status).toBe(403);
    expect((await act(endRoute, b.id, stranger.token, { suffix: "/end" })).status).toBe(403);
    expect((await act(extendRoute, b.id, stranger.token, { suffix: "/extend", body: { minutes: 15 } })).status).toBe(403);
    expect((await act(checkinRoute, b.id, attendee.token, { suffix: "/checkin" })).status).toBe(200);
    // Checked in (early) and not over: "running" in DOMAIN §2, so an attendee may extend it.
    expect((await act(extendRoute, b.id, attendee.token, { suffix: "/extend", body: { minutes: 15 } })).status).toBe(200);
  });

  // CONTRACT §4: a device token is accepted only on the panel endpoints (tests/api/panel-*.test.ts), even for its
  // own room's bookings: the tablet checks in and ends through /api/panel/meetings/….
  it("a device token gets 403 on every booking and room endpoint, its own room's included", async () => {
    const b = await insertBooking({ roomId, organizerId: organizer.id, startInMinutes: 5, durationMinutes: 30 });
    for (const token of [device.token, otherDevice.token]) {
      expect((await act(checkinRoute, b.id, token, { suffix: "/checkin" })).status).toBe(403);
      expect((await act(endRoute, b.id, token, { suffix: "/end" })).status).toBe(403);
      expect((await act(extendRoute, b.id, token, { suffix: "/extend", body: { minutes: 15 } })).status).toBe(403);
      expect((await act(itemRoute, b.id, token, { method: "GET" })).status).toBe(403);
      expect((await act(itemRoute, b.id, token, { method: "PATCH", body: { title: "Tablet" } })).status).toBe(403);
      expect((await act(itemRoute, b.id, token, { method: "DELETE" })).status).toBe(403);
    }
    const res = await call(bookingsRoute, { path: "/api/bookings", token: device.token, body: { roomId, title: "Tablet", ...futureSlot() } });
    expect(res.status).toBe(403);
    expect(res.json.message).toMatch(/panel endpoints/);
    expect((await call(bookingsRoute, { path: "/api/bookings", token: device.token })).status).toBe(403);
    const date = new Date().toISOString().slice(0, 10);
    const day = (id: string) => call(roomDayRoute, { path: `/api/rooms/${id}/bookings?date=${date}`, params: { roomId: id }, token: device.token });
    expect((await day(roomId)).status).toBe(403);
    expect((await day(otherRoomId)).status).toBe(403);
    expect((await act(itemRoute, b.id, stranger.token, { method: "GET" })).status).toBe(200);
  });

  it("a revoked device token is a 401", async () => {
    const { getDb } = await import("@/db/client");
    const { devices } = await import("@/db/schema");
    await (await getDb()).update(devices).set({ revokedAt: new Date() });
    const res = await call(bookingsRoute, { path: "/api/bookings", token: device.token });
    expect(res.status).toBe(401);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as bookingCheckinRoute from "@/app/api/bookings/[bookingId]/checkin/route";
import * as bookingEndRoute from "@/app/api/bookings/[bookingId]/end/route";
import * as bookingExtendRoute from "@/app/api/bookings/[bookingId]/extend/route";
import * as bookingRoute from "@/app/api/bookings/[bookingId]/route";
import * as bookingsRoute from "@/app/api/bookings/route";
import * as buildingRoute from "@/app/api/buildings/[buildingId]/route";
import * as panelCheckinRoute from "@/app/api/panel/meetings/[meetingId]/checkin/route";
import * as panelEndRoute from "@/app/api/panel/meetings/[meetingId]/end/route";
import * as panelExtendRoute from "@/app/api/panel/meetings/[meetingId]/extend/route";
import * as panelReleaseRoute from "@/app/api/panel/meetings/[meetingId]/release/route";
import * as bookNowRoute from "@/app/api/panel/rooms/[roomId]/book-now/route";
import * as roomRoute from "@/app/api/rooms/[roomId]/route";
import * as roomsRoute from "@/app/api/rooms/route";
import * as settingsRoute from "@/app/api/settings/route";
import { runSweepOnce } from "@/lib/sweep/service";
import { futureSlot, insertBooking } from "@/tests/fixtures/bookings";
import { insertDevice } from "@/tests/fixtures/devices";
import { createTestRoom } from "@/tests/fixtures/rooms";
import { call, createTestUser, resetDatabase, type TestUser } from "@/tests/helpers";
import { ALL_ROOMS, onRealtimeEvents } from "./service";

// DOMAIN §6: every committed change of a room's state issues NOTIFY room_events '<roomId>' in its transaction —
// whoever makes it: the booking API, the panel, the sweep, an admin. Heard here through this process's LISTEN
// session, exactly as the event streams hear it; a write that fails notifies nobody.

let heard: string[] = [];
let stop: () => void;
let user: TestUser;
let admin: TestUser;
let room: Awaited<ReturnType<typeof createTestRoom>>;
let device: { token: string };

beforeAll(async () => {
  stop = await onRealtimeEvents({ roomChanged: (id) => heard.push(id) });
});
afterAll(() => stop());

beforeEach(async () => {
  await resetDatabase();
  user = await createTestUser();
  admin = await createTestUser({ role: "admin" });
  room = await createTestRoom();
  device = await insertDevice(room.id);
  heard = [];
});

/** Runs `write`, expects `status`, and returns the room ids notified by it (waiting for the delivery). */
async function notifiedBy(write: () => Promise<{ status: number }>, status: number, expectAny = true): Promise<string[]> {
  heard = [];
  const res = await write();
  expect(res.status).toBe(status);
  if (expectAny) await expect.poll(() => heard.length, { timeout: 2_000 }).toBeGreaterThan(0);
  else await new Promise((r) => setTimeout(r, 200));
  return [...new Set(heard)];
}

const post = (route: Record<string, unknown>, path: string, params: Record<string, string>, token: string, body?: unknown) =>
  call(route, { method: "POST", path, params, token, body });

describe("NOTIFY room_events on every write path", () => {
  it("the booking API: create, edit, cancel, check in, extend, end — and not a refused create", async () => {
    const slot = futureSlot(3);
    let id = "";
    expect(
      await notifiedBy(async () => {
        const res = await call(bookingsRoute, { path: "/api/bookings", token: user.token, body: { roomId: room.id, title: "T", ...slot } });
        id = res.json.data.id;
        return res;
      }, 201),
    ).toEqual([room.id]);
    expect(await notifiedBy(() => call(bookingsRoute, { path: "/api/bookings", token: user.token, body: { roomId: room.id, title: "T", ...slot } }), 409, false)).toEqual([]);
    expect(await notifiedBy(() => call(bookingRoute, { method: "PATCH", path: `/api/bookings/${id}`, params: { bookingId: id }, token: user.token, body: { title: "T2" } }), 200)).toEqual([room.id]);
    expect(await notifiedBy(() => call(bookingRoute, { method: "DELETE", path: `/api/bookings/${id}`, params: { bookingId: id }, token: user.token }), 200)).toEqual([room.id]);

    const soon = await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: 5, durationMinutes: 30 });
    const p = { bookingId: soon.id };
    expect(await notifiedBy(() => post(bookingCheckinRoute, `/api/bookings/${soon.id}/checkin`, p, user.token), 200)).toEqual([room.id]);
    expect(await notifiedBy(() => post(bookingExtendRoute, `/api/bookings/${soon.id}/extend`, p, user.token, { minutes: 15 }), 200)).toEqual([room.id]);
    expect(await notifiedBy(() => post(bookingEndRoute, `/api/bookings/${soon.id}/end`, p, user.token), 200)).toEqual([room.id]);
  });

  it("the panel: book now, extend, end, check in, release", async () => {
    let walkIn = "";
    expect(
      await notifiedBy(async () => {
        const res = await post(bookNowRoute, `/api/panel/rooms/${room.id}/book-now`, { roomId: room.id }, device.token, { durationMinutes: 15 });
        walkIn = res.json.data.id;
        return res;
      }, 201),
    ).toEqual([room.id]);
    const m = { meetingId: walkIn };
    expect(await notifiedBy(() => post(panelExtendRoute, `/api/panel/meetings/${walkIn}/extend`, m, device.token, { minutes: 15 }), 200)).toEqual([room.id]);
    expect(await notifiedBy(() => post(panelEndRoute, `/api/panel/meetings/${walkIn}/end`, m, device.token), 200)).toEqual([room.id]);

    const next = await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: 5, durationMinutes: 30 });
    expect(await notifiedBy(() => post(panelCheckinRoute, `/api/panel/meetings/${next.id}/checkin`, { meetingId: next.id }, device.token), 200)).toEqual([room.id]);
    const ghostRoom = await createTestRoom();
    const ghostDevice = await insertDevice(ghostRoom.id);
    const ghost = await insertBooking({ roomId: ghostRoom.id, organizerId: user.id, startInMinutes: -3, durationMinutes: 30 });
    expect(await notifiedBy(() => post(panelReleaseRoute, `/api/panel/meetings/${ghost.id}/release`, { meetingId: ghost.id }, ghostDevice.token), 200)).toEqual([ghostRoom.id]);
  });

  it("the sweep: released no-shows and completed meetings, one NOTIFY per room", async () => {
    const second = await createTestRoom();
    await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -30, durationMinutes: 60 });
    await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -120, durationMinutes: 30 });
    await insertBooking({ roomId: second.id, organizerId: user.id, startInMinutes: -90, durationMinutes: 60, checkedIn: true });
    heard = [];
    const report = await runSweepOnce();
    expect(report).toMatchObject({ noShows: 2, completed: 1 });
    await expect.poll(() => [...heard].sort(), { timeout: 2_000 }).toEqual([room.id, second.id].sort());
  });

  it("an admin: creating, editing and deleting a room; renaming its building; the settings (every room)", async () => {
    expect(await notifiedBy(() => call(roomRoute, { method: "PATCH", path: `/api/rooms/${room.id}`, params: { roomId: room.id }, token: admin.token, body: { capacity: 9 } }), 200)).toEqual([room.id]);
    expect(
      await notifiedBy(() => call(buildingRoute, { method: "PATCH", path: `/api/buildings/${room.buildingId}`, params: { buildingId: room.buildingId }, token: admin.token, body: { name: "Renamed HQ" } }), 200),
    ).toEqual([room.id]);
    let created = "";
    expect(
      await notifiedBy(async () => {
        const res = await call(roomsRoute, { path: "/api/rooms", token: admin.token, body: { name: "Fresh", buildingId: room.buildingId, floor: 1, capacity: 4 } });
        created = res.json.data.id;
        return res;
      }, 201),
    ).toEqual([created]);
    expect(await notifiedBy(() => call(roomRoute, { method: "DELETE", path: `/api/rooms/${created}`, params: { roomId: created }, token: admin.token }), 200)).toEqual([created]);
    expect(await notifiedBy(() => call(settingsRoute, { method: "PATCH", path: "/api/settings", token: admin.token, body: { checkinWindowMinutes: 10 } }), 200)).toEqual([ALL_ROOMS]);
  });
});

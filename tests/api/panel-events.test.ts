import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as deviceRoute from "@/app/api/panel/devices/[id]/route";
import * as eventsRoute from "@/app/api/panel/rooms/[roomId]/events/route";
import * as bookingsRoute from "@/app/api/bookings/route";
import * as roomRoute from "@/app/api/rooms/[roomId]/route";
import { getDb, getHandle } from "@/db/client";
import { roomEventsStats } from "@/lib/panel/service";
import { futureSlot } from "../fixtures/bookings";
import { insertDevice } from "../fixtures/devices";
import { createTestRoom } from "../fixtures/rooms";
import { zoneAtNoon } from "@/e2e/support/time";
import { openStream, type OpenStream } from "../fixtures/sse";
import { call, createTestUser, resetDatabase, type TestUser } from "../helpers";

// CONTRACT 4.4 over the route handler: the stream's framing, live pushes from committed writes (through this
// process's LISTEN session, on PostgreSQL and on PGlite alike), pushes at moments without writes, reconnection,
// revocation and cleanup.

let admin: TestUser;
let user: TestUser;
let roomId: string;
const streams: OpenStream[] = [];

beforeEach(async () => {
  await resetDatabase();
  admin = await createTestUser({ role: "admin" });
  user = await createTestUser();
  // A zone where it is about noon now, so that every meeting booked below is on the room's local today (the panel
  // shows today's meetings) whatever the hour of the run: in UTC a booking an hour ahead at 23:30 was tomorrow's.
  roomId = (await createTestRoom({ timezone: zoneAtNoon() })).id;
});

afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await expect.poll(() => roomEventsStats().streams).toBe(0);
});

async function open(id: string, token: string, opts: { query?: boolean; lastEventId?: string } = {}) {
  const headers: Record<string, string> = {};
  if (!opts.query) headers.authorization = `Bearer ${token}`;
  if (opts.lastEventId) headers["last-event-id"] = opts.lastEventId;
  const stream = await openStream(eventsRoute.GET, {
    path: `/api/panel/rooms/${id}/events${opts.query ? `?token=${encodeURIComponent(token)}` : ""}`,
    params: { roomId: id },
    headers,
  });
  streams.push(stream);
  return stream;
}

function book(startTime: string, endTime: string, title = "Live") {
  return call(bookingsRoute, { path: "/api/bookings", token: user.token, body: { roomId, title, startTime, endTime } });
}

describe("GET /api/panel/rooms/{roomId}/events", () => {
  it("sends retry: 3000 first, then the state at once as event room_state with an id, with the SSE headers", async () => {
    const device = await insertDevice(roomId);
    const s = await open(roomId, device.token, { query: true });
    expect(s.status).toBe(200);
    expect(s.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(s.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(s.headers.get("x-accel-buffering")).toBe("no");
    await s.next((e) => e.event === "room_state");
    expect(s.events[0]).toEqual({ retry: "3000" });
    const first = s.events[1];
    expect(first.id).toBe("1");
    const payload = JSON.parse(first.data!);
    expect(payload.type).toBe("room_state_update");
    expect(payload.data).toMatchObject({ room: { id: roomId }, status: "available", currentMeeting: null });
    expect(Math.abs(Date.parse(payload.data.serverTime) - Date.now())).toBeLessThan(2_000);
  });

  it("pushes a booking made by someone else within a second, with increasing ids, and nothing for a write that changes nothing", async () => {
    const s = await open(roomId, admin.token);
    await s.next((e) => e.event === "room_state");
    const start = new Date(Date.now() + 10 * 60_000);
    const res = await book(start.toISOString(), new Date(start.getTime() + 30 * 60_000).toISOString());
    expect(res.status).toBe(201);
    // Committed once the API has answered: the event is there within a second of that (often already before it).
    const pushed = await s.next((e) => e.event === "room_state", 1_000);
    expect(pushed.id).toBe("2");
    const state = JSON.parse(pushed.data!).data;
    expect(state.status).toBe("upcoming");
    expect(state.nextMeeting.title).toBe("Live");
    // A booking of another room and a NOTIFY with no change of this room's state push nothing here.
    const before = s.events.length;
    const db = await getDb();
    await db.execute(sql`select pg_notify('room_events', ${roomId})`);
    const elsewhere = await createTestRoom();
    await call(bookingsRoute, { path: "/api/bookings", token: user.token, body: { roomId: elsewhere.id, title: "Elsewhere", ...futureSlot(2) } });
    await new Promise((r) => setTimeout(r, 300));
    expect(s.events.slice(before).filter((e) => e.event === "room_state")).toHaveLength(0);
  });

  it("pushes the moment a meeting starts, with no write at that moment", async () => {
    const start = new Date(Date.now() + 2_000);
    expect((await book(start.toISOString(), new Date(start.getTime() + 30 * 60_000).toISOString())).status).toBe(201);
    const s = await open(roomId, admin.token);
    await s.next((e) => e.event === "room_state");
    expect(s.states()[0].status).toBe("upcoming");
    const occupied = await s.next((e) => e.event === "room_state" && JSON.parse(e.data!).data.status === "occupied", 4_000);
    // On time: within a second of the start.
    expect(Date.now() - start.getTime()).toBeLessThan(1_000);
    expect(JSON.parse(occupied.data!).data.currentMeeting.title).toBe("Live");
  });

  it("answers a reconnection (Last-Event-ID) with the current state and ids continuing after it", async () => {
    const s = await open(roomId, admin.token, { lastEventId: "41" });
    const first = await s.next((e) => e.event === "room_state");
    expect(first.id).toBe("42");
  });

  it("404 before the stream for an unknown room; 401 for a bad token; 403 for another room's tablet", async () => {
    const unknown = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    const missing = await open(unknown, admin.token);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/json/);
    expect((await open(roomId, "ctd_not-a-device-token", { query: true })).status).toBe(401);
    expect((await open(roomId, "garbage", { query: true })).status).toBe(401);
    const other = await insertDevice((await createTestRoom()).id);
    expect((await open(roomId, other.token, { query: true })).status).toBe(403);
  });

  it("cleans up on disconnect: no subscriber, room or timer left behind", async () => {
    const a = await open(roomId, admin.token);
    const b = await open(roomId, admin.token);
    await a.next((e) => e.event === "room_state");
    await b.next((e) => e.event === "room_state");
    expect(roomEventsStats()).toEqual({ rooms: 1, streams: 2 });
    a.abort();
    await expect.poll(() => roomEventsStats()).toEqual({ rooms: 1, streams: 1 });
    b.abort();
    await expect.poll(() => roomEventsStats()).toEqual({ rooms: 0, streams: 0 });
  });

  it("closes the stream of a revoked tablet", async () => {
    const device = await insertDevice(roomId);
    const s = await open(roomId, device.token, { query: true });
    await s.next((e) => e.event === "room_state");
    const res = await call(deviceRoute, { method: "DELETE", path: `/api/panel/devices/${device.id}`, params: { id: device.id }, token: admin.token });
    expect(res.status).toBe(200);
    await s.ended;
    expect((await open(roomId, device.token, { query: true })).status).toBe(401);
  });

  it("sends a moved tablet its new room's state, then closes its stream", async () => {
    const device = await insertDevice(roomId);
    const s = await open(roomId, device.token, { query: true });
    await s.next((e) => e.event === "room_state");
    const newRoom = await createTestRoom({ name: "New home" });
    const res = await call(deviceRoute, {
      method: "PATCH",
      path: `/api/panel/devices/${device.id}`,
      params: { id: device.id },
      token: admin.token,
      body: { roomId: newRoom.id },
    });
    expect(res.status).toBe(200);
    await s.ended;
    expect(s.states().at(-1)!.room).toMatchObject({ id: newRoom.id, name: "New home" });
  });

  it("an admin editing the room pushes its new name; deleting it ends the stream", async () => {
    const s = await open(roomId, admin.token);
    await s.next((e) => e.event === "room_state");
    await call(roomRoute, { method: "PATCH", path: `/api/rooms/${roomId}`, params: { roomId }, token: admin.token, body: { name: "Renamed", maintenance: true } });
    const renamed = await s.next((e) => e.event === "room_state", 1_000);
    expect(JSON.parse(renamed.data!).data).toMatchObject({ room: { name: "Renamed" }, status: "offline" });
    await call(roomRoute, { method: "DELETE", path: `/api/rooms/${roomId}`, params: { roomId }, token: admin.token });
    await s.ended;
  });

  it("after the LISTEN connection drops, it reconnects and every open stream gets a fresh state", async () => {
    const handle = await getHandle();
    if (handle.kind !== "postgres") return; // the embedded database's LISTEN is in-process and cannot drop
    const s = await open(roomId, admin.token);
    await s.next((e) => e.event === "room_state");
    const from = s.events.length;
    await handle.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'circle-time-listen' and datname = current_database()`);
    const fresh = await s.next((e) => e.event === "room_state", 5_000, from);
    expect(JSON.parse(fresh.data!).data.room.id).toBe(roomId);
    // And it listens again: a new booking still arrives.
    const start = new Date(Date.now() + 60 * 60_000);
    const after = s.events.length;
    await book(start.toISOString(), new Date(start.getTime() + 30 * 60_000).toISOString(), "After the drop");
    const pushed = await s.next((e) => e.event === "room_state", 2_000, after);
    expect(JSON.parse(pushed.data!).data.upcomingMeetings.map((m: { title: string }) => m.title)).toContain("After the drop");
  });
});

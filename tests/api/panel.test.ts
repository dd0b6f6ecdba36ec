import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as issueRoute from "@/app/api/issues/[id]/route";
import * as issuesRoute from "@/app/api/issues/route";
import * as checkinRoute from "@/app/api/panel/meetings/[meetingId]/checkin/route";
import * as endRoute from "@/app/api/panel/meetings/[meetingId]/end/route";
import * as extendRoute from "@/app/api/panel/meetings/[meetingId]/extend/route";
import * as releaseRoute from "@/app/api/panel/meetings/[meetingId]/release/route";
import * as bookNowRoute from "@/app/api/panel/rooms/[roomId]/book-now/route";
import * as reportRoute from "@/app/api/panel/rooms/[roomId]/issues/route";
import * as stateRoute from "@/app/api/panel/rooms/[roomId]/state/route";
import * as roomsRoute from "@/app/api/rooms/route";
import * as settingsRoute from "@/app/api/settings/route";
import { getDb } from "@/db/client";
import { bookings, devices, notificationOutbox } from "@/db/schema";
import { insertBooking } from "../fixtures/bookings";
import { insertDevice } from "../fixtures/devices";
import { createTestRoom } from "../fixtures/rooms";
import { call, createTestUser, resetDatabase, type TestUser } from "../helpers";

// CONTRACT §4 over the route handlers: the state (DOMAIN §3), every action's rules and 409s (DOMAIN §2), issue
// reports, and the device token's scope.

const MINUTE = 60_000;
let admin: TestUser;
let organizer: TestUser;
let stranger: TestUser;
let room: Awaited<ReturnType<typeof createTestRoom>>;
let device: Awaited<ReturnType<typeof insertDevice>>;

beforeEach(async () => {
  await resetDatabase();
  admin = await createTestUser({ role: "admin" });
  organizer = await createTestUser({ name: "Grace Hopper" });
  stranger = await createTestUser();
  room = await createTestRoom({ name: "Aurora", capacity: 6, floor: 2, timezone: "UTC" });
  device = await insertDevice(room.id, "Aurora door");
});

const state = (roomId = room.id, token = device.token) => call(stateRoute, { path: `/api/panel/rooms/${roomId}/state`, params: { roomId }, token });
const meetingAction = (route: Record<string, unknown>, action: string, id: string, token = device.token, body?: unknown) =>
  call(route, { method: "POST", path: `/api/panel/meetings/${id}/${action}`, params: { meetingId: id }, token, body });
const bookNow = (durationMinutes: unknown, roomId = room.id, token = device.token) =>
  call(bookNowRoute, { path: `/api/panel/rooms/${roomId}/book-now`, params: { roomId }, token, body: { durationMinutes } });
const meeting = (opts: { start: number; duration?: number; checkedIn?: boolean; title?: string; roomId?: string }) =>
  insertBooking({ roomId: opts.roomId ?? room.id, organizerId: organizer.id, startInMinutes: opts.start, durationMinutes: opts.duration ?? 60, checkedIn: opts.checkedIn, title: opts.title });

describe("4.1 GET /api/panel/rooms/{roomId}/state", () => {
  it("available with nothing today; the room, settings and serverTime", async () => {
    const res = await state();
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({
      room: { id: room.id, name: "Aurora", building: expect.any(String), floor: 2, capacity: 6 },
      status: "available",
      currentMeeting: null,
      nextMeeting: null,
      upcomingMeetings: [],
      checkIn: null,
      settings: { checkinWindowMinutes: 15, autoReleaseMinutes: 15 },
    });
    expect(Math.abs(Date.parse(res.json.data.serverTime) - Date.now())).toBeLessThan(2_000);
    expect(Date.parse(res.json.data.lastUpdated)).toBeLessThanOrEqual(Date.parse(res.json.data.serverTime));
  });

  it("upcoming within 15 minutes, with the next meeting's check-in window; available when further away", async () => {
    const soon = await meeting({ start: 10, duration: 30, title: "Soon" });
    const res = await state();
    expect(res.json.data.status).toBe("upcoming");
    expect(res.json.data.nextMeeting).toMatchObject({
      id: soon.id,
      title: "Soon",
      organizer: "Grace Hopper",
      organizerEmail: organizer.email,
      startTime: soon.startTime.toISOString(),
      endTime: soon.endTime.toISOString(),
      attendeeCount: 1,
      checkedIn: false,
      checkedInAt: null,
    });
    expect(res.json.data.checkIn).toEqual({
      opensAt: new Date(soon.startTime.getTime() - 15 * MINUTE).toISOString(),
      closesAt: new Date(soon.startTime.getTime() + 15 * MINUTE).toISOString(),
    });
    await (await getDb()).update(bookings).set({ startTime: new Date(Date.now() + 20 * MINUTE), endTime: new Date(Date.now() + 50 * MINUTE) }).where(eq(bookings.id, soon.id));
    expect((await state()).json.data.status).toBe("available");
  });

  it("occupied by the current meeting; upcomingMeetings = the rest of the local day after it, next first", async () => {
    // Europe/Berlin-free: this room is in UTC, so "today" is the UTC day; keep the test away from midnight.
    const minutesToMidnight = (Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1) - Date.now()) / MINUTE;
    const current = await meeting({ start: -10, duration: 20, checkedIn: true, title: "Now" });
    const later = minutesToMidnight > 45 ? await meeting({ start: 30, duration: 10, title: "Later" }) : null;
    await meeting({ start: Math.ceil(minutesToMidnight) + 60, duration: 30, title: "Tomorrow" });
    await meeting({ start: 15, duration: 10, title: "Cancelled" }).then((b) =>
      getDb().then((db) => db.update(bookings).set({ status: "cancelled" }).where(eq(bookings.id, b.id))),
    );
    const res = await state();
    expect(res.json.data.status).toBe("occupied");
    expect(res.json.data.currentMeeting).toMatchObject({ id: current.id, title: "Now", checkedIn: true });
    expect(res.json.data.upcomingMeetings.map((m: { title: string }) => m.title)).toEqual(later ? ["Later"] : []);
    expect(res.json.data.nextMeeting?.title ?? null).toBe(later ? "Later" : null);
  });

  it("offline while the room is in maintenance", async () => {
    const off = await createTestRoom({ maintenance: true });
    expect((await state(off.id, admin.token)).json.data.status).toBe("offline");
  });

  it("releases the room's overdue no-shows before answering (and emails the organizer)", async () => {
    const ghost = await meeting({ start: -20, duration: 60, title: "Ghost" });
    const res = await state();
    expect(res.json.data.status).toBe("available");
    expect(res.json.data.currentMeeting).toBeNull();
    const [row] = await (await getDb()).select().from(bookings).where(eq(bookings.id, ghost.id));
    expect(row.status).toBe("no_show");
    const mails = await (await getDb()).select().from(notificationOutbox);
    expect(mails.map((m) => m.kind)).toEqual(["booking_no_show"]);
  });

  it("404 unknown room (and non-UUID); 403 another room's tablet; 401 no or a bad token; users may read any room", async () => {
    const unknown = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    expect((await state(unknown, admin.token)).status).toBe(404);
    expect((await state("nope", admin.token)).status).toBe(404);
    const other = await createTestRoom();
    const forbidden = await state(other.id);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.code).toBe("forbidden");
    expect((await call(stateRoute, { path: `/api/panel/rooms/${room.id}/state`, params: { roomId: room.id } })).status).toBe(401);
    expect((await state(room.id, "ctd_forged")).status).toBe(401);
    expect((await state(other.id, stranger.token)).status).toBe(200);
  });
});

describe("device token scope", () => {
  it("403 on non-panel endpoints; 401 everywhere once revoked", async () => {
    const rooms = await call(roomsRoute, { path: "/api/rooms", token: device.token });
    expect(rooms.status).toBe(403);
    expect((await call(settingsRoute, { path: "/api/settings", token: device.token })).status).toBe(403);
    expect((await call(issuesRoute, { path: "/api/issues", token: device.token })).status).toBe(403);
    await (await getDb()).update(devices).set({ revokedAt: new Date() }).where(eq(devices.id, device.id));
    expect((await state()).status).toBe(401);
    expect((await call(roomsRoute, { path: "/api/rooms", token: device.token })).status).toBe(401);
  });
});

describe("4.2 check-in and 4.3 end", () => {
  it("checks in inside the window with the contract's message; 409 when already checked in", async () => {
    const b = await meeting({ start: 5, duration: 30 });
    const res = await meetingAction(checkinRoute, "checkin", b.id);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ success: true, message: "Checked in successfully", data: { checkedIn: true } });
    expect(Math.abs(Date.parse(res.json.data.checkedInAt) - Date.now())).toBeLessThan(5_000);
    const again = await meetingAction(checkinRoute, "checkin", b.id);
    expect(again.status).toBe(409);
    expect(again.json.message).toBe("Already checked in");
  });

  it("409 before the window opens (saying when) and after it closed; 403 another room's tablet and a stranger; 404", async () => {
    const early = await meeting({ start: 60, duration: 30 });
    const before = await meetingAction(checkinRoute, "checkin", early.id);
    expect(before.status).toBe(409);
    expect(before.json.message).toMatch(/^Check-in opens at/);
    const other = await insertDevice((await createTestRoom()).id);
    expect((await meetingAction(checkinRoute, "checkin", early.id, other.token)).status).toBe(403);
    expect((await meetingAction(checkinRoute, "checkin", early.id, stranger.token)).status).toBe(403);
    expect((await meetingAction(checkinRoute, "checkin", "3f2504e0-4f89-41d3-9a0c-0305e82c3301")).status).toBe(404);
    // Past start + autoReleaseMinutes and not yet released by the sweep: the window has closed.
    const late = await meeting({ start: -16 - 60 * 3, duration: 60 * 4 });
    const after = await meetingAction(checkinRoute, "checkin", late.id);
    expect(after.status).toBe(409);
    expect(after.json.message).toBe("Check-in window has closed");
  });

  it("ends a checked-in meeting with freedMinutes and the contract's message, emailing the organizer; 409 otherwise", async () => {
    const running = await meeting({ start: -10, duration: 60, checkedIn: true });
    const res = await meetingAction(endRoute, "end", running.id);
    expect(res.status).toBe(200);
    expect(res.json.message).toBe("Meeting ended");
    const expected = Math.floor((running.endTime.getTime() - Date.now()) / MINUTE);
    expect(res.json.data.freedMinutes).toBeGreaterThanOrEqual(expected - 1);
    expect(res.json.data.freedMinutes).toBeLessThanOrEqual(expected);
    expect(Object.keys(res.json.data)).toEqual(["freedMinutes"]);
    const mails = await (await getDb()).select().from(notificationOutbox);
    expect(mails.map((m) => m.kind)).toEqual(["booking_ended_early"]);
    expect((await meetingAction(endRoute, "end", running.id)).status).toBe(409);
    const notIn = await meeting({ start: 5 });
    const refused = await meetingAction(endRoute, "end", notIn.id);
    expect(refused.status).toBe(409);
    expect(refused.json.message).toBe("Only a checked-in meeting can be ended");
  });
});

describe("ext extend and release", () => {
  it("extends a running meeting up to the next booking; 409 into it, 409 when not running, 400 bad minutes", async () => {
    const running = await meeting({ start: -10, duration: 40, checkedIn: true });
    await meeting({ start: 60, duration: 30 });
    const res = await meetingAction(extendRoute, "extend", running.id, device.token, { minutes: 15 });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ id: running.id, endTime: new Date(running.endTime.getTime() + 15 * MINUTE).toISOString(), checkedIn: true });
    const clash = await meetingAction(extendRoute, "extend", running.id, device.token, { minutes: 30 });
    expect(clash.status).toBe(409);
    expect(clash.json.message).toMatch(/booked right after/);
    const notRunning = await meeting({ start: 120, duration: 30 });
    expect((await meetingAction(extendRoute, "extend", notRunning.id, device.token, { minutes: 15 })).status).toBe(409);
    for (const minutes of [10, 0, 135, "15"]) {
      expect((await meetingAction(extendRoute, "extend", running.id, device.token, { minutes })).status).toBe(400);
    }
  });

  it("release ('nobody is coming') in the window before check-in: no_show ended now, freedMinutes, the organizer emailed", async () => {
    const started = await meeting({ start: -5, duration: 60 });
    const res = await meetingAction(releaseRoute, "release", started.id);
    expect(res.status).toBe(200);
    const expected = Math.floor((started.endTime.getTime() - Date.now()) / MINUTE);
    expect(res.json.data.freedMinutes).toBeGreaterThanOrEqual(expected - 1);
    expect(res.json.data.freedMinutes).toBeLessThanOrEqual(expected);
    const [row] = await (await getDb()).select().from(bookings).where(eq(bookings.id, started.id));
    expect(row.status).toBe("no_show");
    expect(Math.abs(row.endedAt!.getTime() - Date.now())).toBeLessThan(5_000);
    expect((await (await getDb()).select().from(notificationOutbox)).map((m) => m.kind)).toEqual(["booking_no_show"]);
    expect((await state()).json.data.status).toBe("available");

    // Still ahead (in the window): freed from its start.
    const ahead = await meeting({ start: 10, duration: 30 });
    expect((await meetingAction(releaseRoute, "release", ahead.id)).json.data.freedMinutes).toBe(30);
  });

  it("release: 409 once checked in, before the window, and for a cancelled booking", async () => {
    const checked = await meeting({ start: -5, duration: 60, checkedIn: true });
    const refused = await meetingAction(releaseRoute, "release", checked.id);
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(/checked in/);
    const early = await meeting({ start: 90, duration: 30 });
    const before = await meetingAction(releaseRoute, "release", early.id);
    expect(before.status).toBe(409);
    expect(before.json.message).toMatch(/check-in window, which opens at/);
    const cancelled = await insertBooking({ roomId: room.id, organizerId: organizer.id, startInMinutes: 200, status: "cancelled" });
    expect((await meetingAction(releaseRoute, "release", cancelled.id)).status).toBe(409);
    expect((await meetingAction(releaseRoute, "release", early.id, stranger.token)).status).toBe(403);
  });
});

describe("ext book-now", () => {
  it("books from now, already checked in, as Walk-in; the room is then occupied", async () => {
    const res = await bookNow(30);
    expect(res.status).toBe(201);
    const m = res.json.data;
    expect(m).toMatchObject({ title: "Walk-in", organizer: "Walk-in", attendeeCount: 1, checkedIn: true });
    expect(Math.abs(Date.parse(m.startTime) - Date.now())).toBeLessThan(5_000);
    expect(Date.parse(m.endTime) - Date.parse(m.startTime)).toBe(30 * MINUTE);
    const s = (await state()).json.data;
    expect(s.status).toBe("occupied");
    expect(s.currentMeeting.id).toBe(m.id);
    expect((await bookNow(15)).status).toBe(409);
  });

  it("only durations that fit before the next meeting: 409 saying when it starts", async () => {
    await meeting({ start: 40, duration: 30 });
    const tooLong = await bookNow(60);
    expect(tooLong.status).toBe(409);
    expect(tooLong.json.message).toMatch(/next meeting starts at \d\d:\d\d/);
    expect((await bookNow(30)).status).toBe(201);
  });

  it("400 for a duration outside {15, 30, 45, 60, 90, 120}; 409 in maintenance; 403 another room's tablet", async () => {
    for (const d of [20, 0, 180, "30", null]) expect((await bookNow(d)).status).toBe(400);
    const off = await createTestRoom({ maintenance: true });
    const offDevice = await insertDevice(off.id);
    const res = await bookNow(15, off.id, offDevice.token);
    expect(res.status).toBe(409);
    expect(res.json.message).toMatch(/out of service/);
    expect((await bookNow(15, off.id)).status).toBe(403);
  });

  it("50 concurrent book-now calls on one free room: exactly one 201", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => bookNow(30)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const rows = await (await getDb()).select().from(bookings).where(eq(bookings.roomId, room.id));
    expect(rows).toHaveLength(1);
  });
});

describe("issue reports", () => {
  const report = (body: unknown, roomId = room.id, token = device.token) =>
    call(reportRoute, { path: `/api/panel/rooms/${roomId}/issues`, params: { roomId }, token, body });

  it("a tablet reports, an admin lists (newest first, filters) and resolves or reopens", async () => {
    const first = await report({ category: "equipment", description: "  The projector flickers  " });
    expect(first.status).toBe(201);
    expect(first.json.data).toMatchObject({
      roomId: room.id,
      roomName: "Aurora",
      category: "equipment",
      description: "The projector flickers",
      status: "open",
      reportedBy: "Aurora door",
      resolvedAt: null,
    });
    const byUser = await report({ category: "temperature", description: "Too warm" }, room.id, stranger.token);
    expect(byUser.json.data.reportedBy).toBe(stranger.name);
    const elsewhere = await createTestRoom();
    await report({ category: "cleanliness", description: "Crumbs" }, elsewhere.id, admin.token);

    const list = (query = "", token = admin.token) => call(issuesRoute, { path: `/api/issues${query}`, token });
    expect((await list()).json.data.map((i: { description: string }) => i.description)).toEqual(["Crumbs", "Too warm", "The projector flickers"]);
    expect((await list(`?roomId=${room.id}`)).json.data).toHaveLength(2);
    expect((await list("?status=resolved")).json.data).toEqual([]);
    expect((await list("?status=done")).status).toBe(400);
    expect((await list("", stranger.token)).status).toBe(403);

    const patch = (id: string, body: unknown, token = admin.token) => call(issueRoute, { method: "PATCH", path: `/api/issues/${id}`, params: { id }, token, body });
    const resolved = await patch(first.json.data.id, { status: "resolved" });
    expect(resolved.status).toBe(200);
    expect(resolved.json.data.status).toBe("resolved");
    expect(Math.abs(Date.parse(resolved.json.data.resolvedAt) - Date.now())).toBeLessThan(5_000);
    expect((await list("?status=resolved")).json.data).toHaveLength(1);
    const reopened = await patch(first.json.data.id, { status: "open" });
    expect(reopened.json.data).toMatchObject({ status: "open", resolvedAt: null });
    expect((await patch(first.json.data.id, { status: "closed" })).status).toBe(400);
    expect((await patch(first.json.data.id, { status: "resolved" }, stranger.token)).status).toBe(403);
    expect((await patch("3f2504e0-4f89-41d3-9a0c-0305e82c3301", { status: "resolved" })).status).toBe(404);
  });

  it("400 for a bad category or description; 403 another room's tablet; 404 unknown room", async () => {
    const bad = await report({ category: "noise", description: "" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fields).sort()).toEqual(["category", "description"]);
    expect((await report({ category: "other", description: "x".repeat(1001) })).status).toBe(400);
    expect((await report({ category: "other", description: "x".repeat(1000) })).status).toBe(201);
    // The shared text type (issue 10 point 1): control characters, invisible-only text and lone surrogates are
    // refused; line breaks are kept; length counts characters.
    for (const description of ["a\u0000b", "a\u0007b", "\u200B\u200B", "bad \ud800"]) {
      const res = await report({ category: "other", description });
      expect(res.status, JSON.stringify(description)).toBe(400);
      expect(Object.keys(res.json.fields)).toEqual(["description"]);
    }
    const multiline = await report({ category: "other", description: "Projector:\n- flickers" });
    expect(multiline.json.data.description).toBe("Projector:\n- flickers");
    expect((await report({ category: "other", description: "🎉".repeat(1000) })).status).toBe(201);
    const other = await createTestRoom();
    expect((await report({ category: "other", description: "Hi" }, other.id)).status).toBe(403);
    expect((await report({ category: "other", description: "Hi" }, "3f2504e0-4f89-41d3-9a0c-0305e82c3301", admin.token)).status).toBe(404);
  });
});

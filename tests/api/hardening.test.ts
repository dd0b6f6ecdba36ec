/**
 * Issue 10 ("Hardening"): each numbered case of the issue as an HTTP contract test against the route handlers.
 * Points 8–11 have their own tests (lib/http/client-address.test.ts, tests/api/auth.test.ts, lib/http/route.test.ts,
 * tests/api/token-revocation.test.ts, e2e/security.spec.ts); the fuzz test is tests/api/fuzz.test.ts.
 */
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as itemRoute from "@/app/api/bookings/[bookingId]/route";
import * as endRoute from "@/app/api/bookings/[bookingId]/end/route";
import * as extendRoute from "@/app/api/bookings/[bookingId]/extend/route";
import * as bookingsRoute from "@/app/api/bookings/route";
import * as buildingsRoute from "@/app/api/buildings/route";
import * as roomDayRoute from "@/app/api/rooms/[roomId]/bookings/route";
import * as roomsRoute from "@/app/api/rooms/route";
import * as settingsRoute from "@/app/api/settings/route";
import * as usersRoute from "@/app/api/users/route";
import { getDb } from "@/db/client";
import { orgSettings } from "@/db/schema";
import { formatLocal } from "@/lib/time";
import { insertBooking } from "../fixtures/bookings";
import { createTestBuilding, createTestRoom } from "../fixtures/rooms";
import { call, createTestUser, resetDatabase, type TestUser } from "../helpers";

let user: TestUser;
let admin: TestUser;
let roomId: string;
let buildingId: string;

beforeEach(async () => {
  await resetDatabase();
  // Far enough ahead for the daylight-saving dates of 2027 below.
  await (await getDb()).update(orgSettings).set({ bookingHorizonDays: 730 });
  user = await createTestUser();
  admin = await createTestUser({ role: "admin" });
  buildingId = (await createTestBuilding({ timezone: "Europe/Berlin" })).id;
  roomId = (await createTestRoom({ buildingId })).id;
});

const book = (body: Record<string, unknown>, token = user.token) => call(bookingsRoute, { path: "/api/bookings", token, body });
const get = (module: Record<string, unknown>, path: string, token = user.token, params: Record<string, string> = {}) =>
  call(module, { path, token, params });

function expectInvalid(res: { status: number; json: { success: boolean; code: string; fields?: Record<string, string[]> } }, field: string) {
  expect(res.status).toBe(400);
  expect(res.json.success).toBe(false);
  expect(res.json.code).toBe("validation_error");
  expect(Object.keys(res.json.fields ?? {})).toContain(field);
}

describe("1. text PostgreSQL cannot store, invisible text, invalid UTF-8", () => {
  it("refuses NUL and other control characters in every free-text field and query parameter with 400", async () => {
    const slot = { startTime: "2027-01-11T10:00:00Z", endTime: "2027-01-11T11:00:00Z" };
    expectInvalid(await book({ roomId, title: "Team\u0000sync", ...slot }), "title");
    expectInvalid(await book({ roomId, title: "Team\u0007sync", ...slot }), "title");
    expectInvalid(await book({ roomId, title: "Two\nlines", ...slot }), "title");
    expectInvalid(await book({ roomId, title: "Sync", description: "a\u0000b", ...slot }), "description");
    expectInvalid(await get(roomsRoute, "/api/rooms?search=a%00b"), "search");
    expectInvalid(await get(roomsRoute, "/api/rooms?building=a%00b"), "building");
    expectInvalid(await get(usersRoute, "/api/users?search=a%00b", admin.token), "search");
    const building = await call(buildingsRoute, {
      path: "/api/buildings",
      token: admin.token,
      body: { name: "HQ\u0000", timezone: "Europe/Berlin", floors: 2 },
    });
    expectInvalid(building, "name");
    // A lone surrogate would be stored as a replacement character.
    expectInvalid(await book({ roomId, title: "Sync \ud800", ...slot }), "title");
    // Multi-line text keeps its line breaks.
    const ok = await book({ roomId, title: "Sync", description: "Agenda:\n- one\n- two", ...slot });
    expect(ok.status).toBe(201);
    expect(ok.json.data.description).toBe("Agenda:\n- one\n- two");
  });

  it("needs a visible character in required text and counts characters, not UTF-16 units", async () => {
    const slot = { startTime: "2027-01-12T10:00:00Z", endTime: "2027-01-12T11:00:00Z" };
    expectInvalid(await book({ roomId, title: "\u200B\u200B\u200B", ...slot }), "title");
    expectInvalid(await book({ roomId, title: " \u00A0\uFEFF ", ...slot }), "title");
    // Blank "letters" and symbols: Hangul fillers (default-ignorable), the blank Braille pattern.
    expectInvalid(await book({ roomId, title: "\u3164\u3164", ...slot }), "title");
    expectInvalid(await book({ roomId, title: "\u115F\uFFA0", ...slot }), "title");
    expectInvalid(await book({ roomId, title: "\u2800 \u2800", ...slot }), "title");
    const emoji = await book({ roomId, title: "🎉".repeat(200), ...slot });
    expect(emoji.status).toBe(201);
    expectInvalid(await book({ roomId, title: "🎉".repeat(201), startTime: "2027-01-13T10:00:00Z", endTime: "2027-01-13T11:00:00Z" }), "title");
  });

  it("answers 400 for a body that is not valid UTF-8 instead of storing replacement characters", async () => {
    const json = new TextEncoder().encode(JSON.stringify({ roomId, title: "Caf#", startTime: "2027-01-14T10:00:00Z", endTime: "2027-01-14T11:00:00Z" }));
    const bytes = new Uint8Array([...json]);
    bytes[bytes.indexOf("#".charCodeAt(0))] = 0xe9; // Latin-1 "é": not UTF-8
    const req = new Request("http://localhost:3000/api/bookings", {
      method: "POST",
      headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
      body: bytes,
    });
    const res = await bookingsRoute.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/UTF-8/);
  });
});

describe("2. values that pass validation and then break SQL", () => {
  it("checks the availability window after conversion to instants, naming the field", async () => {
    expectInvalid(await get(roomsRoute, "/api/rooms?availableFrom=2027-01-11T10:00:00Z&availableTo=2027-01-11T12:00"), "availableTo");
    // 02:30 does not exist in Berlin on 2027-03-28.
    expectInvalid(await get(roomsRoute, "/api/rooms?availableFrom=2027-03-28T02:30&availableTo=2027-03-28T03:00"), "availableFrom");
    expectInvalid(await get(roomsRoute, "/api/rooms?availableFrom=2027-01-11T10:00&availableTo=10000-01-01T10:00"), "availableTo");
    expectInvalid(await get(roomsRoute, "/api/rooms?availableFrom=2027-01-11T12:00&availableTo=2027-01-11T10:00"), "availableTo");
    const fine = await get(roomsRoute, "/api/rooms?availableFrom=2027-01-11T10:00&availableTo=2027-01-11T12:00");
    expect(fine.status).toBe(200);
    expect(fine.json.data.map((r: { id: string }) => r.id)).toEqual([roomId]);
  });

  it("refuses dates and date-times outside 2000–2100 with 400 everywhere", async () => {
    expectInvalid(await get(bookingsRoute, "/api/bookings?from=9999-12-30&to=9999-12-31"), "from");
    expectInvalid(await get(roomDayRoute, `/api/rooms/${roomId}/bookings?date=9999-12-31`, user.token, { roomId }), "date");
    expectInvalid(await book({ roomId, title: "Far", startTime: "9999-12-31T10:00:00Z", endTime: "9999-12-31T11:00:00Z" }), "startTime");
    expectInvalid(await book({ roomId, title: "Far", startTime: "+010000-01-01T10:00:00Z", endTime: "2027-01-01T11:00:00Z" }), "startTime");
    expectInvalid(await book({ roomId, title: "Old", startTime: "1999-12-31T10:00:00Z", endTime: "1999-12-31T11:00:00Z" }), "startTime");
  });
});

describe("3. time zones", () => {
  it("accepts only IANA zones both the runtime and PostgreSQL know; refuses POSIX-style offsets", async () => {
    const patch = (timezone: string) =>
      call(settingsRoute, { method: "PATCH", path: "/api/settings", token: admin.token, body: { timezone } });
    for (const zone of ["local", "system", "US/Pacific-New", "UTC+5", "GMT+5", "EST5EDT", "US/Pacific", "posixrules", "localtime", "Etc/Mars", "Mars/Olympus"]) {
      expectInvalid(await patch(zone), "timezone");
    }
    // Etc/GMT-3 is UTC+3 to Intl and PostgreSQL alike (IANA's inverted sign).
    for (const zone of ["America/Los_Angeles", "Asia/Kolkata", "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT-3"]) {
      expect((await patch(zone)).status).toBe(200);
    }
    const building = await call(buildingsRoute, { path: "/api/buildings", token: admin.token, body: { name: "East", timezone: "UTC+5", floors: 1 } });
    expectInvalid(building, "timezone");
    expect((await get(roomsRoute, "/api/rooms")).status).toBe(200);
  });
});

describe("4. daylight-saving edge cases", () => {
  it("stores a time that happens twice as the earlier instant, in every zone", async () => {
    const sydney = (await createTestRoom({ timezone: "Australia/Sydney" })).id;
    const berlin = await book({ roomId, title: "Twice", startTime: "2027-10-31T02:30", endTime: "2027-10-31T03:30" });
    expect(berlin.status).toBe(201);
    expect(berlin.json.data.startTime).toBe("2027-10-31T00:30:00.000Z"); // 02:30 CEST
    const syd = await book({ roomId: sydney, title: "Twice", startTime: "2027-04-04T02:30", endTime: "2027-04-04T03:30" });
    expect(syd.status).toBe(201);
    expect(syd.json.data.startTime).toBe("2027-04-03T15:30:00.000Z"); // 02:30 AEDT
  });

  it("refuses a single booking in a spring-forward gap, moves a series occurrence and reports the move", async () => {
    expectInvalid(await book({ roomId, title: "Gap", startTime: "2027-03-28T02:30", endTime: "2027-03-28T03:30" }), "startTime");
    const series = await book({
      roomId,
      title: "Daily",
      startTime: "2027-03-27T02:30",
      endTime: "2027-03-27T03:00",
      recurrence: { frequency: "daily", count: 3 },
    });
    expect(series.status).toBe(201);
    expect(series.json.data.created.map((b: { startTime: string }) => b.startTime)).toEqual([
      "2027-03-27T01:30:00.000Z",
      "2027-03-28T01:30:00.000Z", // 03:30 CEST
      "2027-03-29T00:30:00.000Z",
    ]);
    expect(series.json.data.adjusted).toEqual([{ requested: "2027-03-28T02:30", startTime: "2027-03-28T01:30:00.000Z" }]);
  });
});

describe("5. my bookings by each booking's local date", () => {
  it("finds a Los Angeles booking at 20:00 local on the 11th under the 11th, in an organisation on UTC", async () => {
    const la = (await createTestRoom({ timezone: "America/Los_Angeles" })).id;
    const created = await book({ roomId: la, title: "Evening", startTime: "2027-01-11T20:00", endTime: "2027-01-11T21:00" });
    expect(created.status).toBe(201);
    expect(created.json.data.startTime).toBe("2027-01-12T04:00:00.000Z");
    const on11 = await get(bookingsRoute, "/api/bookings?from=2027-01-11&to=2027-01-11");
    expect(on11.json.data.map((b: { id: string }) => b.id)).toEqual([created.json.data.id]);
    const on12 = await get(bookingsRoute, "/api/bookings?from=2027-01-12&to=2027-01-12");
    expect(on12.json.data).toEqual([]);
  });
});

describe("6. series and rules", () => {
  it("answers 400 with the rule when every occurrence breaks one, 409 only for conflicts", async () => {
    const tooLong = await book({
      roomId,
      title: "Marathon",
      startTime: "2027-01-11T08:00:00Z",
      endTime: "2027-01-11T17:00:00Z",
      recurrence: { frequency: "daily", count: 3 },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.message).toMatch(/between 15 and 480 minutes/);
    const beyond = await book({
      roomId,
      title: "Later",
      startTime: "2028-12-01T08:00:00Z",
      endTime: "2028-12-01T09:00:00Z",
      recurrence: { frequency: "weekly", count: 2 },
    });
    expect(beyond.status).toBe(400);
    expect(beyond.json.message).toMatch(/within 730 days/);
    // Half beyond the horizon, half fine: created, each skipped one with its own reason.
    await (await getDb()).update(orgSettings).set({ bookingHorizonDays: 60 });
    const start = new Date(Date.now() + 55 * 24 * 3600_000);
    start.setUTCHours(9, 0, 0, 0);
    const mixed = await book({
      roomId,
      title: "Mixed",
      startTime: start.toISOString(),
      endTime: new Date(start.getTime() + 3600_000).toISOString(),
      recurrence: { frequency: "weekly", count: 3 },
    });
    expect(mixed.status).toBe(201);
    expect(mixed.json.data.created.length).toBeGreaterThanOrEqual(1);
    expect(mixed.json.data.skipped.every((s: { reason: string }) => /within 60 days/.test(s.reason))).toBe(true);
  });
});

describe("6. extend is capped by maxBookingMinutes too", () => {
  it("refuses to let a meeting grow past the longest allowed booking (471 + 120 > 480) with 400", async () => {
    const b = await insertBooking({ roomId, organizerId: user.id, startInMinutes: -1, durationMinutes: 471, checkedIn: true });
    const extend = (minutes: number) =>
      call(extendRoute, { path: `/api/bookings/${b.id}/extend`, params: { bookingId: b.id }, token: user.token, body: { minutes } });
    const tooFar = await extend(120);
    expectInvalid(tooFar, "minutes");
    expect(tooFar.json.message).toMatch(/at most 480 minutes/);
    expectInvalid(await extend(15), "minutes");
  });

  it("still extends within the cap", async () => {
    const b = await insertBooking({ roomId, organizerId: user.id, startInMinutes: -1, durationMinutes: 60, checkedIn: true });
    const res = await call(extendRoute, { path: `/api/bookings/${b.id}/extend`, params: { bookingId: b.id }, token: user.token, body: { minutes: 30 } });
    expect(res.status).toBe(200);
  });
});

describe("7. stale reads", () => {
  it("shows an overdue no-show as no_show in a booking and in my bookings, before the sweep runs", async () => {
    const b = await insertBooking({ roomId, organizerId: user.id, startInMinutes: -20, durationMinutes: 60 });
    const one = await call(itemRoute, { path: `/api/bookings/${b.id}`, params: { bookingId: b.id }, token: user.token });
    expect(one.json.data.status).toBe("no_show");
    const b2 = await insertBooking({ roomId, organizerId: user.id, startInMinutes: -25, durationMinutes: 5 * 60 });
    // The building's local date of the start (GET /api/bookings reads dates in each building's zone), not the UTC
    // date: between 23:00 and 00:25 UTC the two differ and the booking was not in the list.
    const today = formatLocal(new Date(Date.now() - 25 * 60_000), "Europe/Berlin", "yyyy-MM-dd");
    const list = await get(bookingsRoute, `/api/bookings?from=${today}&to=${today}`);
    expect(list.json.data.find((x: { id: string }) => x.id === b2.id).status).toBe("no_show");
  });
});

describe("CONTRACT 3.5: an attendee may end a meeting", () => {
  it("lets an attendee end a running meeting", async () => {
    const attendee = await createTestUser();
    const b = await insertBooking({ roomId, organizerId: user.id, startInMinutes: -5, durationMinutes: 60, checkedIn: true, attendeeIds: [attendee.id] });
    const res = await call(endRoute, { path: `/api/bookings/${b.id}/end`, params: { bookingId: b.id }, token: attendee.token, method: "POST" });
    expect(res.status).toBe(200);
    expect(res.json.data.ended).toBe(true);
  });
});

describe("12. logs", () => {
  it("logs a failed user insert with its SQLSTATE and the requestId of the 500, never the hash or parameters", async () => {
    const db = await getDb();
    await db.execute(sql`create or replace function test_refuse_user() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test' using errcode = 'XX001'; end $$`);
    await db.execute(sql`create trigger test_refuse_user before insert on users for each row
      when (new.email like 'explode%') execute function test_refuse_user()`);
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack} ${JSON.stringify(a)}` : String(a))).join(" "));
    });
    try {
      const res = await call(usersRoute, {
        path: "/api/users",
        token: admin.token,
        body: { email: "explode@example.com", name: "Eve Secret", password: "a-long-enough-password" },
      });
      expect(res.status).toBe(500);
      expect(res.json).toMatchObject({ success: false, code: "internal_error" });
      expect(res.json.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const line = logged.join("\n");
      expect(line).toContain(res.json.requestId);
      expect(line).toContain("sqlstate=XX001");
      expect(line).not.toMatch(/scrypt|explode@example\.com|Eve Secret|params/);
    } finally {
      spy.mockRestore();
      await db.execute(sql`drop trigger if exists test_refuse_user on users`);
      await db.execute(sql`drop function if exists test_refuse_user()`);
    }
  });
});

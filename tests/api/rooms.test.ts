import { beforeEach, describe, expect, it } from "vitest";
import * as availabilityRoute from "@/app/api/rooms/[roomId]/availability/route";
import * as roomRoute from "@/app/api/rooms/[roomId]/route";
import * as roomsRoute from "@/app/api/rooms/route";
import { insertBooking } from "../fixtures/bookings";
import { createTestBuilding, createTestRoom } from "../fixtures/rooms";
import { call, createTestUser, resetDatabase, type TestUser } from "../helpers";
import { insertDevice } from "../fixtures/devices";

let user: TestUser;
let admin: TestUser;

beforeEach(async () => {
  await resetDatabase();
  user = await createTestUser();
  admin = await createTestUser({ role: "admin" });
});

const list = (query = "", token = user.token) => call(roomsRoute, { path: `/api/rooms${query}`, token });
const names = (res: { json: { data: { name: string }[] } }) => res.json.data.map((r) => r.name);

async function twoBuildings() {
  const berlin = await createTestBuilding({ name: "Berlin HQ", timezone: "Europe/Berlin" });
  const ny = await createTestBuilding({ name: "New York", timezone: "America/New_York" });
  const spree = await createTestRoom({ buildingId: berlin.id, name: "Spree", floor: 1, capacity: 4, amenities: ["whiteboard"] });
  const havel = await createTestRoom({ buildingId: berlin.id, name: "Havel", floor: 2, capacity: 10, amenities: ["projector", "video_conference"] });
  const hudson = await createTestRoom({ buildingId: ny.id, name: "Hudson", floor: 1, capacity: 12, amenities: ["projector", "whiteboard"] });
  const soho = await createTestRoom({ buildingId: ny.id, name: "SoHo", floor: 1, capacity: 2, maintenance: true });
  return { berlin, ny, spree, havel, hudson, soho };
}

describe("GET /api/rooms", () => {
  it("lists rooms ordered by building, floor, name with the Room shape", async () => {
    const { berlin, spree } = await twoBuildings();
    const res = await list();
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(["Spree", "Havel", "Hudson", "SoHo"]);
    expect(res.json.data[0]).toEqual({
      id: spree.id,
      name: "Spree",
      building: "Berlin HQ",
      buildingId: berlin.id,
      floor: 1,
      capacity: 4,
      amenities: ["whiteboard"],
      status: "available",
      imageUrl: null,
    });
  });

  it("filters by search (alias searchQuery), building name or id, floor, capacity (both spellings) and amenities", async () => {
    const { ny } = await twoBuildings();
    expect(names(await list("?search=ud"))).toEqual(["Hudson"]);
    expect(names(await list("?searchQuery=berlin"))).toEqual(["Spree", "Havel"]);
    expect(names(await list("?building=new%20york"))).toEqual(["Hudson", "SoHo"]);
    expect(names(await list(`?building=${ny.id}`))).toEqual(["Hudson", "SoHo"]);
    expect(names(await list("?floor=2"))).toEqual(["Havel"]);
    expect(names(await list("?min_capacity=10"))).toEqual(["Havel", "Hudson"]);
    expect(names(await list("?minCapacity=11"))).toEqual(["Hudson"]);
    expect(names(await list("?amenities=projector,whiteboard"))).toEqual(["Hudson"]);
    expect(names(await list("?search=%25"))).toEqual([]);
  });

  it.each([
    ["?floor=first", "floor"],
    ["?min_capacity=-x", "minCapacity"],
    ["?amenities=projector,jacuzzi", "amenities.1"],
    ["?status=busy", "status"],
    ["?availableFrom=2026-06-01T10:00", "availableTo"],
    ["?availableFrom=2026-06-01T10:00Z&availableTo=2026-06-01T09:00Z", "availableTo"],
    ["?availableFrom=2026-02-30T10:00&availableTo=2026-03-01T10:00", "availableFrom"],
    ["?availableFrom=soon&availableTo=later", "availableFrom"],
  ])("400 for %s naming %s", async (query, field) => {
    await twoBuildings();
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(Object.keys(res.json.fields)).toContain(field);
  });

  it("computes status in the list: occupied, reserved, maintenance, available — and a no-show waiting for the sweep frees the room", async () => {
    const { spree, havel, hudson } = await twoBuildings();
    await insertBooking({ roomId: spree.id, organizerId: user.id, startInMinutes: -10, durationMinutes: 60 });
    await insertBooking({ roomId: havel.id, organizerId: user.id, startInMinutes: 10, durationMinutes: 30 });
    // Never checked in, 20 minutes past its start: released in effect even before the sweep runs.
    await insertBooking({ roomId: hudson.id, organizerId: user.id, startInMinutes: -20, durationMinutes: 60 });
    const res = await list();
    const status = Object.fromEntries(res.json.data.map((r: { name: string; status: string }) => [r.name, r.status]));
    expect(status).toEqual({ Spree: "occupied", Havel: "reserved", Hudson: "available", SoHo: "maintenance" });
    expect(names(await list("?status=occupied"))).toEqual(["Spree"]);
    expect(names(await list("?status=maintenance"))).toEqual(["SoHo"]);
  });

  it("a checked-in meeting keeps the room occupied past the release time; a cancelled one does not count", async () => {
    const { spree, havel } = await twoBuildings();
    await insertBooking({ roomId: spree.id, organizerId: user.id, startInMinutes: -40, durationMinutes: 60, checkedIn: true });
    await insertBooking({ roomId: havel.id, organizerId: user.id, startInMinutes: -5, durationMinutes: 60, status: "cancelled" });
    expect(names(await list("?status=occupied"))).toEqual(["Spree"]);
  });

  it("availableFrom/availableTo: local times are read in each room's own zone", async () => {
    const { spree, hudson } = await twoBuildings();
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    // Spree (Berlin) busy 10:00–11:00 Berlin time; Hudson (New York) busy 10:00–11:00 New York time.
    const { getDb } = await import("@/db/client");
    const { bookings } = await import("@/db/schema");
    const db = await getDb();
    const { localTimeOn } = await import("@/lib/time");
    await db.insert(bookings).values([
      { roomId: spree.id, organizerId: user.id, title: "B", startTime: localTimeOn(day, "10:00", "Europe/Berlin"), endTime: localTimeOn(day, "11:00", "Europe/Berlin") },
      { roomId: hudson.id, organizerId: user.id, title: "N", startTime: localTimeOn(day, "10:00", "America/New_York"), endTime: localTimeOn(day, "11:00", "America/New_York") },
    ]);
    const local = await list(`?availableFrom=${day}T10:30&availableTo=${day}T11:30`);
    expect(names(local)).toEqual(["Havel", "SoHo"]);
    // The same wall-clock hour as instants in UTC hits neither booking.
    const utc = await list(`?available_from=${day}T10:30:00Z&available_to=${day}T11:30:00Z`);
    expect(names(utc)).toEqual(["Spree", "Havel", "Hudson", "SoHo"]);
  });

  it("a server keeps the directory in memory, yet a change made elsewhere shows at once, and statuses are never cached", async () => {
    const { spree, havel, berlin } = await twoBuildings();
    const { getDb } = await import("@/db/client");
    const { sql } = await import("drizzle-orm");
    const db = await getDb();
    expect(names(await list())).toEqual(["Spree", "Havel", "Hudson", "SoHo"]);
    // Written straight to the database, as another server instance or an operator would.
    await db.execute(sql`update rooms set name = 'Spree Lounge', maintenance = true where id = ${spree.id}`);
    await db.execute(sql`update buildings set name = 'Zurich Annex' where id = ${berlin.id}`);
    await db.execute(sql`delete from rooms where id = ${havel.id}`);
    const changed = await list();
    expect(changed.json.data.map((r: { name: string; building: string; status: string }) => [r.name, r.building, r.status])).toEqual([
      ["Hudson", "New York", "available"],
      ["SoHo", "New York", "maintenance"],
      ["Spree Lounge", "Zurich Annex", "maintenance"],
    ]);
    // A booking starting now changes the status with no change to the directory.
    const hudson = changed.json.data[0] as { id: string };
    await insertBooking({ roomId: hudson.id, organizerId: user.id, startInMinutes: -1, durationMinutes: 30 });
    expect((await list()).json.data[0].status).toBe("occupied");
  });

  it("costs a fixed number of queries whatever the number of rooms and bookings (no query per room)", async () => {
    const { berlin } = await twoBuildings();
    const { onQuery } = await import("@/db/client");
    const queriesFor = async (query: string) => {
      const seen: string[] = [];
      const stop = onQuery((q) => seen.push(q));
      try {
        expect((await list(query)).status).toBe(200);
      } finally {
        stop();
      }
      return seen.length;
    };
    const filtered = "?minCapacity=2&availableFrom=2030-01-07T10:00&availableTo=2030-01-07T11:00";
    await list();
    const few = { all: await queriesFor(""), filtered: await queriesFor(filtered) };

    for (let i = 0; i < 60; i++) {
      const extra = await createTestRoom({ buildingId: berlin.id, name: `Extra ${i}`, floor: 1 + (i % 3), capacity: 6 });
      if (i % 2 === 0) await insertBooking({ roomId: extra.id, organizerId: user.id, startInMinutes: (i % 20) - 10, durationMinutes: 30 });
    }
    const many = await list();
    expect(many.json.data).toHaveLength(64);
    expect(many.json.data.filter((r: { status: string }) => r.status === "occupied").length).toBeGreaterThan(5);
    expect({ all: await queriesFor(""), filtered: await queriesFor(filtered) }).toEqual(few);
    // One statement for the statuses of all rooms (the directory comes from memory), one more for filters.
    expect(few).toEqual({ all: 1, filtered: 2 });
  });

  it("a door tablet may not list rooms (403)", async () => {
    const { spree } = await twoBuildings();
    const device = await insertDevice(spree.id);
    expect((await list("", device.token)).status).toBe(403);
  });
});

describe("GET /api/rooms/{roomId}", () => {
  it("returns one room, 404 for unknown and non-UUID ids; a device token gets 403 (panel endpoints only), its own room too", async () => {
    const { spree, havel } = await twoBuildings();
    const res = await call(roomRoute, { path: `/api/rooms/${spree.id}`, params: { roomId: spree.id }, token: user.token });
    expect(res.status).toBe(200);
    expect(res.json.data.name).toBe("Spree");
    const unknown = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    expect((await call(roomRoute, { path: `/api/rooms/${unknown}`, params: { roomId: unknown }, token: user.token })).status).toBe(404);
    expect((await call(roomRoute, { path: "/api/rooms/spree", params: { roomId: "spree" }, token: user.token })).status).toBe(404);
    const device = await insertDevice(spree.id);
    expect((await call(roomRoute, { path: `/api/rooms/${spree.id}`, params: { roomId: spree.id }, token: device.token })).status).toBe(403);
    expect((await call(roomRoute, { path: `/api/rooms/${havel.id}`, params: { roomId: havel.id }, token: device.token })).status).toBe(403);
  });
});

describe("GET /api/rooms/{roomId}/availability", () => {
  const slots = (roomId: string, date: string) =>
    call(availabilityRoute, { path: `/api/rooms/${roomId}/availability?date=${date}`, params: { roomId }, token: user.token });

  it("cuts the local business day into 30-minute slots; a date is the local day even west of Greenwich", async () => {
    const la = await createTestRoom({ timezone: "America/Los_Angeles" });
    const res = await slots(la.id, "2026-06-01"); // a Monday
    expect(res.status).toBe(200);
    expect(res.json.data).toHaveLength(20);
    expect(res.json.data[0]).toEqual({ startTime: "2026-06-01T15:00:00.000Z", endTime: "2026-06-01T15:30:00.000Z", free: true });
    expect(res.json.data[19].endTime).toBe("2026-06-02T01:00:00.000Z");
    expect((await slots(la.id, "2026-06-06")).json.data).toEqual([]); // Saturday
  });

  it("gives real instants on a DST-change day and marks booked slots", async () => {
    const ny = await createTestRoom({ timezone: "America/New_York" });
    // 2026-03-09 is the Monday after the US change (Sunday 03-08): business hours are EDT, UTC-4.
    const res = await slots(ny.id, "2026-03-09");
    expect(res.json.data[0].startTime).toBe("2026-03-09T12:00:00.000Z");
    const { getDb } = await import("@/db/client");
    const { bookings } = await import("@/db/schema");
    await (await getDb()).insert(bookings).values({
      roomId: ny.id,
      organizerId: user.id,
      title: "X",
      startTime: new Date("2026-03-09T13:15:00Z"),
      endTime: new Date("2026-03-09T14:00:00Z"),
      checkedInAt: new Date("2026-03-09T13:15:00Z"),
    });
    const after = await slots(ny.id, "2026-03-09");
    expect(after.json.data.filter((s: { free: boolean }) => !s.free).map((s: { startTime: string }) => s.startTime)).toEqual([
      "2026-03-09T13:00:00.000Z",
      "2026-03-09T13:30:00.000Z",
    ]);
  });

  it("400 for a missing or impossible date, 404 for an unknown room", async () => {
    const room = await createTestRoom();
    expect((await slots(room.id, "")).status).toBe(400);
    expect((await slots(room.id, "2026-02-29")).json.fields.date).toBeDefined();
    const unknown = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    expect((await slots(unknown, "2026-06-01")).status).toBe(404);
  });
});

describe("room administration", () => {
  const create = (body: unknown, token = admin.token) => call(roomsRoute, { path: "/api/rooms", token, body });

  it("an admin creates, updates and deletes a room", async () => {
    const b = await createTestBuilding({ floors: 5 });
    const res = await create({ name: "Atlas", buildingId: b.id, floor: 3, capacity: 6, amenities: ["phone"], imageUrl: "https://img.example.com/a.jpg" });
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({ name: "Atlas", floor: 3, capacity: 6, amenities: ["phone"], status: "available", imageUrl: "https://img.example.com/a.jpg" });
    const id = res.json.data.id;
    const patched = await call(roomRoute, { method: "PATCH", path: `/api/rooms/${id}`, params: { roomId: id }, token: admin.token, body: { maintenance: true, capacity: 8 } });
    expect(patched.status).toBe(200);
    expect(patched.json.data).toMatchObject({ status: "maintenance", capacity: 8 });
    const del = await call(roomRoute, { method: "DELETE", path: `/api/rooms/${id}`, params: { roomId: id }, token: admin.token });
    expect(del.json.data).toEqual({ deleted: true });
    expect((await call(roomRoute, { path: `/api/rooms/${id}`, params: { roomId: id }, token: admin.token })).status).toBe(404);
  });

  it("409 for a duplicate name in one building (any case); the same name elsewhere is fine", async () => {
    const b = await createTestBuilding();
    const other = await createTestBuilding();
    expect((await create({ name: "Atlas", buildingId: b.id, floor: 1, capacity: 4 })).status).toBe(201);
    const dup = await create({ name: "ATLAS", buildingId: b.id, floor: 2, capacity: 4 });
    expect(dup.status).toBe(409);
    expect(dup.json.code).toBe("conflict");
    expect((await create({ name: "Atlas", buildingId: other.id, floor: 1, capacity: 4 })).status).toBe(201);
  });

  it("400 for bad fields, an unknown building, a floor above the building", async () => {
    const b = await createTestBuilding({ floors: 2 });
    for (const [body, field] of [
      [{ name: "", buildingId: b.id, floor: 1, capacity: 4 }, "name"],
      [{ name: "X", buildingId: b.id, floor: 1, capacity: 0 }, "capacity"],
      [{ name: "X", buildingId: b.id, floor: 1.5, capacity: 4 }, "floor"],
      [{ name: "X", buildingId: b.id, floor: 1, capacity: 4, amenities: ["sauna"] }, "amenities.0"],
      [{ name: "X", buildingId: b.id, floor: 1, capacity: 4, imageUrl: "javascript:alert(1)" }, "imageUrl"],
      [{ name: "X", buildingId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", floor: 1, capacity: 4 }, "buildingId"],
      [{ name: "X", buildingId: b.id, floor: 7, capacity: 4 }, "floor"],
    ] as const) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.json.fields)).toContain(field);
    }
  });

  it("a missing floor or seat count is 'is required' (what an admin form left empty sends), a string 'must be a number'", async () => {
    const b = await createTestBuilding({ floors: 2 });
    const missing = await create({ name: "X", buildingId: b.id });
    expect(missing.status).toBe(400);
    expect(missing.json.fields).toMatchObject({ floor: ["is required"], capacity: ["is required"] });
    const text = await create({ name: "X", buildingId: b.id, floor: "one", capacity: 4 });
    expect(text.json.fields).toMatchObject({ floor: ["must be a number"] });
  });

  it("403 for a member and for a device", async () => {
    const b = await createTestBuilding();
    const room = await createTestRoom({ buildingId: b.id });
    const device = await insertDevice(room.id);
    expect((await create({ name: "X", buildingId: b.id, floor: 1, capacity: 4 }, user.token)).status).toBe(403);
    expect((await create({ name: "X", buildingId: b.id, floor: 1, capacity: 4 }, device.token)).status).toBe(403);
    expect((await call(roomRoute, { method: "PATCH", path: `/api/rooms/${room.id}`, params: { roomId: room.id }, token: user.token, body: { capacity: 3 } })).status).toBe(403);
    expect((await call(roomRoute, { method: "DELETE", path: `/api/rooms/${room.id}`, params: { roomId: room.id }, token: user.token })).status).toBe(403);
  });

  it("delete is refused with 409 while the room has an upcoming booking, and allowed with only past ones", async () => {
    const room = await createTestRoom();
    const upcoming = await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: 24 * 60 });
    await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -3 * 24 * 60, status: "completed" });
    const refused = await call(roomRoute, { method: "DELETE", path: `/api/rooms/${room.id}`, params: { roomId: room.id }, token: admin.token });
    expect(refused.status).toBe(409);
    const { getDb } = await import("@/db/client");
    const { bookings } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    await (await getDb()).update(bookings).set({ status: "cancelled" }).where(eq(bookings.id, upcoming.id));
    const ok = await call(roomRoute, { method: "DELETE", path: `/api/rooms/${room.id}`, params: { roomId: room.id }, token: admin.token });
    expect(ok.status).toBe(200);
  });
});

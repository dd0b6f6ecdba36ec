import { beforeEach, describe, expect, it } from "vitest";
import * as buildingRoute from "@/app/api/buildings/[buildingId]/route";
import * as floorRoute from "@/app/api/buildings/[buildingId]/floors/[floor]/route";
import * as buildingsRoute from "@/app/api/buildings/route";
import { insertBooking } from "../fixtures/bookings";
import { insertDevice } from "../fixtures/devices";
import { createTestBuilding, createTestRoom } from "../fixtures/rooms";
import { call, createTestUser, resetDatabase, type TestUser } from "../helpers";

let user: TestUser;
let admin: TestUser;

beforeEach(async () => {
  await resetDatabase();
  user = await createTestUser();
  admin = await createTestUser({ role: "admin" });
});

const one = (id: string, opts: { method?: string; body?: unknown; token?: string } = {}) =>
  call(buildingRoute, { method: opts.method ?? "GET", path: `/api/buildings/${id}`, params: { buildingId: id }, token: opts.token ?? admin.token, body: opts.body });

describe("buildings", () => {
  it("lists buildings for any signed-in user", async () => {
    const b = await createTestBuilding({ name: "Alpha", timezone: "Asia/Tokyo", floors: 7, address: "1 Main St" });
    const res = await call(buildingsRoute, { path: "/api/buildings", token: user.token });
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual([{ id: b.id, name: "Alpha", address: "1 Main St", timezone: "Asia/Tokyo", floors: 7 }]);
  });

  it("an admin creates, renames and deletes; 409 for a duplicate name or a building with rooms", async () => {
    const res = await call(buildingsRoute, { path: "/api/buildings", token: admin.token, body: { name: "Tower", timezone: "Europe/Paris", floors: 10 } });
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({ name: "Tower", address: null, timezone: "Europe/Paris", floors: 10 });
    const id = res.json.data.id;
    expect((await call(buildingsRoute, { path: "/api/buildings", token: admin.token, body: { name: "tower", timezone: "UTC", floors: 1 } })).status).toBe(409);
    expect((await one(id, { method: "PATCH", body: { name: "Tower B", address: "2 Side St" } })).json.data).toMatchObject({ name: "Tower B", address: "2 Side St" });
    await createTestRoom({ buildingId: id, floor: 9 });
    expect((await one(id, { method: "DELETE" })).status).toBe(409);
    const shrink = await one(id, { method: "PATCH", body: { floors: 5 } });
    expect(shrink.status).toBe(400);
    expect(shrink.json.fields.floors).toBeDefined();
    const empty = await createTestBuilding();
    expect((await one(empty.id, { method: "DELETE" })).json.data).toEqual({ deleted: true });
    expect((await one(empty.id)).status).toBe(404);
  });

  it("400 for a bad time zone or floors; 403 for members", async () => {
    for (const [body, field] of [
      [{ name: "X", timezone: "Moon/Base", floors: 1 }, "timezone"],
      [{ name: "X", timezone: "UTC", floors: 0 }, "floors"],
      [{ timezone: "UTC", floors: 1 }, "name"],
    ] as const) {
      const res = await call(buildingsRoute, { path: "/api/buildings", token: admin.token, body });
      expect(res.status).toBe(400);
      expect(Object.keys(res.json.fields)).toContain(field);
    }
    const b = await createTestBuilding();
    expect((await call(buildingsRoute, { path: "/api/buildings", token: user.token, body: { name: "X", timezone: "UTC", floors: 1 } })).status).toBe(403);
    expect((await one(b.id, { method: "PATCH", token: user.token, body: { name: "Y" } })).status).toBe(403);
    expect((await one(b.id, { method: "DELETE", token: user.token })).status).toBe(403);
  });
});

describe("GET /api/buildings/{id}/floors/{floor}", () => {
  it("lays out the floor's rooms without overlaps, with their live status", async () => {
    const b = await createTestBuilding({ floors: 3 });
    const rooms = [];
    for (let i = 0; i < 8; i++) rooms.push(await createTestRoom({ buildingId: b.id, floor: 2, name: `R${i}`, capacity: 2 + i * 3 }));
    await createTestRoom({ buildingId: b.id, floor: 1, name: "Elsewhere" });
    await insertBooking({ roomId: rooms[0].id, organizerId: user.id, startInMinutes: -5, checkedIn: true });
    const res = await call(floorRoute, { path: `/api/buildings/${b.id}/floors/2`, params: { buildingId: b.id, floor: "2" }, token: user.token });
    expect(res.status).toBe(200);
    const plan = res.json.data;
    expect(plan).toMatchObject({ buildingId: b.id, floorNumber: 2 });
    expect(plan.rooms.map((r: { name: string }) => r.name)).toEqual(["R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7"]);
    expect(plan.rooms[0].status).toBe("occupied");
    type Rect = { x: number; y: number; width: number; height: number };
    const overlaps = (a: Rect, c: Rect) => a.x < c.x + c.width && c.x < a.x + a.width && a.y < c.y + c.height && c.y < a.y + a.height;
    for (let i = 0; i < plan.rooms.length; i++) {
      const r = plan.rooms[i];
      expect(r.x + r.width).toBeLessThanOrEqual(plan.width);
      expect(r.y + r.height).toBeLessThanOrEqual(plan.height);
      for (let j = i + 1; j < plan.rooms.length; j++) expect(overlaps(r, plan.rooms[j])).toBe(false);
    }
  });

  it("400 for a floor that is not a number, 404 for a floor outside the building or an unknown building; 403 for a device", async () => {
    const b = await createTestBuilding({ floors: 3 });
    const room = await createTestRoom({ buildingId: b.id });
    const plan = (floor: string, id = b.id, token = user.token) =>
      call(floorRoute, { path: `/api/buildings/${id}/floors/${floor}`, params: { buildingId: id, floor }, token });
    expect((await plan("two")).status).toBe(400);
    expect((await plan("9")).status).toBe(404);
    expect((await plan("1", "3f2504e0-4f89-41d3-9a0c-0305e82c3301")).status).toBe(404);
    const device = await insertDevice(room.id);
    expect((await plan("1", b.id, device.token)).status).toBe(403);
  });
});

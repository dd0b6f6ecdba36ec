import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as deviceRoute from "@/app/api/panel/devices/[id]/route";
import * as devicesRoute from "@/app/api/panel/devices/route";
import * as pollRoute from "@/app/api/panel/pairing/[code]/route";
import * as pairingRoute from "@/app/api/panel/pairing/route";
import * as stateRoute from "@/app/api/panel/rooms/[roomId]/state/route";
import { getDb } from "@/db/client";
import { devices, pairingCodes } from "@/db/schema";
import { PEER_HEADER } from "@/lib/http/client-address";
import { PAIRING_CODES_PER_ADDRESS } from "@/lib/panel/service";
import { createTestRoom } from "../fixtures/rooms";
import { call, createTestUser, resetDatabase, type TestUser } from "../helpers";

// CONTRACT §4 pairing and devices, over the route handlers against the real database.

let admin: TestUser;
let member: TestUser;
let room: { id: string; name: string };
let address = 0;

beforeEach(async () => {
  await resetDatabase();
  admin = await createTestUser({ role: "admin" });
  member = await createTestUser();
  room = await createTestRoom({ name: "Aurora" });
});

afterEach(() => vi.restoreAllMocks());

/** A code from an address of its own (the rate limit counts per address). */
async function newCode(from = `198.51.100.${++address % 250}`) {
  const res = await call(pairingRoute, { method: "POST", path: "/api/panel/pairing", headers: { [PEER_HEADER]: from } });
  return res;
}

const poll = (code: string, secret: string) => call(pollRoute, { path: `/api/panel/pairing/${code}?secret=${encodeURIComponent(secret)}`, params: { code } });
const pair = (body: unknown, token = admin.token) => call(devicesRoute, { path: "/api/panel/devices", token, body });
const state = (roomId: string, token: string) => call(stateRoute, { path: `/api/panel/rooms/${roomId}/state`, params: { roomId }, token });

describe("pairing a tablet", () => {
  it("code → pending → an admin pairs it → the token once → the token reads its room's state", async () => {
    const created = await newCode();
    expect(created.status).toBe(201);
    const { code, expiresAt, pollSecret } = created.json.data;
    expect(code).toMatch(/^\d{6}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(9.9 * 60_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    expect(pollSecret.length).toBeGreaterThanOrEqual(32);

    expect((await poll(code, pollSecret)).json.data).toEqual({ status: "pending" });

    const paired = await pair({ code, roomId: room.id, name: "Aurora door" });
    expect(paired.status).toBe(201);
    expect(paired.json.data).toMatchObject({ name: "Aurora door", roomId: room.id, roomName: "Aurora", lastSeenAt: null, online: false });

    const first = await poll(code, pollSecret);
    expect(first.json.data).toMatchObject({ status: "paired", roomId: room.id });
    const token = first.json.data.deviceToken as string;
    expect(token).toMatch(/^ctd_/);
    // Handed out once: the next poll says paired, without a token.
    expect((await poll(code, pollSecret)).json.data).toEqual({ status: "paired", roomId: room.id });

    // Only the token's hash is stored, nowhere the token itself.
    const db = await getDb();
    const [device] = await db.select().from(devices).where(eq(devices.id, paired.json.data.id));
    expect(device.tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    const dump = JSON.stringify(await db.execute(sql`select * from devices, pairing_codes`));
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(pollSecret);

    expect((await state(room.id, token)).status).toBe(200);
    // The device is now seen and online.
    const listed = await call(devicesRoute, { path: "/api/panel/devices", token: admin.token });
    expect(listed.json.data).toHaveLength(1);
    expect(listed.json.data[0]).toMatchObject({ id: paired.json.data.id, online: true });
    expect(Date.now() - Date.parse(listed.json.data[0].lastSeenAt)).toBeLessThan(60_000);
  });

  it("concurrent polls right after pairing hand the token to exactly one of them", async () => {
    const { code, pollSecret } = (await newCode()).json.data;
    await pair({ code, roomId: room.id });
    const answers = await Promise.all(Array.from({ length: 8 }, () => poll(code, pollSecret)));
    expect(answers.filter((a) => a.json.data.deviceToken)).toHaveLength(1);
  });

  it("a wrong secret or an unknown code is a 404; a malformed code too", async () => {
    const { code } = (await newCode()).json.data;
    expect((await poll(code, "not-the-secret")).status).toBe(404);
    const other = code === "000000" ? "000001" : "000000";
    expect((await poll(other, "whatever")).status).toBe(404);
    expect((await poll("12ab", "whatever")).status).toBe(404);
    expect((await call(pollRoute, { path: `/api/panel/pairing/${code}`, params: { code } })).status).toBe(400);
  });

  it("an expired code polls as expired and cannot be paired (404)", async () => {
    const { code, pollSecret } = (await newCode()).json.data;
    await (await getDb()).update(pairingCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(pairingCodes.code, code));
    expect((await poll(code, pollSecret)).json.data).toEqual({ status: "expired" });
    const res = await pair({ code, roomId: room.id });
    expect(res.status).toBe(404);
    expect(res.json.message).toMatch(/expire/);
  });

  it("pairing a code twice is a 409; unknown room 404; bad body 400; a member 403", async () => {
    const { code } = (await newCode()).json.data;
    expect((await pair({ code, roomId: room.id })).status).toBe(201);
    expect((await pair({ code, roomId: room.id })).status).toBe(409);
    const other = (await newCode()).json.data.code;
    expect((await pair({ code: other, roomId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" })).status).toBe(404);
    const bad = await pair({ code: "12a", roomId: "nope" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fields).sort()).toEqual(["code", "roomId"]);
    expect((await pair({ code: other, roomId: room.id }, member.token)).status).toBe(403);
    expect((await call(devicesRoute, { path: "/api/panel/devices" })).status).toBe(401);
  });

  it("codes are unique among unexpired codes: a taken code is drawn again, an expired one is reused", async () => {
    const draws = [123456, 123456, 654321];
    vi.spyOn(crypto, "randomInt").mockImplementation((() => draws.shift() ?? 111111) as typeof crypto.randomInt);
    const first = await newCode();
    expect(first.json.data.code).toBe("123456");
    // 123456 is still valid: the second request draws again instead of failing with a 500.
    const second = await newCode();
    expect(second.status).toBe(201);
    expect(second.json.data.code).toBe("654321");
    // Once expired, 123456 may be handed out again; the old tablet's secret no longer matches it.
    await (await getDb()).update(pairingCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(pairingCodes.code, "123456"));
    draws.push(123456);
    const third = await newCode();
    expect(third.status).toBe(201);
    expect(third.json.data.code).toBe("123456");
    expect((await poll("123456", third.json.data.pollSecret)).json.data.status).toBe("pending");
    expect((await poll("123456", first.json.data.pollSecret)).status).toBe(404);
  });

  it(`rate-limits code creation per client address: ${PAIRING_CODES_PER_ADDRESS} per 10 minutes, then 429 with Retry-After`, async () => {
    for (let i = 0; i < PAIRING_CODES_PER_ADDRESS; i++) expect((await newCode("203.0.113.7")).status).toBe(201);
    const limited = await newCode("203.0.113.7");
    expect(limited.status).toBe(429);
    expect(limited.json.code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // Another address is not affected; a forged X-Forwarded-For does not make another address (TRUST_PROXY_HOPS=0).
    expect((await newCode("203.0.113.8")).status).toBe(201);
    const forged = await call(pairingRoute, { method: "POST", path: "/api/panel/pairing", headers: { [PEER_HEADER]: "203.0.113.7", "x-forwarded-for": "192.0.2.55" } });
    expect(forged.status).toBe(429);
  });
});

describe("devices", () => {
  async function pairedDevice(roomId = room.id, name?: string) {
    const { code, pollSecret } = (await newCode()).json.data;
    const device = (await pair({ code, roomId, ...(name ? { name } : {}) })).json.data;
    const token = (await poll(code, pollSecret)).json.data.deviceToken as string;
    return { id: device.id as string, token };
  }

  it("revoking: the tablet's next call is a 401, the list forgets it, revoking again is a 404", async () => {
    const device = await pairedDevice();
    expect((await state(room.id, device.token)).status).toBe(200);
    const del = (id: string, token = admin.token) => call(deviceRoute, { method: "DELETE", path: `/api/panel/devices/${id}`, params: { id }, token });
    expect((await del(device.id, member.token)).status).toBe(403);
    const res = await del(device.id);
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ revoked: true });
    const after = await state(room.id, device.token);
    expect(after.status).toBe(401);
    expect((await call(devicesRoute, { path: "/api/panel/devices", token: admin.token })).json.data).toEqual([]);
    expect((await del(device.id)).status).toBe(404);
  });

  it("rename and move: the token then works for the new room only", async () => {
    const device = await pairedDevice(room.id, "Old name");
    const other = await createTestRoom({ name: "Borealis" });
    const patch = (body: unknown) => call(deviceRoute, { method: "PATCH", path: `/api/panel/devices/${device.id}`, params: { id: device.id }, token: admin.token, body });
    const renamed = await patch({ name: "Front door" });
    expect(renamed.status).toBe(200);
    expect(renamed.json.data).toMatchObject({ name: "Front door", roomId: room.id });
    const moved = await patch({ roomId: other.id });
    expect(moved.json.data).toMatchObject({ name: "Front door", roomId: other.id, roomName: "Borealis" });
    expect((await state(other.id, device.token)).status).toBe(200);
    expect((await state(room.id, device.token)).status).toBe(403);
    expect((await patch({})).status).toBe(400);
    // The shared text type (issue 10 point 1) for the device's name too.
    for (const name of ["a\u0000b", "Door\nTwo", "\u200B\u200B", "bad \ud800"]) {
      const res = await patch({ name });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(Object.keys(res.json.fields)).toEqual(["name"]);
    }
    expect((await patch({ roomId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" })).status).toBe(404);
    const unknown = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    expect((await call(deviceRoute, { method: "PATCH", path: `/api/panel/devices/${unknown}`, params: { id: unknown }, token: admin.token, body: { name: "x" } })).status).toBe(404);
  });

  it("lists paired tablets with room, lastSeenAt and online (seen within 3 minutes)", async () => {
    const seen = await pairedDevice(room.id, "A seen");
    const quiet = await pairedDevice(room.id, "B quiet");
    await (await getDb()).update(devices).set({ lastSeenAt: new Date(Date.now() - 4 * 60_000) }).where(eq(devices.id, quiet.id));
    await state(room.id, seen.token);
    const res = await call(devicesRoute, { path: "/api/panel/devices", token: admin.token });
    expect(res.json.data.map((d: { name: string; online: boolean }) => [d.name, d.online])).toEqual([
      ["A seen", true],
      ["B quiet", false],
    ]);
    expect((await call(devicesRoute, { path: "/api/panel/devices", token: member.token })).status).toBe(403);
  });
});

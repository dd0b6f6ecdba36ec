import { expect, test, type APIRequestContext } from "@playwright/test";

// CONTRACT §2–§3 over real HTTP against the production server (PostgreSQL in CI): every rooms, buildings and
// bookings endpoint once the way it should work and once for each kind of error, in the standard envelope.
// It works in a building of its own, in Los Angeles, so that local times are visibly not UTC.

async function login(request: APIRequestContext, email: string) {
  const res = await request.post("/api/auth/login", { data: { email, password: "circle-time-demo" } });
  expect(res.status()).toBe(200);
  return { authorization: `Bearer ${(await res.json()).data.access}` };
}

async function expectError(res: Awaited<ReturnType<APIRequestContext["get"]>>, status: number, code: string) {
  expect(res.status(), await res.text()).toBe(status);
  const body = (await res.json()) as { success: false; code: string; message: string; fields?: Record<string, string[]> };
  expect(body).toMatchObject({ success: false, code });
  expect(typeof body.message).toBe("string");
  return body;
}

/** A weekday 3–9 days ahead in Los Angeles, as YYYY-MM-DD. */
function nextWeekdayInLosAngeles(): string {
  for (let days = 3; ; days++) {
    const at = new Date(Date.now() + days * 86_400_000);
    const weekday = new Intl.DateTimeFormat("en-US", { timeZone: "America/Los_Angeles", weekday: "short" }).format(at);
    if (!["Sat", "Sun"].includes(weekday)) return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(at);
  }
}

test("rooms, buildings and bookings: each endpoint and its errors over HTTP", async ({ request }) => {
  const admin = await login(request, "admin@circletime.dev");
  const ada = await login(request, "ada.lovelace@circletime.dev");
  const suffix = Date.now().toString(36);

  // ── buildings ──
  await expectError(await request.get("/api/buildings"), 401, "unauthorized");
  const buildingBody = { name: `E2E Tower ${suffix}`, address: "1 Test Way", timezone: "America/Los_Angeles", floors: 3 };
  await expectError(await request.post("/api/buildings", { headers: ada, data: buildingBody }), 403, "forbidden");
  const badZone = await expectError(
    await request.post("/api/buildings", { headers: admin, data: { ...buildingBody, timezone: "Mars/Olympus" } }),
    400,
    "validation_error",
  );
  expect(Object.keys(badZone.fields ?? {})).toContain("timezone");
  const createdBuilding = await request.post("/api/buildings", { headers: admin, data: buildingBody });
  expect(createdBuilding.status()).toBe(201);
  const building = (await createdBuilding.json()).data;
  await expectError(await request.post("/api/buildings", { headers: admin, data: buildingBody }), 409, "conflict");
  const buildings = (await (await request.get("/api/buildings", { headers: ada })).json()).data;
  expect(buildings.map((b: { id: string }) => b.id)).toContain(building.id);

  // ── rooms ──
  const roomBody = { name: `Pacific ${suffix}`, buildingId: building.id, floor: 1, capacity: 6, amenities: ["whiteboard", "tv_display"] };
  await expectError(await request.post("/api/rooms", { headers: ada, data: roomBody }), 403, "forbidden");
  await expectError(await request.post("/api/rooms", { headers: admin, data: { ...roomBody, floor: 9 } }), 400, "validation_error");
  await expectError(await request.post("/api/rooms", { headers: admin, data: { ...roomBody, amenities: ["jacuzzi"] } }), 400, "validation_error");
  const createdRoom = await request.post("/api/rooms", { headers: admin, data: roomBody });
  expect(createdRoom.status()).toBe(201);
  const room = (await createdRoom.json()).data;
  expect(room).toMatchObject({ name: roomBody.name, building: building.name, buildingId: building.id, status: "available", imageUrl: null });
  await expectError(await request.post("/api/rooms", { headers: admin, data: { ...roomBody, name: roomBody.name.toUpperCase() } }), 409, "conflict");

  const patched = await request.patch(`/api/rooms/${room.id}`, { headers: admin, data: { capacity: 8 } });
  expect((await patched.json()).data.capacity).toBe(8);
  expect((await (await request.get(`/api/rooms/${room.id}`, { headers: ada })).json()).data.capacity).toBe(8);
  await expectError(await request.get("/api/rooms/00000000-0000-4000-8000-00000000abcd", { headers: ada }), 404, "not_found");
  await expectError(await request.get("/api/rooms/not-a-uuid", { headers: ada }), 404, "not_found");

  await expectError(await request.get("/api/rooms"), 401, "unauthorized");
  await expectError(await request.get("/api/rooms?min_capacity=lots", { headers: ada }), 400, "validation_error");
  const filtered = await request.get(`/api/rooms?building=${encodeURIComponent(building.name)}&minCapacity=8&amenities=whiteboard`, { headers: ada });
  expect((await filtered.json()).data.map((r: { id: string }) => r.id)).toEqual([room.id]);

  const floor = await request.get(`/api/buildings/${building.id}/floors/1`, { headers: ada });
  expect(floor.status()).toBe(200);
  expect((await floor.json()).data.rooms.map((r: { roomId: string }) => r.roomId)).toEqual([room.id]);
  await expectError(await request.get(`/api/buildings/${building.id}/floors/7`, { headers: ada }), 404, "not_found");

  // ── bookings ──
  const day = nextWeekdayInLosAngeles();
  const slot = { roomId: room.id, title: "Planning", startTime: `${day}T10:00`, endTime: `${day}T11:00` };
  await expectError(await request.post("/api/bookings", { headers: ada, data: { ...slot, title: undefined } }), 400, "validation_error");
  await expectError(await request.post("/api/bookings", { headers: ada, data: { ...slot, endTime: `${day}T09:00` } }), 400, "validation_error");
  await expectError(
    await request.post("/api/bookings", { headers: ada, data: { ...slot, roomId: "00000000-0000-4000-8000-00000000abcd" } }),
    404,
    "not_found",
  );
  const created = await request.post("/api/bookings", { headers: ada, data: slot });
  expect(created.status()).toBe(201);
  const booking = (await created.json()).data;
  // 10:00 without an offset is 10:00 in Los Angeles: 17:00 or 18:00 UTC, never 10:00 UTC.
  expect(["17", "18"]).toContain(booking.startTime.slice(11, 13));
  expect(booking).toMatchObject({ status: "confirmed", checkedIn: false, roomId: room.id, attendees: [] });
  await expectError(await request.post("/api/bookings", { headers: admin, data: { ...slot, title: "Clash" } }), 409, "conflict");
  const backToBack = await request.post("/api/bookings", { headers: admin, data: { ...slot, title: "Next", startTime: `${day}T11:00`, endTime: `${day}T11:30` } });
  expect(backToBack.status()).toBe(201);

  const roomDay = await request.get(`/api/rooms/${room.id}/bookings?date=${day}`, { headers: ada });
  expect((await roomDay.json()).data.map((b: { title: string }) => b.title)).toEqual(["Planning", "Next"]);
  await expectError(await request.get(`/api/rooms/${room.id}/bookings?date=2026-02-30`, { headers: ada }), 400, "validation_error");
  await expectError(await request.get(`/api/rooms/${room.id}/bookings`, { headers: ada }), 400, "validation_error");

  const slots = (await (await request.get(`/api/rooms/${room.id}/availability?date=${day}`, { headers: ada })).json()).data;
  const at = (iso: string) => slots.find((s: { startTime: string }) => s.startTime === iso);
  expect(at(booking.startTime).free).toBe(false);
  expect(slots.filter((s: { free: boolean }) => !s.free)).toHaveLength(3);

  const mine = await request.get(`/api/bookings?from=${day}&to=${day}`, { headers: ada });
  expect((await mine.json()).data.map((b: { id: string }) => b.id)).toContain(booking.id);
  await expectError(await request.get(`/api/bookings?userId=${booking.organizer.id}`, { headers: ada }), 403, "forbidden");
  expect((await (await request.get(`/api/bookings/${booking.id}`, { headers: ada })).json()).data.id).toBe(booking.id);
  await expectError(await request.get("/api/bookings/00000000-0000-4000-8000-00000000abcd", { headers: ada }), 404, "not_found");

  const moved = await request.patch(`/api/bookings/${booking.id}`, { headers: ada, data: { startTime: `${day}T09:00`, endTime: `${day}T10:00` } });
  expect(moved.status()).toBe(200);
  await expectError(
    await request.patch(`/api/bookings/${booking.id}`, { headers: ada, data: { endTime: `${day}T11:15` } }),
    409,
    "conflict",
  );
  await expectError(await request.patch(`/api/bookings/${booking.id}`, { headers: ada, data: { title: "x".repeat(201) } }), 400, "validation_error");

  const early = await expectError(await request.post(`/api/bookings/${booking.id}/checkin`, { headers: ada }), 409, "conflict");
  expect(early.message).toMatch(/open/i);
  await expectError(await request.post(`/api/bookings/${booking.id}/end`, { headers: ada }), 409, "conflict");
  await expectError(await request.post(`/api/bookings/${booking.id}/extend`, { headers: ada, data: { minutes: 15 } }), 409, "conflict");
  await expectError(await request.post(`/api/bookings/${booking.id}/extend`, { headers: ada, data: { minutes: 7 } }), 400, "validation_error");

  // The admin's booking: Ada may not cancel it; the room cannot be deleted while it stands.
  const next = (await backToBack.json()).data;
  await expectError(await request.delete(`/api/bookings/${next.id}`, { headers: ada }), 403, "forbidden");
  await expectError(await request.delete(`/api/rooms/${room.id}`, { headers: admin }), 409, "conflict");
  await expectError(await request.delete(`/api/buildings/${building.id}`, { headers: admin }), 409, "conflict");

  const cancelled = await request.delete(`/api/bookings/${booking.id}`, { headers: ada });
  expect((await cancelled.json()).data).toEqual({ cancelled: true });
  await expectError(await request.delete(`/api/bookings/${booking.id}`, { headers: ada }), 409, "conflict");
  expect((await request.delete(`/api/bookings/${next.id}`, { headers: admin })).status()).toBe(200);
  const withCancelled = await request.get(`/api/rooms/${room.id}/bookings?date=${day}&includeCancelled=true`, { headers: ada });
  expect((await withCancelled.json()).data).toHaveLength(2);

  // ── clean up: the room, then its building ──
  expect((await (await request.delete(`/api/rooms/${room.id}`, { headers: admin })).json()).data).toEqual({ deleted: true });
  await expectError(await request.get(`/api/rooms/${room.id}`, { headers: ada }), 404, "not_found");
  expect((await request.delete(`/api/buildings/${building.id}`, { headers: admin })).status()).toBe(200);
});

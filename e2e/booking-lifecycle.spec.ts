import { expect, test } from "@playwright/test";

// Issue 3 "done when", over real HTTP against `next start`: a booking made through the API shows up in the
// room's day, its organizer checks in inside the window, ends it early and sees the freed minutes.
test("book, see it in the room's day, check in, end early", async ({ request }) => {
  const login = await request.post("/api/auth/login", { data: { email: "ada.lovelace@circletime.dev", password: "circle-time-demo" } });
  expect(login.status()).toBe(200);
  const auth = { authorization: `Bearer ${(await login.json()).data.access}` };

  // A free room for the next hour.
  const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 5 * 60_000);
  const end = new Date(start.getTime() + 60 * 60_000);
  const rooms = await request.get(
    `/api/rooms?availableFrom=${start.toISOString()}&availableTo=${end.toISOString()}&min_capacity=4`,
    { headers: auth },
  );
  expect(rooms.status()).toBe(200);
  const room = (await rooms.json()).data.find((r: { status: string }) => r.status !== "maintenance");
  expect(room).toBeTruthy();

  const created = await request.post("/api/bookings/", {
    headers: auth,
    data: { roomId: room.id, title: "E2E stand-up", startTime: start.toISOString(), endTime: end.toISOString() },
  });
  expect(created.status()).toBe(201);
  const booking = (await created.json()).data;
  expect(booking.status).toBe("confirmed");

  const again = await request.post("/api/bookings", {
    headers: auth,
    data: { roomId: room.id, title: "Double", startTime: start.toISOString(), endTime: end.toISOString() },
  });
  expect(again.status()).toBe(409);

  // date= is the room's local day: take its building's time zone from the API.
  const buildings = (await (await request.get("/api/buildings", { headers: auth })).json()).data as { id: string; timezone: string }[];
  const timeZone = buildings.find((b) => b.id === room.buildingId)!.timezone;
  const localDate = new Intl.DateTimeFormat("en-CA", { timeZone }).format(start);
  const day = await request.get(`/api/rooms/${room.id}/bookings?date=${localDate}`, { headers: auth });
  expect(day.status()).toBe(200);
  expect((await day.json()).data.map((b: { id: string }) => b.id)).toContain(booking.id);

  const checkin = await request.post(`/api/bookings/${booking.id}/checkin`, { headers: auth });
  expect(checkin.status()).toBe(200);
  expect((await checkin.json()).data.checkedIn).toBe(true);

  const ended = await request.post(`/api/bookings/${booking.id}/end`, { headers: auth });
  expect(ended.status()).toBe(200);
  const { freedMinutes } = (await ended.json()).data;
  expect(freedMinutes).toBeGreaterThanOrEqual(63);
  expect(freedMinutes).toBeLessThanOrEqual(66);

  const after = await request.get(`/api/bookings/${booking.id}`, { headers: auth });
  expect((await after.json()).data).toMatchObject({ status: "completed", checkedIn: true, endTime: end.toISOString() });
});

import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { zoneAtNoon } from "./support/time";

// Issue 6: two `next start` processes on one PostgreSQL database. A tablet connected to the second one sees, within
// a second, a change made through the first (its NOTIFY reaches the second's LISTEN session). Stopping the second
// server shows the kiosk's offline banner with the last known state; starting it again brings the kiosk back by
// itself.

const databaseUrl = process.env.E2E_DATABASE_URL;
const secondPort = Number(process.env.E2E_SECOND_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 10);
const second = `http://127.0.0.1:${secondPort}`;
let server: ChildProcess | undefined;

/** Starts `next start` on the second port against the same database, and waits until it answers. */
async function startSecondServer() {
  server = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), ["start", "-p", String(secondPort)], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-e2e-only-secret-e2e-only",
      AUTH_TRUST_HOST: "true",
      DISABLE_SWEEP: "true",
      MIGRATE_ON_START: "false",
    },
    stdio: "ignore",
    detached: true,
  });
  await expect
    .poll(async () => (await fetch(`${second}/api/health`).catch(() => null))?.status, { timeout: 60_000, intervals: [250] })
    .toBe(200);
}

function stopSecondServer() {
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, "SIGKILL");
  server = undefined;
}

test.afterAll(() => stopSecondServer());

async function login(request: APIRequestContext, email: string) {
  const res = await request.post("/api/auth/login", { data: { email, password: "circle-time-demo" } });
  expect(res.status()).toBe(200);
  return { authorization: `Bearer ${(await res.json()).data.access}` };
}

test("a change made through one server reaches a kiosk on the other within a second; the offline banner comes and goes with it", async ({ page, request }) => {
  test.skip(!databaseUrl, "needs E2E_DATABASE_URL: two servers cannot share the embedded database");
  test.setTimeout(180_000);
  await startSecondServer();
  const admin = await login(request, "admin@circletime.dev");
  const ada = await login(request, "ada.lovelace@circletime.dev");
  const suffix = Date.now().toString(36);
  const building = (await (await request.post("/api/buildings", { headers: admin, data: { name: `Twin ${suffix}`, timezone: zoneAtNoon(), floors: 1 } })).json()).data;
  const room = (await (await request.post("/api/rooms", { headers: admin, data: { name: `Twin room ${suffix}`, buildingId: building.id, floor: 1, capacity: 4 } })).json()).data;

  // The tablet talks to the second server only; it is paired through the first.
  await page.goto(`${second}/panel`);
  const code = (await page.getByTestId("pairing-code").textContent())!.trim();
  expect((await request.post("/api/panel/devices", { headers: admin, data: { code, roomId: room.id } })).status()).toBe(201);
  await page.waitForURL(`${second}/panel/${room.id}`);
  await expect(page.getByTestId("kiosk-status")).toHaveText("Available");

  const start = new Date(Date.now() + 10 * 60_000);
  const booked = await request.post("/api/bookings", {
    headers: ada,
    data: { roomId: room.id, title: "Across instances", startTime: start.toISOString(), endTime: new Date(start.getTime() + 30 * 60_000).toISOString() },
  });
  expect(booked.status()).toBe(201);
  await expect(page.getByTestId("kiosk-status")).toHaveText("Upcoming", { timeout: 1_000 });
  await expect(page.getByTestId("kiosk-meeting")).toContainText("Across instances", { timeout: 1_000 });

  // The second server goes away: the kiosk says so and keeps the last state on screen.
  stopSecondServer();
  await expect(page.getByTestId("offline-banner")).toHaveText("Offline — showing the last known state", { timeout: 10_000 });
  await expect(page.getByTestId("kiosk-meeting")).toContainText("Across instances");
  // A change while it is away…
  const booking = (await booked.json()).data as { id: string };
  expect((await request.delete(`/api/bookings/${booking.id}`, { headers: ada })).status()).toBe(200);

  // …is on screen once it is back, with no reload: the reconnection is answered with the current state.
  await startSecondServer();
  await expect(page.getByTestId("offline-banner")).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId("kiosk-status")).toHaveText("Available");
  await expect(page.getByTestId("kiosk-free")).toContainText("Free for the rest of the day");
});

import { beforeEach, describe, expect, it } from "vitest";
import * as settingsRoute from "@/app/api/settings/route";
import { call, createTestUser, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

const DEFAULTS = {
  orgName: "Circle Time",
  timezone: "UTC",
  checkinWindowMinutes: 15,
  autoReleaseMinutes: 15,
  businessDays: [1, 2, 3, 4, 5],
  businessStart: "08:00",
  businessEnd: "18:00",
  minBookingMinutes: 15,
  maxBookingMinutes: 480,
  bookingHorizonDays: 180,
};

describe("GET /api/settings", () => {
  it("any signed-in user reads the defaults of DOMAIN §1", async () => {
    const user = await createTestUser();
    const res = await call(settingsRoute, { path: "/api/settings", token: user.token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ success: true, data: DEFAULTS });
  });

  it("401 without a token", async () => {
    const res = await call(settingsRoute, { path: "/api/settings" });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe("unauthorized");
  });
});

describe("PATCH /api/settings", () => {
  it("an admin changes some settings and the rest stay", async () => {
    const admin = await createTestUser({ role: "admin" });
    const patch = { orgName: "Acme", timezone: "Europe/Berlin", autoReleaseMinutes: 10, businessDays: [1, 2, 3, 4], businessEnd: "19:30" };
    const res = await call(settingsRoute, { method: "PATCH", path: "/api/settings", token: admin.token, body: patch });
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ ...DEFAULTS, ...patch });
    const again = await call(settingsRoute, { path: "/api/settings", token: admin.token });
    expect(again.json.data).toEqual({ ...DEFAULTS, ...patch });
  });

  it("403 for a non-admin, and nothing changes", async () => {
    const user = await createTestUser();
    const res = await call(settingsRoute, { method: "PATCH", path: "/api/settings", token: user.token, body: { orgName: "Mine" } });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe("forbidden");
    expect((await call(settingsRoute, { path: "/api/settings", token: user.token })).json.data.orgName).toBe("Circle Time");
  });

  it.each([
    [{ autoReleaseMinutes: 4 }, "autoReleaseMinutes"],
    [{ autoReleaseMinutes: 61 }, "autoReleaseMinutes"],
    [{ timezone: "Mars/Olympus" }, "timezone"],
    [{ businessStart: "8am" }, "businessStart"],
    [{ businessDays: [] }, "businessDays"],
    [{ businessDays: [1, 8] }, "businessDays.1"],
    [{ businessDays: [1, 1] }, "businessDays"],
    [{ businessStart: "18:00", businessEnd: "09:00" }, "businessEnd"],
    [{ businessStart: "19:00" }, "businessStart"],
    [{ minBookingMinutes: 600 }, "minBookingMinutes"],
    [{ checkinWindowMinutes: 2.5 }, "checkinWindowMinutes"],
    [{ bookingHorizonDays: "90" }, "bookingHorizonDays"],
    [{ unknownSetting: 1 }, "body"],
    [{}, "body"],
  ])("400 for %j naming %s", async (body, field) => {
    const admin = await createTestUser({ role: "admin" });
    const res = await call(settingsRoute, { method: "PATCH", path: "/api/settings", token: admin.token, body });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe("validation_error");
    expect(Object.keys(res.json.fields)).toContain(field);
    expect((await call(settingsRoute, { path: "/api/settings", token: admin.token })).json.data).toEqual(DEFAULTS);
  });

  it("400 for a body that is not JSON", async () => {
    const admin = await createTestUser({ role: "admin" });
    const res = await call(settingsRoute, {
      method: "PATCH",
      path: "/api/settings",
      token: admin.token,
      rawBody: "orgName=x",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/valid JSON/);
  });
});

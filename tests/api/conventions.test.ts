import { beforeEach, describe, expect, it } from "vitest";
import * as catchAll from "@/app/api/[...path]/route";
import * as healthRoute from "@/app/api/health/route";
import * as loginRoute from "@/app/api/auth/login/route";
import * as settingsRoute from "@/app/api/settings/route";
import { call, createTestUser, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

describe("CONTRACT §0 conventions", () => {
  it("GET /api/health answers ok without auth", async () => {
    const res = await call(healthRoute, { path: "/api/health" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ success: true, data: { status: "ok", database: "ok" } });
  });

  it("GET /api/health does not look at the caller: a probe with any Authorization header gets its answer", async () => {
    for (const authorization of ["Basic abc", "Bearer not-a-token", "Bearer ctd_unknown-device"]) {
      const res = await call(healthRoute, { path: "/api/health", headers: { authorization } });
      expect(res.status, authorization).toBe(200);
    }
  });

  it("an unknown /api path is a JSON 404 for every method", async () => {
    for (const method of ["GET", "POST", "DELETE"]) {
      const res = await call(catchAll, { method, path: "/api/nothing/here", params: { path: "nothing/here" } });
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ success: false, code: "not_found" });
    }
  });

  it("CORS: preflight and responses carry headers only for configured origins", async () => {
    const allowed = "https://client.example.com";
    const pre = await loginRoute.OPTIONS(
      new Request("http://localhost/api/auth/login", { method: "OPTIONS", headers: { origin: allowed, "access-control-request-method": "POST" } }),
      { params: Promise.resolve({}) },
    );
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(pre.headers.get("access-control-allow-methods")).toContain("POST");

    const res = await call(healthRoute, { path: "/api/health", headers: { origin: allowed } });
    expect(res.headers.get("access-control-allow-origin")).toBe(allowed);
    const other = await call(healthRoute, { path: "/api/health", headers: { origin: "https://evil.example.com" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("a bearer header that is not 'Bearer <token>' is a 401, a wrong signature too", async () => {
    const user = await createTestUser();
    const tampered = user.token.slice(0, -4) + (user.token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect((await call(settingsRoute, { path: "/api/settings", token: tampered })).status).toBe(401);
    expect((await call(settingsRoute, { path: "/api/settings", headers: { authorization: "Token abc" } })).status).toBe(401);
  });

  it("errors never leak internals and keep the envelope shape", async () => {
    const res = await call(loginRoute, { path: "/api/auth/login", body: [] });
    expect(res.status).toBe(400);
    expect(res.json.success).toBe(false);
    expect(typeof res.json.message).toBe("string");
    expect(Array.isArray(res.json.errors)).toBe(true);
  });
});

import { describe, expect, it, vi } from "vitest";

describe("GET /api/health with the database unreachable", () => {
  it("answers 503 with the envelope", async () => {
    // A real connection attempt to a port where no PostgreSQL listens, with freshly loaded modules.
    vi.stubEnv("DATABASE_URL", "postgres://postgres@127.0.0.1:1/nowhere");
    vi.resetModules();
    const { closeDb } = await import("@/db/client");
    await closeDb();
    const healthRoute = await import("@/app/api/health/route");
    const res = await healthRoute.GET(new Request("http://localhost/api/health"), { params: Promise.resolve({}) });
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({ success: false, code: "service_unavailable", data: { database: "unreachable" } });
    vi.unstubAllEnvs();
  });
});

import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import * as loginRoute from "@/app/api/auth/login/route";
import * as logoutRoute from "@/app/api/auth/logout/route";
import * as meRoute from "@/app/api/auth/me/route";
import * as refreshRoute from "@/app/api/auth/refresh/route";
import * as usersItemRoute from "@/app/api/users/[id]/route";
import { signToken } from "@/lib/auth/tokens";
import { PEER_HEADER } from "@/lib/http/client-address";
import { accessTokenFor, call, createTestUser, PASSWORD, resetDatabase } from "../helpers";

const login = (body: unknown, headers: Record<string, string> = {}) =>
  call(loginRoute, { path: "/api/auth/login", body, headers });

beforeEach(resetDatabase);

describe("POST /api/auth/login", () => {
  it("returns access, refresh, the token alias and the user", async () => {
    const user = await createTestUser({ email: "ada@example.com", department: "Engineering" });
    const res = await login({ email: "ADA@Example.com", password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.json.success).toBe(true);
    const data = res.json.data;
    expect(data.token).toBe(data.access);
    expect(typeof data.refresh).toBe("string");
    expect(data.user).toEqual({ id: user.id, name: user.name, email: "ada@example.com", role: "user", department: "Engineering" });
    const me = await call(meRoute, { path: "/api/auth/me", token: data.access });
    expect(me.status).toBe(200);
    expect(me.json.data.id).toBe(user.id);
  });

  it("answers 401 'Invalid credentials' alike for wrong password, unknown email and deactivated user", async () => {
    await createTestUser({ email: "bob@example.com" });
    await createTestUser({ email: "gone@example.com", active: false });
    for (const body of [
      { email: "bob@example.com", password: "wrong-password" },
      { email: "nobody@example.com", password: PASSWORD },
      { email: "gone@example.com", password: PASSWORD },
    ]) {
      const res = await login(body);
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ success: false, message: "Invalid credentials", code: "unauthorized" });
    }
  });

  it("rejects malformed JSON, missing and malformed fields with 400 naming the field", async () => {
    const bad = await call(loginRoute, { path: "/api/auth/login", rawBody: "{not json", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("validation_error");

    const missing = await login({ email: "a@example.com" });
    expect(missing.status).toBe(400);
    expect(missing.json.fields.password).toBeDefined();
    expect(missing.json.errors[0]).toMatch(/^password: /);

    const malformed = await login({ email: "not-an-email", password: 5 });
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.json.fields).sort()).toEqual(["email", "password"]);
  });

  it("throttles after 5 failures for one email from one address, with Retry-After", async () => {
    await createTestUser({ email: "carol@example.com" });
    const from = { [PEER_HEADER]: "203.0.113.9" };
    for (let i = 0; i < 5; i++) {
      expect((await login({ email: "carol@example.com", password: "nope-nope-nope" }, from)).status).toBe(401);
    }
    const blocked = await login({ email: "carol@example.com", password: PASSWORD }, from);
    expect(blocked.status).toBe(429);
    expect(blocked.json.code).toBe("rate_limited");
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Another address is not blocked.
    expect((await login({ email: "carol@example.com", password: PASSWORD }, { [PEER_HEADER]: "198.51.100.1" })).status).toBe(200);
  });

  it("does not let a forged X-Forwarded-For escape the throttle or lock out someone else (issue 10 point 8)", async () => {
    await createTestUser({ email: "dave@example.com" });
    for (let i = 0; i < 6; i++) {
      const res = await login(
        { email: "dave@example.com", password: "nope-nope-nope" },
        { [PEER_HEADER]: "203.0.113.10", "x-forwarded-for": `198.51.100.${i + 1}` },
      );
      expect(res.status).toBe(i < 5 ? 401 : 429);
    }
    // The victim at the address the attacker named in X-Forwarded-For is not locked out.
    const victim = await login({ email: "dave@example.com", password: PASSWORD }, { [PEER_HEADER]: "198.51.100.1" });
    expect(victim.status).toBe(200);
  });

  it("answers 405 with Allow for GET and a 413 for a body over 64 KiB", async () => {
    const res = await call(loginRoute, { method: "GET", path: "/api/auth/login" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST, OPTIONS");
    expect(res.json.code).toBe("method_not_allowed");

    const big = await login({ email: "a@example.com", password: "x".repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(big.json.code).toBe("payload_too_large");
  });
});

describe("POST /api/auth/refresh", () => {
  it("rotates: the new pair works and the spent token cannot be reused; reuse revokes the family", async () => {
    await createTestUser({ email: "dan@example.com" });
    const first = (await login({ email: "dan@example.com", password: PASSWORD })).json.data;

    const second = await call(refreshRoute, { path: "/api/auth/refresh", body: { refresh: first.refresh } });
    expect(second.status).toBe(200);
    expect(second.json.data.token).toBe(second.json.data.access);
    expect(second.json.data.refresh).not.toBe(first.refresh);

    // Past the reuse leeway (REFRESH_REUSE_LEEWAY_SECONDS, 10 s) a second use is a replay.
    await (await getDb()).execute(sql`update refresh_tokens set used_at = used_at - interval '11 seconds' where used_at is not null`);
    const reuse = await call(refreshRoute, { path: "/api/auth/refresh", body: { refresh: first.refresh } });
    expect(reuse.status).toBe(401);

    // The descendant issued before the reuse was detected is revoked too.
    const descendant = await call(refreshRoute, { path: "/api/auth/refresh", body: { refresh: second.json.data.refresh } });
    expect(descendant.status).toBe(401);
    // So is the access token the replayer (or the victim) got from that family: it does not live on for 30 minutes.
    expect((await call(meRoute, { path: "/api/auth/me", token: second.json.data.access })).status).toBe(401);
  });

  it("refuses an access token, a malformed token and an expired token", async () => {
    const user = await createTestUser();
    const access = await accessTokenFor(user.id, "user");
    for (const refresh of [access, "not.a.jwt", "x"]) {
      const res = await call(refreshRoute, { path: "/api/auth/refresh", body: { refresh } });
      expect(res.status).toBe(401);
      expect(res.json.code).toBe("unauthorized");
    }
    const expired = await signToken({ sub: user.id, role: "user", type: "refresh", jti: crypto.randomUUID() }, 60, Math.floor(Date.now() / 1000) - 3600);
    const res = await call(refreshRoute, { path: "/api/auth/refresh", body: { refresh: expired } });
    expect(res.status).toBe(401);
    expect(res.json.message).toMatch(/expired/i);
  });

  it("stops working for a deactivated user", async () => {
    const admin = await createTestUser({ role: "admin" });
    const user = await createTestUser({ email: "erin@example.com" });
    const pair = (await login({ email: "erin@example.com", password: PASSWORD })).json.data;
    const off = await call(usersItemRoute, { method: "PATCH", path: `/api/users/${user.id}`, params: { id: user.id }, token: admin.token, body: { active: false } });
    expect(off.status).toBe(200);
    const res = await call(refreshRoute, { path: "/api/auth/refresh", body: { refresh: pair.refresh } });
    expect(res.status).toBe(401);
  });

  it("400 when the refresh field is missing", async () => {
    const res = await call(refreshRoute, { path: "/api/auth/refresh", body: {} });
    expect(res.status).toBe(400);
    expect(res.json.fields.refresh).toBeDefined();
  });
});

describe("GET /api/auth/me and POST /api/auth/logout", () => {
  it("401 without a token, with an expired token, and with a refresh token", async () => {
    const user = await createTestUser({ email: "fay@example.com" });
    expect((await call(meRoute, { path: "/api/auth/me" })).status).toBe(401);
    const expired = await signToken({ sub: user.id, role: "user", type: "access", jti: crypto.randomUUID() }, 60, Math.floor(Date.now() / 1000) - 3600);
    const res = await call(meRoute, { path: "/api/auth/me", token: expired });
    expect(res.status).toBe(401);
    expect(res.json.message).toMatch(/expired/i);
    const pair = (await login({ email: "fay@example.com", password: PASSWORD })).json.data;
    expect((await call(meRoute, { path: "/api/auth/me", token: pair.refresh })).status).toBe(401);
    expect((await call(meRoute, { path: "/api/auth/me", headers: { authorization: "Basic abc" } })).status).toBe(401);
  });

  it("an access token accepted before is refused once it expires, and a copy with another signature never is accepted", async () => {
    const user = await createTestUser({ email: "hal@example.com" });
    const now = Math.floor(Date.now() / 1000);
    // Issued 59 s ago for 60 s: valid for one more second, then expired (the process remembers verified tokens).
    const token = await signToken({ sub: user.id, role: "user", type: "access", jti: crypto.randomUUID() }, 60, now - 59);
    expect((await call(meRoute, { path: "/api/auth/me", token })).status).toBe(200);
    const [head, body, signature] = token.split(".");
    const forged = `${head}.${body}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "BA" : "AA"}`;
    expect((await call(meRoute, { path: "/api/auth/me", token: forged })).status).toBe(401);
    vi.useFakeTimers({ now: (now + 1) * 1000, toFake: ["Date"] });
    try {
      const res = await call(meRoute, { path: "/api/auth/me", token });
      expect(res.status).toBe(401);
      expect(res.json.message).toMatch(/expired/i);
    } finally {
      vi.useRealTimers();
    }
  });

  it("logout revokes that login's refresh tokens", async () => {
    await createTestUser({ email: "gus@example.com" });
    const pair = (await login({ email: "gus@example.com", password: PASSWORD })).json.data;
    const out = await call(logoutRoute, { path: "/api/auth/logout", body: { refresh: pair.refresh } });
    expect(out.status).toBe(200);
    expect(out.json.data).toEqual({ loggedOut: true });
    expect((await call(refreshRoute, { path: "/api/auth/refresh", body: { refresh: pair.refresh } })).status).toBe(401);
  });
});

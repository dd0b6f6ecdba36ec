/**
 * Issue 10 point 9: access tokens stop working at once after demotion, deactivation, logout or a new password, on
 * every server instance, without a database read per request (lib/auth/revocation.ts, migration 0004).
 */
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { SignJWT } from "jose";
import postgres from "postgres";
import { beforeEach, describe, expect, it } from "vitest";
import * as loginRoute from "@/app/api/auth/login/route";
import * as logoutRoute from "@/app/api/auth/logout/route";
import * as meRoute from "@/app/api/auth/me/route";
import * as refreshRoute from "@/app/api/auth/refresh/route";
import * as usersItemRoute from "@/app/api/users/[id]/route";
import * as usersRoute from "@/app/api/users/route";
import { getDb, onQuery } from "@/db/client";
import { tokenStatesReady } from "@/lib/auth/revocation";
import { env } from "@/lib/env";
import { call, createTestUser, PASSWORD, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

const login = async (email: string) => (await call(loginRoute, { path: "/api/auth/login", body: { email, password: PASSWORD } })).json.data;
const me = (token: string) => call(meRoute, { path: "/api/auth/me", token });
const listUsers = (token: string) => call(usersRoute, { path: "/api/users", token });

async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("revocation at once", () => {
  it("a demoted admin's token no longer lists users", async () => {
    const boss = await createTestUser({ role: "admin" });
    await createTestUser({ role: "admin", email: "ann@example.com" });
    const ann = await login("ann@example.com");
    expect((await listUsers(ann.access)).status).toBe(200);
    const annId = (await me(ann.access)).json.data.id;
    const demote = await call(usersItemRoute, { method: "PATCH", path: `/api/users/${annId}`, params: { id: annId }, token: boss.token, body: { role: "user" } });
    expect(demote.status).toBe(200);
    expect((await listUsers(ann.access)).status).toBe(401);
    // Signing in again gives a token with today's role.
    const again = await login("ann@example.com");
    expect((await listUsers(again.access)).status).toBe(403);
    expect((await me(again.access)).status).toBe(200);
  });

  it("a deactivated user's token is refused, and logout ends the access token too", async () => {
    const boss = await createTestUser({ role: "admin" });
    await createTestUser({ email: "bo@example.com" });
    const bo = await login("bo@example.com");
    const boId = (await me(bo.access)).json.data.id;
    await call(usersItemRoute, { method: "PATCH", path: `/api/users/${boId}`, params: { id: boId }, token: boss.token, body: { active: false } });
    expect((await me(bo.access)).status).toBe(401);

    await createTestUser({ email: "cy@example.com" });
    const cy = await login("cy@example.com");
    expect((await me(cy.access)).status).toBe(200);
    expect((await call(logoutRoute, { path: "/api/auth/logout", body: { refresh: cy.refresh } })).status).toBe(200);
    expect((await me(cy.access)).status).toBe(401);
    // A new sign-in right after works.
    expect((await me((await login("cy@example.com")).access)).status).toBe(200);
  });

  it("a new password set straight in the database revokes the tokens, announced through LISTEN/NOTIFY", async () => {
    await createTestUser({ email: "di@example.com" });
    const di = await login("di@example.com");
    expect((await me(di.access)).status).toBe(200);
    // No service call, so no local shortcut: only the trigger's announcement can tell this process.
    await (await getDb()).execute(sql`update users set password_hash = password_hash || 'x' where email = 'di@example.com'`);
    expect(await within(1000, async () => (await me(di.access)).status === 401)).toBe(true);
    expect((await call(refreshRoute, { path: "/api/auth/refresh", body: { refresh: di.refresh } })).status).toBe(401);
  });

  it("checks a token without reading the database", async () => {
    const user = await createTestUser();
    await tokenStatesReady();
    expect((await listUsers(user.token)).status).toBe(403); // warm
    const seen: string[] = [];
    const stop = onQuery((q) => seen.push(q));
    try {
      const { resolvePrincipal } = await import("@/lib/auth/resolve");
      const principal = await resolvePrincipal(new Request("http://localhost/api/x", { headers: { authorization: `Bearer ${user.token}` } }));
      expect(principal).toMatchObject({ kind: "user", userId: user.id, role: "user" });
    } finally {
      stop();
    }
    expect(seen).toEqual([]);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("another server instance (a second PostgreSQL client)", () => {
  it("a deactivation committed by another instance is refused here within a second", async () => {
    await createTestUser({ email: "ed@example.com" });
    const ed = await login("ed@example.com");
    expect((await me(ed.access)).status).toBe(200);
    const other = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const started = Date.now();
      await other`update users set active = false where email = 'ed@example.com'`;
      expect(await within(1000, async () => (await me(ed.access)).status === 401)).toBe(true);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await other.end();
    }
  });
});

describe("tokens the server never issues", () => {
  const key = crypto.createHash("sha256").update(`circle-time/api-jwt/${env.AUTH_SECRET}`).digest();
  it("refuses a correctly signed token without exp, iat or jti", async () => {
    const user = await createTestUser();
    const base = () => new SignJWT({ role: "user", type: "access", ver: 0 }).setProtectedHeader({ alg: "HS256" }).setSubject(user.id);
    const noExp = await base().setIssuedAt().setJti(crypto.randomUUID()).sign(key);
    const noIat = await base().setExpirationTime("10m").setJti(crypto.randomUUID()).sign(key);
    const noJti = await base().setIssuedAt().setExpirationTime("10m").sign(key);
    const fine = await base().setIssuedAt().setExpirationTime("10m").setJti(crypto.randomUUID()).sign(key);
    for (const token of [noExp, noIat, noJti]) expect((await me(token)).status).toBe(401);
    expect((await me(fine)).status).toBe(200);
  });
});

describe("concurrent refreshes (two tabs)", () => {
  it("a repeat within the leeway gets a fresh pair; after it, reuse revokes the family", async () => {
    await createTestUser({ email: "fa@example.com" });
    const fa = await login("fa@example.com");
    const refresh = () => call(refreshRoute, { path: "/api/auth/refresh", body: { refresh: fa.refresh } });
    const [a, b] = await Promise.all([refresh(), refresh()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.json.data.refresh).not.toBe(b.json.data.refresh);
    expect((await me(b.json.data.access)).status).toBe(200);
    await (await getDb()).execute(sql`update refresh_tokens set used_at = used_at - interval '11 seconds' where used_at is not null`);
    expect((await refresh()).status).toBe(401);
    // The family is revoked: the pairs handed out are dead too.
    expect((await call(refreshRoute, { path: "/api/auth/refresh", body: { refresh: a.json.data.refresh } })).status).toBe(401);
  });
});

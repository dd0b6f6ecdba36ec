import { beforeEach, describe, expect, it } from "vitest";
import * as loginRoute from "@/app/api/auth/login/route";
import * as usersItemRoute from "@/app/api/users/[id]/route";
import * as usersRoute from "@/app/api/users/route";
import { call, createTestUser, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

const newUser = { email: "New.Person@Example.com", name: "New Person", department: "Sales", password: "a-long-password" };

describe("GET /api/users", () => {
  it("lists users for an admin, with search over name, email and department", async () => {
    const admin = await createTestUser({ role: "admin", name: "Zed Admin" });
    await createTestUser({ name: "Ada Lovelace", department: "Engineering" });
    await createTestUser({ name: "Bob Builder", department: "Facilities" });
    const all = await call(usersRoute, { path: "/api/users", token: admin.token });
    expect(all.status).toBe(200);
    expect(all.json.data.map((u: { name: string }) => u.name)).toEqual(["Ada Lovelace", "Bob Builder", "Zed Admin"]);
    expect(Object.keys(all.json.data[0]).sort()).toEqual(
      ["active", "createdAt", "department", "email", "id", "lastLoginAt", "name", "role"].sort(),
    );
    expect(all.json.data[0]).not.toHaveProperty("passwordHash");
    const found = await call(usersRoute, { path: "/api/users?search=facil", token: admin.token });
    expect(found.json.data.map((u: { name: string }) => u.name)).toEqual(["Bob Builder"]);
    const none = await call(usersRoute, { path: "/api/users?search=%25", token: admin.token });
    expect(none.json.data).toEqual([]);
  });

  it("403 for a member, 401 without a token", async () => {
    const user = await createTestUser();
    expect((await call(usersRoute, { path: "/api/users", token: user.token })).status).toBe(403);
    expect((await call(usersRoute, { path: "/api/users" })).status).toBe(401);
  });
});

describe("POST /api/users", () => {
  it("creates a user who can then sign in; the email is unique whatever its case", async () => {
    const admin = await createTestUser({ role: "admin" });
    const res = await call(usersRoute, { path: "/api/users", token: admin.token, body: newUser });
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({ email: "New.Person@Example.com", name: "New Person", role: "user", department: "Sales", active: true, lastLoginAt: null });
    const login = await call(loginRoute, { path: "/api/auth/login", body: { email: "new.person@example.com", password: newUser.password } });
    expect(login.status).toBe(200);

    const dup = await call(usersRoute, { path: "/api/users", token: admin.token, body: { ...newUser, email: "NEW.PERSON@example.com" } });
    expect(dup.status).toBe(409);
    expect(dup.json.code).toBe("conflict");
  });

  it.each([
    [{ ...newUser, password: "short" }, "password"],
    [{ ...newUser, email: "nope" }, "email"],
    [{ ...newUser, role: "owner" }, "role"],
    [{ ...newUser, name: "" }, "name"],
    [{ email: newUser.email, name: newUser.name }, "password"],
  ])("400 for %j naming %s", async (body, field) => {
    const admin = await createTestUser({ role: "admin" });
    const res = await call(usersRoute, { path: "/api/users", token: admin.token, body });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json.fields)).toContain(field);
  });

  it("403 for a member", async () => {
    const user = await createTestUser();
    const res = await call(usersRoute, { path: "/api/users", token: user.token, body: newUser });
    expect(res.status).toBe(403);
  });
});

describe("PATCH /api/users/{id}", () => {
  it("changes name, role and department", async () => {
    const admin = await createTestUser({ role: "admin" });
    const user = await createTestUser();
    const res = await call(usersItemRoute, {
      method: "PATCH",
      path: `/api/users/${user.id}`,
      params: { id: user.id },
      token: admin.token,
      body: { name: "Renamed", role: "admin", department: "Ops" },
    });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ id: user.id, name: "Renamed", role: "admin", department: "Ops" });
  });

  it("a deactivated user can no longer sign in", async () => {
    const admin = await createTestUser({ role: "admin" });
    const user = await createTestUser();
    await call(usersItemRoute, { method: "PATCH", path: `/api/users/${user.id}`, params: { id: user.id }, token: admin.token, body: { active: false } });
    const login = await call(loginRoute, { path: "/api/auth/login", body: { email: user.email, password: "correct-horse-battery" } });
    expect(login.status).toBe(401);
  });

  it("an admin cannot demote or deactivate themself (409)", async () => {
    const admin = await createTestUser({ role: "admin" });
    for (const body of [{ role: "user" }, { active: false }]) {
      const res = await call(usersItemRoute, { method: "PATCH", path: `/api/users/${admin.id}`, params: { id: admin.id }, token: admin.token, body });
      expect(res.status).toBe(409);
    }
  });

  it("404 for an unknown or non-UUID id, 400 for unknown fields, 403 for a member", async () => {
    const admin = await createTestUser({ role: "admin" });
    const user = await createTestUser();
    const unknown = "7f1d2a43-2b1e-4c4f-9d7b-3c2b1a0f9e8d";
    expect((await call(usersItemRoute, { method: "PATCH", path: `/api/users/${unknown}`, params: { id: unknown }, token: admin.token, body: { name: "X" } })).status).toBe(404);
    const notUuid = await call(usersItemRoute, { method: "PATCH", path: "/api/users/42", params: { id: "42" }, token: admin.token, body: { name: "X" } });
    expect(notUuid.status).toBe(404);
    expect(notUuid.json.code).toBe("not_found");
    const bad = await call(usersItemRoute, { method: "PATCH", path: `/api/users/${user.id}`, params: { id: user.id }, token: admin.token, body: { email: "x@example.com" } });
    expect(bad.status).toBe(400);
    const member = await call(usersItemRoute, { method: "PATCH", path: `/api/users/${user.id}`, params: { id: user.id }, token: user.token, body: { name: "Me" } });
    expect(member.status).toBe(403);
    expect((await call(usersItemRoute, { method: "GET", path: `/api/users/${user.id}`, params: { id: user.id }, token: admin.token })).status).toBe(405);
  });
});

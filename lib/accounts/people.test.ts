import { beforeEach, describe, expect, it } from "vitest";
import { createTestUser, resetDatabase } from "@/tests/helpers";
import { searchPeople } from "./service";

beforeEach(resetDatabase);

describe("searchPeople (attendee picker)", () => {
  it("finds active people by name or email, never deactivated or system users, and refuses door tablets", async () => {
    const me = await createTestUser({ name: "Ada Lovelace", email: "ada@example.com" });
    await createTestUser({ name: "Grace Hopper", email: "grace@example.com" });
    await createTestUser({ name: "Adam Gone", email: "adam@example.com", active: false });
    const principal = { kind: "user", userId: me.id, role: "user", via: "session" } as const;

    expect((await searchPeople(principal, "ada")).map((p) => p.name)).toEqual(["Ada Lovelace"]);
    expect((await searchPeople(principal, "GRACE@")).map((p) => p.email)).toEqual(["grace@example.com"]);
    expect(await searchPeople(principal, "walk-in")).toEqual([]);
    expect(await searchPeople(principal, "   ")).toEqual([]);
    expect(Object.keys((await searchPeople(principal, "grace"))[0]).sort()).toEqual(["email", "id", "name"]);
    await expect(searchPeople({ kind: "device", deviceId: "d", roomId: "r" }, "ada")).rejects.toMatchObject({ status: 403 });
  });
});

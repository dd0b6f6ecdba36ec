import { beforeEach, describe, expect, it } from "vitest";
import * as itemRoute from "@/app/api/bookings/[bookingId]/route";
import * as bookingsRoute from "@/app/api/bookings/route";
import { getDb } from "@/db/client";
import { notificationOutbox } from "@/db/schema";
import { DateTime } from "luxon";
import { createTestRoom } from "../fixtures/rooms";
import { call, createTestUser, resetDatabase, type TestUser } from "../helpers";

let user: TestUser;
let roomId: string;
const zone = "Europe/Berlin";

beforeEach(async () => {
  await resetDatabase();
  user = await createTestUser();
  roomId = (await createTestRoom({ timezone: zone })).id;
});

/** Next Monday (local) at least 2 days ahead, as YYYY-MM-DD. */
function nextMonday(): string {
  let d = DateTime.now().setZone(zone).plus({ days: 2 }).startOf("day");
  while (d.weekday !== 1) d = d.plus({ days: 1 });
  return d.toFormat("yyyy-MM-dd");
}

const later = (isoTime: string) => new Date(Date.parse(isoTime) + 3600_000).toISOString();
const create = (body: Record<string, unknown>) => call(bookingsRoute, { path: "/api/bookings", token: user.token, body });

describe("recurring series", () => {
  it("creates weekly occurrences at the same local time, skipping and reporting a conflict", async () => {
    const monday = nextMonday();
    const week3 = DateTime.fromISO(monday, { zone }).plus({ weeks: 2 }).toFormat("yyyy-MM-dd");
    const blocker = await create({ roomId, title: "Blocker", startTime: `${week3}T09:30`, endTime: `${week3}T10:30` });
    expect(blocker.status).toBe(201);
    const res = await create({ roomId, title: "Weekly", startTime: `${monday}T09:00`, endTime: `${monday}T10:00`, recurrence: { frequency: "weekly", count: 4 } });
    expect(res.status).toBe(201);
    const { seriesId, created, skipped } = res.json.data;
    expect(typeof seriesId).toBe("string");
    expect(created).toHaveLength(3);
    expect(skipped).toHaveLength(1);
    expect(skipped[0].startTime).toBe(DateTime.fromISO(`${week3}T09:00`, { zone }).toUTC().toISO({ suppressMilliseconds: false }));
    expect(skipped[0].reason).toMatch(/conflict/);
    for (const b of created) expect(DateTime.fromISO(b.startTime).setZone(zone).toFormat("ccc HH:mm")).toBe("Mon 09:00");
    // One confirmation for the series, carrying every occurrence in its .ics.
    const mails = (await (await getDb()).select().from(notificationOutbox)).filter((m) => m.subject.includes("Weekly"));
    expect(mails).toHaveLength(1);
    expect(mails[0].icsBody!.match(/BEGIN:VEVENT/g)).toHaveLength(3);
  });

  it("skipConflicts false: 409 and nothing is created", async () => {
    const monday = nextMonday();
    await create({ roomId, title: "Blocker", startTime: `${monday}T09:00`, endTime: `${monday}T10:00` });
    const res = await create({ roomId, title: "Daily", startTime: `${monday}T09:00`, endTime: `${monday}T10:00`, recurrence: { frequency: "daily", count: 3 }, skipConflicts: false });
    expect(res.status).toBe(409);
    const mine = await call(bookingsRoute, { path: "/api/bookings?to=" + DateTime.now().plus({ days: 60 }).toFormat("yyyy-MM-dd"), token: user.token });
    expect(mine.json.data.map((b: { title: string }) => b.title)).toEqual(["Blocker"]);
  });

  it("400 for more than 52 occurrences, both or neither of until/count, byWeekday with daily", async () => {
    const monday = nextMonday();
    const base = { roomId, title: "R", startTime: `${monday}T09:00`, endTime: `${monday}T10:00` };
    expect((await create({ ...base, recurrence: { frequency: "daily", count: 53 } })).status).toBe(400);
    const far = DateTime.fromISO(monday).plus({ days: 120 }).toFormat("yyyy-MM-dd");
    const tooMany = await create({ ...base, recurrence: { frequency: "daily", until: far } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.fields.recurrence).toBeDefined();
    expect((await create({ ...base, recurrence: { frequency: "daily" } })).status).toBe(400);
    expect((await create({ ...base, recurrence: { frequency: "daily", count: 2, until: far } })).status).toBe(400);
    expect((await create({ ...base, recurrence: { frequency: "daily", count: 2, byWeekday: [1] } })).status).toBe(400);
    expect((await create({ ...base, recurrence: { frequency: "monthly", count: 2 } })).status).toBe(400);
  });

  it("400 on recurrence.until when no occurrence falls on or before the last date (was a 409 '0 overlap other bookings')", async () => {
    const monday = nextMonday();
    const before = DateTime.fromISO(monday).minus({ days: 3 }).toFormat("yyyy-MM-dd");
    const res = await create({ roomId, title: "R", startTime: `${monday}T09:00`, endTime: `${monday}T10:00`, recurrence: { frequency: "daily", until: before } });
    expect(res.status).toBe(400);
    expect(res.json.fields["recurrence.until"][0]).toMatch(/no meeting falls/);
  });

  it("editing one occurrence changes only that one; cancel with scope=series cancels it and the later ones", async () => {
    const monday = nextMonday();
    const res = await create({ roomId, title: "Standup", startTime: `${monday}T09:00`, endTime: `${monday}T09:15`, recurrence: { frequency: "daily", count: 5 } });
    const [first, second, third, fourth, fifth] = res.json.data.created;
    const edited = await call(itemRoute, { method: "PATCH", path: `/api/bookings/${third.id}`, params: { bookingId: third.id }, token: user.token, body: { title: "Standup (moved)", startTime: later(third.startTime), endTime: later(third.endTime) } });
    expect(edited.status).toBe(200);
    for (const other of [first, second, fourth, fifth]) {
      const got = await call(itemRoute, { method: "GET", path: `/api/bookings/${other.id}`, params: { bookingId: other.id }, token: user.token });
      expect(got.json.data).toMatchObject({ title: "Standup", startTime: other.startTime, endTime: other.endTime });
    }
    const cancel = await call(itemRoute, { method: "DELETE", path: `/api/bookings/${third.id}?scope=series`, params: { bookingId: third.id }, token: user.token });
    expect(cancel.status).toBe(200);
    expect(cancel.json.data).toEqual({ cancelled: true, count: 3 });
    const statuses = [];
    for (const b of [first, second, third, fourth, fifth]) {
      statuses.push((await call(itemRoute, { method: "GET", path: `/api/bookings/${b.id}`, params: { bookingId: b.id }, token: user.token })).json.data.status);
    }
    expect(statuses).toEqual(["confirmed", "confirmed", "cancelled", "cancelled", "cancelled"]);
    const bad = await call(itemRoute, { method: "DELETE", path: `/api/bookings/${first.id}?scope=everything`, params: { bookingId: first.id }, token: user.token });
    expect(bad.status).toBe(400);
  });
});

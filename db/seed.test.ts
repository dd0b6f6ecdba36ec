import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, selectRows } from "@/db/client";
import { resetDatabase } from "@/tests/helpers";
import { seedDemoData } from "./seed";

describe("demo seed", () => {
  beforeAll(resetDatabase);

  it("creates the demo data once and is idempotent", async () => {
    const db = await getDb();
    const first = await seedDemoData(db);
    expect(first.buildings).toBe(2);
    expect(first.rooms).toBeGreaterThanOrEqual(20);
    expect(first.users).toBeGreaterThanOrEqual(30);
    expect(first.bookingsCreated).toBeGreaterThan(1000);
    const second = await seedDemoData(db);
    expect(second).toMatchObject({ buildings: 2, rooms: first.rooms, users: first.users, bookingsCreated: 0 });
    const [{ n }] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from bookings`);
    expect(Number(n)).toBe(first.bookingsCreated);
  }, 120_000);

  it("has realistic patterns: two time zones, 4+ departments, 15–25% no-shows, a mid-week peak, future bookings", async () => {
    const db = await getDb();
    const rows = <T>(q: ReturnType<typeof sql>) => selectRows<T>(db, q);
    const [zones] = await rows<{ n: number }>(sql`select count(distinct timezone)::int as n from buildings`);
    expect(Number(zones.n)).toBe(2);
    const [departments] = await rows<{ n: number }>(sql`select count(distinct department)::int as n from users where department is not null`);
    expect(Number(departments.n)).toBeGreaterThanOrEqual(4);
    const [ghosting] = await rows<{ rate: number }>(sql`
      select 100.0 * count(*) filter (where status = 'no_show') / count(*) as rate
      from bookings where status in ('no_show', 'completed')`);
    expect(Number(ghosting.rate)).toBeGreaterThanOrEqual(15);
    expect(Number(ghosting.rate)).toBeLessThanOrEqual(25);
    const byDay = await rows<{ dow: number; n: number }>(sql`
      select extract(isodow from b.start_time at time zone bl.timezone)::int as dow, count(*)::int as n
      from bookings b join rooms r on r.id = b.room_id join buildings bl on bl.id = r.building_id group by 1`);
    const count = (d: number) => Number(byDay.find((r) => Number(r.dow) === d)?.n ?? 0);
    expect(count(3)).toBeGreaterThan(count(1));
    expect(count(3)).toBeGreaterThan(count(5));
    const [future] = await rows<{ n: number }>(sql`select count(*)::int as n from bookings where start_time > now() and status = 'confirmed'`);
    expect(Number(future.n)).toBeGreaterThan(50);
    const [misfit] = await rows<{ over: number; ended: number; cancelled: number }>(sql`
      select count(*) filter (where b.attendee_count > r.capacity)::int as over,
             count(*) filter (where b.status = 'completed' and b.ended_at is not null)::int as ended,
             count(*) filter (where b.status = 'cancelled')::int as cancelled
      from bookings b join rooms r on r.id = b.room_id`);
    expect(Number(misfit.over)).toBeGreaterThan(0);
    expect(Number(misfit.ended)).toBeGreaterThan(0);
    expect(Number(misfit.cancelled)).toBeGreaterThan(0);
  });
});

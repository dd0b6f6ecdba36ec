import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, jsonValue, onQuery, selectRows } from "@/db/client";
import { insertBooking } from "@/tests/fixtures/bookings";
import { createTestBuilding, createTestRoom } from "@/tests/fixtures/rooms";
import { createTestUser, resetDatabase } from "@/tests/helpers";
import { getRoomContextReleased } from "@/lib/rooms/service";
import { releaseOverdueNoShows } from "./service";

beforeEach(resetDatabase);

interface Statement {
  text: string;
  params: unknown[];
}

/** The statements `work` sends that look for bookings waiting for a check-in (the release's own). */
async function releaseStatements(work: () => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const stop = onQuery((text, params) => {
    if (/checked_in_at is null/.test(text)) seen.push({ text, params });
  });
  try {
    await work();
  } finally {
    stop();
  }
  return seen;
}

const literal = (value: unknown) =>
  value === null || value === undefined ? "null" : `'${(value instanceof Date ? value.toISOString() : String(value)).replace(/'/g, "''")}'`;

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Shared Hit Blocks": number;
  "Shared Read Blocks": number;
  Plans?: PlanNode[];
}

/**
 * Pages read by the plan's scans of `bookings` (a scan node's figure includes its index scan's): what finds the
 * rows. An UPDATE's own writes (new row versions and their index entries) are left out; they depend on what is
 * released, not on what is searched.
 */
function bookingsScanBuffers(node: PlanNode): number {
  if (node["Relation Name"] === "bookings" && node["Node Type"].endsWith("Scan")) {
    return node["Shared Hit Blocks"] + node["Shared Read Blocks"];
  }
  return (node.Plans ?? []).reduce((sum, child) => sum + bookingsScanBuffers(child), 0);
}

const args = (params: unknown[]) => (params.length ? `(${params.map(literal).join(", ")})` : "");

/**
 * Pages (8 kB) the statement's scans of bookings touch, run as postgres.js runs it (a prepared statement; its generic
 * plan forced, as PostgreSQL settles on after five runs) under EXPLAIN ANALYZE in a transaction rolled back.
 * Deterministic, unlike a timing: a page count that does not grow with the table is the proof of a bounded scan.
 */
async function buffersOf(statement: Statement): Promise<{ buffers: number; plan: string }> {
  const db = await getDb();
  let result = { buffers: 0, plan: "" };
  await db
    .transaction(async (tx) => {
      await tx.execute(sql.raw("set local plan_cache_mode = force_generic_plan"));
      await tx.execute(sql.raw(`prepare release_probe as ${statement.text}`));
      const [row] = await selectRows<Record<string, unknown>>(
        tx,
        sql.raw(`explain (analyze, buffers, format json) execute release_probe${args(statement.params)}`),
      );
      const [{ Plan }] = jsonValue<{ Plan: PlanNode }[]>(Object.values(row)[0]);
      result = { buffers: bookingsScanBuffers(Plan), plan: JSON.stringify(Plan) };
      await tx.execute(sql.raw("deallocate release_probe"));
      tx.rollback();
    })
    .catch((err: Error) => {
      if (!/rollback/i.test(err.message)) throw err;
    });
  return result;
}

/** `count` future confirmed bookings (not checked in) spread over 50 other rooms, then vacuumed and analysed. */
async function bookElsewhere(organizerId: string, count: number, from: number) {
  const db = await getDb();
  const building = await createTestBuilding();
  await db.execute(sql`
    insert into rooms (building_id, name, floor, capacity, amenities)
    select ${building.id}, 'Elsewhere ' || ${from} || '-' || g, 1, 4, '{}'::text[] from generate_series(1, 50) g`);
  await db.execute(sql`
    insert into bookings (room_id, organizer_id, title, start_time, end_time, status, attendee_count)
    select r.id, ${organizerId}, 'Elsewhere',
           date_trunc('hour', now()) + interval '2 days' + (k * interval '1 hour'),
           date_trunc('hour', now()) + interval '2 days' + (k * interval '1 hour') + interval '30 minutes',
           'confirmed', 2
    from (select id, row_number() over (order by id) as n from rooms where building_id = ${building.id}) r
    cross join generate_series(1, ${count / 50}::int) k`);
  // As autovacuum leaves it: statistics, and a visibility map for index-only scans.
  await db.execute(sql`vacuum analyze bookings`);
}

describe("the lazy release of overdue no-shows is bounded by the room (DOMAIN §2)", () => {
  it("touches as many pages with 50,000 future confirmed bookings elsewhere as with 100, per room and organisation-wide", async () => {
    const user = await createTestUser();
    const room = await createTestRoom();
    // The room's own history: one booking overdue now, one waiting in the future, one checked in and running.
    const overdue = await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: -30, durationMinutes: 60 });
    await insertBooking({ roomId: room.id, organizerId: user.id, startInMinutes: 120, durationMinutes: 60 });
    const db = await getDb();
    const reset = () => db.execute(sql`update bookings set status = 'confirmed', ended_at = null where id = ${overdue.id}`);

    await bookElsewhere(user.id, 100, 1);
    // The statements the service really sends: the read that finds the overdue booking, then the release itself.
    const perRoom = await releaseStatements(() => releaseOverdueNoShows(room.id));
    await reset();
    const orgWide = await releaseStatements(() => releaseOverdueNoShows());
    await reset();
    // A read of the room (a room's day) asks the same question inside its own statement.
    const roomRead = await releaseStatements(() => getRoomContextReleased(room.id));
    await reset();
    expect(perRoom.length).toBeGreaterThanOrEqual(2);
    expect(orgWide.length).toBeGreaterThanOrEqual(2);
    expect(roomRead.filter((s) => /"rooms"\."id" = \$/.test(s.text))).toHaveLength(1);
    const statements = [...perRoom, ...orgWide, ...roomRead];
    // Each statement measured twice: with the overdue booking waiting, and with nothing to release (what every
    // day read meets), where a scan that is not bounded by the index reads the whole table.
    const pages = async () => {
      const figures: { buffers: number; plan: string; text: string }[] = [];
      for (const nothingOverdue of [false, true]) {
        await (nothingOverdue ? db.execute(sql`update bookings set status = 'no_show' where id = ${overdue.id}`) : reset());
        for (const statement of statements) figures.push({ ...(await buffersOf(statement)), text: statement.text });
      }
      await reset();
      return figures;
    };
    const small = await pages();
    await bookElsewhere(user.id, 49_900, 2);
    const large = await pages();

    for (let i = 0; i < small.length; i++) {
      // A deeper btree (two more levels at 50,000 entries) and the heap visits of the row versions the test's own
      // updates left may add a few pages; a scan of the other rooms' bookings adds hundreds (937 before 0007).
      expect(large[i].buffers, `${large[i].text}\n${large[i].plan}`).toBeLessThanOrEqual(small[i].buffers + 8);
      expect(large[i].buffers, `${large[i].text}\n${large[i].plan}`).toBeLessThan(25);
    }
    // And the release still does its work at that size.
    expect(await releaseOverdueNoShows(room.id)).toBe(1);
  }, 120_000);
});

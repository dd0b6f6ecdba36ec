import { and, asc, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { jsonValue, preparedPerExecutor, selectRows, type Executor } from "@/db/client";
import { bookingAttendees, bookings, bookingSeries, buildings, rooms } from "@/db/schema";

const roomContextColumns = {
  id: rooms.id,
  name: rooms.name,
  floor: rooms.floor,
  capacity: rooms.capacity,
  maintenance: rooms.maintenance,
  buildingId: buildings.id,
  buildingName: buildings.name,
  timezone: buildings.timezone,
};

const roomContextQuery = preparedPerExecutor((db) =>
  db
    .select(roomContextColumns)
    .from(rooms)
    .innerJoin(buildings, eq(buildings.id, rooms.buildingId))
    .where(eq(rooms.id, sql.placeholder("roomId")))
    .limit(1)
    .prepare("room_context"),
);

export async function findRoomContext(db: Executor, roomId: string) {
  const [row] = await roomContextQuery(db).execute({ roomId });
  return row;
}

/** Another domain's expression about a room, given the room's id column (e.g. "has overdue no-shows"). */
type RoomExpression<T> = (roomId: AnyColumn) => SQL<T>;
const roomContextWithQueries = new WeakMap<RoomExpression<unknown>, ReturnType<typeof roomContextWithQuery>>();

function roomContextWithQuery(expression: RoomExpression<unknown>) {
  return preparedPerExecutor((db) =>
    db
      .select({ ...roomContextColumns, value: expression(rooms.id) })
      .from(rooms)
      .innerJoin(buildings, eq(buildings.id, rooms.buildingId))
      .where(eq(rooms.id, sql.placeholder("roomId")))
      .limit(1)
      .prepare("room_context_with"),
  );
}

/** `findRoomContext` and, as `value`, `expression`'s value for the room, in the same statement. */
export async function findRoomContextWith<T>(db: Executor, roomId: string, expression: RoomExpression<T>) {
  let query = roomContextWithQueries.get(expression);
  if (!query) roomContextWithQueries.set(expression, (query = roomContextWithQuery(expression)));
  const [row] = await query(db).execute({ roomId });
  return row as (Omit<typeof row, "value"> & { value: T }) | undefined;
}

const settingsCte = sql`s as (select make_interval(mins => auto_release_minutes) as release from org_settings where id = 1)`;

/**
 * Booking `x` holds its room during `range`: active, overlapping, and not a no-show waiting for the sweep (never
 * checked in and past start + autoReleaseMinutes, from `s` = settingsCte), so the answer is right even between
 * two sweeps. The range condition matches the partial GiST indexes, so it is an index probe, not a scan of history.
 */
const holding = (range: SQL) => sql`x.status in ('confirmed', 'pending')
            and tstzrange(x.start_time, x.end_time, '[)') && ${range}
            and (x.checked_in_at is not null or x.start_time + s.release > now())`;

/** Room `r` is held by some booking during `range`. */
const holds = (range: SQL) => sql`exists (select 1 from bookings x where x.room_id = r.id and ${holding(range)})`;

/** A room as the directory lists it, without its status (which changes with time, not with the room). */
export interface DirectoryRow {
  id: string;
  name: string;
  building: string;
  building_id: string;
  timezone: string;
  floor: number;
  capacity: number;
  amenities: string[];
  image_url: string | null;
  maintenance: boolean;
  map_x: number | null;
  map_y: number | null;
  map_width: number | null;
  map_height: number | null;
}

export interface RoomFilters {
  search?: string;
  building?: string;
  floor?: number;
  minCapacity?: number;
  amenities?: string[];
  /**
   * Free over [from, to): instants (ISO with offset), or per building id the instants of a local time range
   * read in that building's zone (converted by lib/time, so SQL never reverses or shifts a range).
   */
  available?: { from: string; to: string } | { byBuilding: Record<string, { from: string; to: string }> };
}

function availableRange(a: NonNullable<RoomFilters["available"]>): SQL {
  if ("from" in a) return sql`tstzrange(${a.from}::timestamptz, ${a.to}::timestamptz, '[)')`;
  const ranges = JSON.stringify(a.byBuilding);
  // A building created since the caller read the list has no range: the unbounded one, so its rooms are not listed.
  return sql`tstzrange((${ranges}::jsonb -> bl.id::text ->> 'from')::timestamptz, (${ranges}::jsonb -> bl.id::text ->> 'to')::timestamptz, '[)')`;
}

/**
 * The version of the room directory (rooms and their buildings), replaced by a trigger in the same
 * transaction as any change to either table (migration 0002), so a reader that sees version V sees the
 * directory of V. It lets a server keep the directory in memory and still answer exactly.
 */
const directoryVersion = sql`(select version::text from room_directory_version where id = 1)`;

/** The rooms a query's filters select, in one statement; the availability filter is one index probe per room. */
export async function selectMatchingRoomIds(db: Executor, f: RoomFilters): Promise<string[]> {
  const conditions: SQL[] = [];
  if (f.search) {
    const pattern = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(r.name ilike ${pattern} or bl.name ilike ${pattern})`);
  }
  if (f.building) conditions.push(sql`(bl.id::text = ${f.building} or lower(bl.name) = lower(${f.building}))`);
  if (f.floor !== undefined) conditions.push(sql`r.floor = ${f.floor}`);
  if (f.minCapacity !== undefined) conditions.push(sql`r.capacity >= ${f.minCapacity}`);
  if (f.amenities?.length) {
    conditions.push(sql`r.amenities @> array[${sql.join(f.amenities.map((a) => sql`${a}`), sql`, `)}]::text[]`);
  }
  if (f.available) conditions.push(sql`not ${holds(availableRange(f.available))}`);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const rows = await selectRows<{ id: string }>(
    db,
    sql`with ${settingsCte}
        select r.id from rooms r join buildings bl on bl.id = r.building_id cross join s ${where}`,
  );
  return rows.map((r) => r.id);
}

/** Every room with its building, in the order of CONTRACT 2.1 (building, floor, name), and the directory's version. */
export async function selectDirectory(db: Executor): Promise<{ version: string | null; rooms: DirectoryRow[] }> {
  const rows = await selectRows<DirectoryRow & { version: string | null; id: string | null }>(
    db,
    sql`select v.version, r.id, r.name, bl.name as building, r.building_id, bl.timezone, r.floor, r.capacity, r.amenities,
               r.image_url, r.maintenance, r.map_x, r.map_y, r.map_width, r.map_height
        from (select ${directoryVersion} as version) v
        left join (rooms r join buildings bl on bl.id = r.building_id) on true
        order by bl.name, r.floor, r.name`,
  );
  return { version: rows[0]?.version ?? null, rooms: rows.filter((r) => r.id !== null) };
}

/** Room id → "occupied" (held now) or "reserved" (held within the next quarter hour); other rooms are absent. */
export type HeldRooms = Record<string, "occupied" | "reserved">;

/**
 * What a room's status depends on at this moment, for all rooms in one index-only scan over the next quarter
 * hour (migration 0003), with the directory's version read in the same snapshot. One row: the held rooms come
 * as one JSON object, which costs far less to read than a row per room at a busy hour.
 */
export async function selectLiveState(db: Executor): Promise<{ version: string | null; held: HeldRooms }> {
  const [row] = await selectRows<{ version: string | null; held: HeldRooms | string | null }>(
    db,
    sql`with ${settingsCte},
        soon as (
          select x.room_id,
                 bool_or(x.start_time <= now()) as occupied
          from bookings x cross join s
          where ${holding(sql`tstzrange(now(), now() + interval '15 minutes', '[]')`)}
          group by x.room_id)
        select ${directoryVersion} as version,
               (select json_object_agg(room_id, case when occupied then 'occupied' else 'reserved' end) from soon) as held`,
  );
  return { version: row?.version ?? null, held: jsonValue<HeldRooms | null>(row?.held ?? null) ?? {} };
}

/** Active bookings of a room overlapping [from, to) that hold it (see `holds`). */
export async function selectHoldingIntervals(db: Executor, roomId: string, from: Date, to: Date) {
  return selectRows<{ start_time: Date | string; end_time: Date | string }>(
    db,
    sql`with ${settingsCte}
        select x.start_time, x.end_time
        from bookings x cross join s
        where x.room_id = ${roomId}
          and ${holding(sql`tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')`)}
        order by x.start_time`,
  );
}

export async function insertRoom(db: Executor, values: typeof rooms.$inferInsert): Promise<string> {
  const [row] = await db.insert(rooms).values(values).returning({ id: rooms.id });
  return row.id;
}

export async function updateRoom(db: Executor, id: string, values: Partial<typeof rooms.$inferInsert>) {
  const [row] = await db.update(rooms).set(values).where(eq(rooms.id, id)).returning({ id: rooms.id });
  return row;
}

export async function hasActiveOrFutureBookings(db: Executor, roomId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.roomId, roomId), sql`${bookings.status} in ('confirmed', 'pending')`, sql`${bookings.endTime} > now()`))
    .limit(1);
  return Boolean(row);
}

/** Deletes a room with its booking history (only past, inactive bookings remain when this is called). */
export async function deleteRoomWithHistory(db: Executor, roomId: string) {
  await db.delete(bookingAttendees).where(sql`${bookingAttendees.bookingId} in (select id from bookings where room_id = ${roomId})`);
  await db.delete(bookings).where(eq(bookings.roomId, roomId));
  await db.delete(bookingSeries).where(eq(bookingSeries.roomId, roomId));
  await db.delete(rooms).where(eq(rooms.id, roomId));
}

// ── buildings ───────────────────────────────────────────────────────────────

export async function selectBuildings(db: Executor, id?: string) {
  return db
    .select({ id: buildings.id, name: buildings.name, address: buildings.address, timezone: buildings.timezone, floors: buildings.floors })
    .from(buildings)
    .where(id ? eq(buildings.id, id) : undefined)
    .orderBy(asc(buildings.name));
}

export async function insertBuilding(db: Executor, values: typeof buildings.$inferInsert): Promise<string> {
  const [row] = await db.insert(buildings).values(values).returning({ id: buildings.id });
  return row.id;
}

export async function updateBuilding(db: Executor, id: string, values: Partial<typeof buildings.$inferInsert>) {
  const [row] = await db.update(buildings).set(values).where(eq(buildings.id, id)).returning({ id: buildings.id });
  return row;
}

export async function countRoomsInBuilding(db: Executor, buildingId: string, aboveFloor?: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rooms)
    .where(and(eq(rooms.buildingId, buildingId), aboveFloor !== undefined ? sql`${rooms.floor} > ${aboveFloor}` : undefined));
  return Number(row?.n ?? 0);
}

export async function deleteBuilding(db: Executor, id: string) {
  await db.delete(buildings).where(eq(buildings.id, id));
}

export async function roomIdsInBuilding(db: Executor, buildingId: string) {
  return db.select({ id: rooms.id }).from(rooms).where(eq(rooms.buildingId, buildingId));
}

/**
 * The bookings holding any of `roomIds` during [from, to), in one statement (room, then start order): what the
 * rooms list needs to say when each room is next free.
 */
export async function selectHoldingIntervalsOfRooms(db: Executor, roomIds: string[], from: Date, to: Date) {
  return selectRows<{ room_id: string; start_time: Date | string; end_time: Date | string }>(
    db,
    sql`with ${settingsCte}
        select x.room_id, x.start_time, x.end_time
        from bookings x cross join s
        where x.room_id = any(${`{${roomIds.join(",")}}`}::uuid[])
          and ${holding(sql`tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')`)}
        order by x.room_id, x.start_time`,
  );
}

/** A room offered instead of a booked one. */
export interface AlternativeRoomRow {
  id: string;
  name: string;
  building: string;
  building_id: string;
  floor: number;
  capacity: number;
  amenities: string[];
}

/**
 * Rooms in service other than `roomId`, with `minCapacity`–`maxCapacity` seats, free during [from, to), in one
 * statement: same building first, then the closest capacity, then the closest floor.
 */
export async function selectFreeRoomsLike(
  db: Executor,
  f: { roomId: string; buildingId: string; floor: number; capacity: number; minCapacity: number; maxCapacity: number; from: Date; to: Date; limit: number },
): Promise<AlternativeRoomRow[]> {
  return selectRows<AlternativeRoomRow>(
    db,
    sql`with ${settingsCte}
        select r.id, r.name, bl.name as building, r.building_id, r.floor, r.capacity, r.amenities
        from rooms r join buildings bl on bl.id = r.building_id cross join s
        where r.id <> ${f.roomId}
          and not r.maintenance
          and r.capacity between ${f.minCapacity} and ${f.maxCapacity}
          and not ${holds(sql`tstzrange(${f.from.toISOString()}::timestamptz, ${f.to.toISOString()}::timestamptz, '[)')`)}
        order by (r.building_id = ${f.buildingId}) desc, abs(r.capacity - ${f.capacity}), abs(r.floor - ${f.floor}), r.name
        limit ${f.limit}`,
  );
}

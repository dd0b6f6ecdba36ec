import { and, asc, eq, gt, gte, lt, sql, type AnyColumn, type Placeholder, type SQL } from "drizzle-orm";
import { jsonValue, preparedPerExecutor, selectRows, type Executor } from "@/db/client";
import { bookingAttendees, bookings, bookingSeries, buildings, rooms, users, type BookingStatus } from "@/db/schema";

const bookingColumns = {
  id: bookings.id,
  roomId: bookings.roomId,
  roomName: rooms.name,
  buildingName: buildings.name,
  timezone: buildings.timezone,
  seriesId: bookings.seriesId,
  title: bookings.title,
  description: bookings.description,
  startTime: bookings.startTime,
  endTime: bookings.endTime,
  status: bookings.status,
  attendeeCount: bookings.attendeeCount,
  checkedInAt: bookings.checkedInAt,
  endedAt: bookings.endedAt,
  createdAt: bookings.createdAt,
  organizerId: users.id,
  organizerName: users.name,
  organizerEmail: users.email,
  // The attendees in the same statement, by name: no second round trip per list.
  attendees: sql<AttendeeList>`coalesce((
    select json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email) order by u.name, u.id)
    from booking_attendees ba join users u on u.id = ba.user_id
    where ba.booking_id = ${bookings.id}), '[]'::json)`.mapWith((value) => jsonValue<AttendeeList>(value)),
};

type AttendeeList = { id: string; name: string; email: string }[];

export type BookingRecord = Awaited<ReturnType<typeof selectBookings>>[number];

/**
 * `column = any($1::uuid[])`: one parameter whatever the number of ids, so one prepared statement serves every
 * list length (drizzle's `inArray` writes a placeholder per id, a new statement text per length).
 */
export function uuidIn(column: AnyColumn, ids: string[]): SQL {
  return sql`${column} = any(${`{${ids.join(",")}}`}::uuid[])`;
}

function bookingsWhere(db: Executor, where: SQL | undefined) {
  return db
    .select(bookingColumns)
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(buildings, eq(buildings.id, rooms.buildingId))
    .innerJoin(users, eq(users.id, bookings.organizerId))
    .where(where)
    .orderBy(asc(bookings.startTime), asc(bookings.id))
    .$dynamic();
}

/** Bookings with room and organizer, in start order; one query whatever the number of rows. */
export async function selectBookings(db: Executor, where: SQL | undefined, opts: { limit?: number; forUpdate?: boolean } = {}) {
  const query = bookingsWhere(db, where);
  if (opts.limit) query.limit(opts.limit);
  if (opts.forUpdate) query.for("update", { of: bookings });
  return query;
}

/** `overlapping` as a query built once (a room's day is read on every visit to a room's page and by every tablet). */
const roomDayQueries = [false, true].map((includeCancelled) =>
  preparedPerExecutor((db) =>
    bookingsWhere(
      db,
      overlapping(sql.placeholder("roomId"), sql`${sql.placeholder("from")}::timestamptz`, sql`${sql.placeholder("to")}::timestamptz`, includeCancelled),
    ).prepare(includeCancelled ? "room_day_all" : "room_day"),
  ),
);

/** The bookings of a room overlapping [from, to), cancelled ones only when asked, in start order. */
export async function selectRoomBookings(db: Executor, roomId: string, from: Date, to: Date, includeCancelled: boolean): Promise<BookingRecord[]> {
  return roomDayQueries[includeCancelled ? 1 : 0](db).execute({ roomId, from: from.toISOString(), to: to.toISOString() });
}

export async function findBooking(db: Executor, id: string, forUpdate = false): Promise<BookingRecord | undefined> {
  const [row] = await selectBookings(db, eq(bookings.id, id), { limit: 1, forUpdate });
  return row;
}

/** The people among `ids` who may be invited: existing, active, not system users. */
export async function findInvitableUsers(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(uuidIn(users.id, ids), eq(users.active, true), eq(users.isSystem, false)));
}

/**
 * The organizer and the invited people of a new booking in one query: every user among `ids` with whether they
 * may be invited (existing, active, not a system user); missing ids are simply absent. In the order of a
 * booking's `attendees` (name, then id, as `bookingColumns` sorts them).
 */
export async function findParticipants(db: Executor, ids: string[]) {
  return participantsQuery(db).execute({ ids: `{${ids.join(",")}}` });
}

const participantsQuery = preparedPerExecutor((db) =>
  db
    .select({ id: users.id, name: users.name, email: users.email, invitable: sql<boolean>`${users.active} and not ${users.isSystem}` })
    .from(users)
    .where(sql`${users.id} = any(${sql.placeholder("ids")}::uuid[])`)
    .orderBy(asc(users.name), asc(users.id))
    .prepare("participants"),
);

/** A new booking as `insertBookingWithEffects` writes it; `id` is chosen by the caller (a random UUID). */
export interface NewBooking {
  id: string;
  roomId: string;
  organizerId: string;
  seriesId: string | null;
  title: string;
  description: string | null;
  start: Date;
  end: Date;
  attendeeCount: number;
  attendeeIds: string[];
}

/**
 * Writes a new booking in one statement, so in one round trip and atomically without a transaction of its own:
 * takes the room's booking lock (as `lockRoomForBooking`: `for no key update`, read under it whether the room is
 * out of service), inserts the booking unless it is, its attendees, and the `effects` (data-modifying CTE bodies
 * or expressions of other domains — the outbox message, the room's announcement — each given `created`, the
 * name of the inserted row's CTE, to run once per inserted row). The exclusion constraint still decides overlaps:
 * an overlap fails the whole statement with 23P01, nothing written. Returns null for an unknown room, else whether
 * the room is out of service and, when the booking was written, its `createdAt`.
 */
export async function insertBookingWithEffects(
  db: Executor,
  booking: NewBooking,
  effects: { ctes: ((created: SQL) => SQL)[]; expressions: SQL[] },
): Promise<{ maintenance: boolean; createdAt: Date | null } | null> {
  const created = sql.raw("created");
  const ctes = effects.ctes.map((cte, i) => sql`, ${sql.raw(`effect${i}`)} as (${cte(created)})`);
  // Volatile (pg_notify), so evaluated once per row even though only counted.
  const expressions = effects.expressions.map((e) => sql`, (select count(*) from (select ${e} from created) effect)::int`);
  const [row] = await selectRows<{ maintenance: boolean | null; created_at: Date | string | null }>(
    db,
    sql`with locked as (select maintenance from rooms where id = ${booking.roomId} for no key update),
      created as (
        insert into bookings (id, room_id, organizer_id, series_id, title, description, start_time, end_time, attendee_count)
        select ${booking.id}::uuid, ${booking.roomId}::uuid, ${booking.organizerId}::uuid, ${booking.seriesId}::uuid,
               ${booking.title}, ${booking.description}, ${booking.start.toISOString()}::timestamptz,
               ${booking.end.toISOString()}::timestamptz, ${booking.attendeeCount}::int
        from locked where not locked.maintenance
        returning id, created_at),
      invited as (
        insert into booking_attendees (booking_id, user_id)
        select created.id, attendee from created cross join unnest(${`{${booking.attendeeIds.join(",")}}`}::uuid[]) attendee)
      ${sql.join(ctes, sql``)}
      select (select maintenance from locked) as maintenance, (select created_at from created) as created_at
        ${sql.join(expressions, sql``)}`,
  );
  if (!row || row.maintenance === null) return null;
  const createdAt = row.created_at === null ? null : new Date(row.created_at);
  return { maintenance: row.maintenance, createdAt };
}

export async function findPerson(db: Executor, id: string) {
  const [row] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function insertBooking(db: Executor, values: typeof bookings.$inferInsert): Promise<string> {
  const [row] = await db.insert(bookings).values(values).returning({ id: bookings.id });
  return row.id;
}

export async function insertSeries(db: Executor, values: typeof bookingSeries.$inferInsert): Promise<string> {
  const [row] = await db.insert(bookingSeries).values(values).returning({ id: bookingSeries.id });
  return row.id;
}

export async function replaceAttendees(db: Executor, bookingId: string, userIds: string[], isNew = false) {
  if (!isNew) await db.delete(bookingAttendees).where(eq(bookingAttendees.bookingId, bookingId));
  if (userIds.length) await db.insert(bookingAttendees).values(userIds.map((userId) => ({ bookingId, userId })));
}

export async function updateBookingFields(db: Executor, id: string, values: Partial<typeof bookings.$inferInsert>) {
  await db
    .update(bookings)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(bookings.id, id));
}

/** Bookings of one room overlapping [from, to). */
function overlapping(roomId: string | Placeholder, from: Date | SQL, to: Date | SQL, includeCancelled: boolean): SQL {
  return and(
    eq(bookings.roomId, roomId),
    lt(bookings.startTime, to),
    gt(bookings.endTime, from),
    includeCancelled ? undefined : sql`${bookings.status} <> 'cancelled'`,
  )!;
}

/** Bookings a person organizes or attends that start in [from, to): two index range scans, not a table scan. */
export function involvingStartingWithin(userId: string, from: Date, to: Date): SQL {
  const f = from.toISOString();
  const t = to.toISOString();
  return sql`${bookings.id} in (
    select id from bookings where organizer_id = ${userId} and start_time >= ${f}::timestamptz and start_time < ${t}::timestamptz
    union
    select ba.booking_id from booking_attendees ba join bookings b2 on b2.id = ba.booking_id
    where ba.user_id = ${userId} and b2.start_time >= ${f}::timestamptz and b2.start_time < ${t}::timestamptz)`;
}

/**
 * Bookings whose start falls on a local date in [from, to] (YYYY-MM-DD), each read in its own building's zone
 * (issue 10 point 5). Needs the buildings join of `selectBookings`; pair it with a coarse instant range for the index.
 */
export function startingOnLocalDates(from: string, to: string): SQL {
  return sql`((${bookings.startTime} at time zone ${buildings.timezone})::date between ${from}::date and ${to}::date)`;
}

export function startingWithin(from: Date, to: Date): SQL {
  return and(gte(bookings.startTime, from), lt(bookings.startTime, to))!;
}

export function withStatus(status: BookingStatus | undefined): SQL | undefined {
  return status ? eq(bookings.status, status) : undefined;
}

export function inRoom(roomId: string | undefined): SQL | undefined {
  return roomId ? eq(bookings.roomId, roomId) : undefined;
}

/** Cancels a booking that is still active and not checked in (CONTRACT 3.3); false when it was not. */
export async function cancelIfCancellable(db: Executor, id: string) {
  const [row] = await selectRows<{ id: string }>(
    db,
    sql`update bookings set status = 'cancelled', cancelled_at = now(), updated_at = now()
        where id = ${id} and status in ('confirmed', 'pending') and checked_in_at is null
        returning id`,
  );
  return Boolean(row);
}

/** Later occurrences of a series that can still be cancelled (not started, not checked in). */
export async function cancelSeriesFrom(db: Executor, seriesId: string, from: Date) {
  return selectRows<{ id: string }>(
    db,
    sql`update bookings set status = 'cancelled', cancelled_at = now(), updated_at = now()
        where series_id = ${seriesId} and start_time >= ${from.toISOString()}::timestamptz
          and status in ('confirmed', 'pending') and checked_in_at is null
        returning id`,
  );
}

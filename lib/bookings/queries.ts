import { and, asc, eq, gt, gte, lt, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { jsonValue, selectRows, type Executor } from "@/db/client";
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

/** Bookings with room and organizer, in start order; one query whatever the number of rows. */
export async function selectBookings(db: Executor, where: SQL | undefined, opts: { limit?: number; forUpdate?: boolean } = {}) {
  const query = db
    .select(bookingColumns)
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(buildings, eq(buildings.id, rooms.buildingId))
    .innerJoin(users, eq(users.id, bookings.organizerId))
    .where(where)
    .orderBy(asc(bookings.startTime), asc(bookings.id))
    .$dynamic();
  if (opts.limit) query.limit(opts.limit);
  if (opts.forUpdate) query.for("update", { of: bookings });
  return query;
}

export async function findBooking(db: Executor, id: string, forUpdate = false): Promise<BookingRecord | undefined> {
  const [row] = await selectBookings(db, eq(bookings.id, id), { limit: 1, forUpdate });
  return row;
}

export async function isAttendee(db: Executor, bookingId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: bookingAttendees.userId })
    .from(bookingAttendees)
    .where(and(eq(bookingAttendees.bookingId, bookingId), eq(bookingAttendees.userId, userId)))
    .limit(1);
  return Boolean(row);
}

/** The people among `ids` who may be invited: existing, active, not system users. */
export async function findInvitableUsers(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(uuidIn(users.id, ids), eq(users.active, true), eq(users.isSystem, false)));
}

export async function findPerson(db: Executor, id: string) {
  const [row] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/**
 * Takes the room's write lock for the rest of the transaction and reads whether it is out of service.
 * Every transaction that can make a room's bookings overlap (create, move, extend) takes it first, so they
 * queue per room instead of waiting on each other inside the exclusion constraint, where PostgreSQL can only
 * break the cycle by aborting one after `deadlock_timeout`. The constraint still decides what is a conflict.
 * `for no key update` leaves foreign-key checks (`for key share`) of other writers unblocked.
 */
export async function lockRoomForBooking(db: Executor, roomId: string): Promise<{ maintenance: boolean } | undefined> {
  const [row] = await db
    .select({ maintenance: rooms.maintenance })
    .from(rooms)
    .where(eq(rooms.id, roomId))
    .for("no key update");
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
export function overlapping(roomId: string, from: Date, to: Date, includeCancelled: boolean): SQL {
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

export function startingWithin(from: Date, to: Date): SQL {
  return and(gte(bookings.startTime, from), lt(bookings.startTime, to))!;
}

export function withStatus(status: BookingStatus | undefined): SQL | undefined {
  return status ? eq(bookings.status, status) : undefined;
}

export function inRoom(roomId: string | undefined): SQL | undefined {
  return roomId ? eq(bookings.roomId, roomId) : undefined;
}

// ── lifecycle transitions (DOMAIN §2): each one idempotent statement ───────

const at = (now?: Date) => (now ? sql`${now.toISOString()}::timestamptz` : sql`now()`);

/**
 * The latest start a booking may have and still be released now: `now - autoReleaseMinutes`, as a scalar subquery.
 * The planner can then bound the scan by it (an index range up to the cutoff) instead of testing every confirmed
 * booking against a join with org_settings, which was all it could do with postgres.js's prepared (generic) plans.
 */
const releaseCutoff = (now?: Date) =>
  sql`(select ${at(now)} - make_interval(mins => auto_release_minutes) from org_settings where id = 1)`;

/**
 * Bookings waiting for a check-in whose release time has come (DOMAIN §2), of one room or of all: for a room the
 * range (room_id, start_time ≤ cutoff) of bookings_awaiting_checkin_idx, so the cost is that room's overdue
 * bookings, whatever the number of future bookings elsewhere; for all rooms the range start_time ≤ cutoff of
 * bookings_confirmed_start_idx (the overdue ones and the meetings running now).
 */
const overdue = (roomId: string | undefined, now?: Date) =>
  sql`b.status = 'confirmed' and b.checked_in_at is null and b.start_time <= ${releaseCutoff(now)}
      ${roomId ? sql`and b.room_id = ${roomId}` : sql``}`;

/** Confirmed, never checked in, and past start + autoReleaseMinutes: a no-show, ended when the release came. */
export async function markOverdueNoShows(db: Executor, roomId?: string, now?: Date) {
  return selectRows<{ id: string; room_id: string }>(
    db,
    sql`update bookings b
        set status = 'no_show',
            ended_at = least(b.start_time + make_interval(mins => s.auto_release_minutes), b.end_time),
            updated_at = now()
        from org_settings s
        where s.id = 1 and ${overdue(roomId, now)}
        returning b.id, b.room_id`,
  );
}

/**
 * A cheap read before the write: is any booking (of the room) waiting to be released? `order by start_time` keeps
 * the generic plan on the index range: with only `limit 1`, the planner bet on a sequential scan finding a row soon.
 */
export async function hasOverdueNoShows(db: Executor, roomId?: string, now?: Date): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(
    db,
    sql`select 1 as one from bookings b where ${overdue(roomId, now)} order by b.start_time limit 1`,
  );
  return rows.length > 0;
}

/** Checked in and past the scheduled end: completed. */
export async function markFinishedCompleted(db: Executor, roomId?: string, now?: Date) {
  return selectRows<{ id: string; room_id: string }>(
    db,
    sql`update bookings set status = 'completed', updated_at = now()
        where status = 'confirmed' and checked_in_at is not null and end_time <= ${at(now)}
          ${roomId ? sql`and room_id = ${roomId}` : sql``}
        returning id, room_id`,
  );
}

/** Checks in when the booking is confirmed, not yet checked in, and inside its check-in window; else no row. */
export async function checkInIfOpen(db: Executor, id: string) {
  const [row] = await selectRows<{ checked_in_at: Date | string }>(
    db,
    sql`update bookings b set checked_in_at = now(), updated_at = now()
        from org_settings s
        where s.id = 1 and b.id = ${id}
          and b.status = 'confirmed' and b.checked_in_at is null
          and now() >= b.start_time - make_interval(mins => s.checkin_window_minutes)
          and now() < least(b.start_time + make_interval(mins => s.auto_release_minutes), b.end_time)
        returning b.checked_in_at`,
  );
  return row ? new Date(row.checked_in_at) : undefined;
}

/** Ends a running meeting now; no row when it is not checked in or already over. */
export async function endIfRunning(db: Executor, id: string) {
  const [row] = await selectRows<{ end_time: Date | string; ended_at: Date | string }>(
    db,
    sql`update bookings set status = 'completed', ended_at = now(), updated_at = now()
        where id = ${id} and status = 'confirmed' and checked_in_at is not null and end_time > now()
        returning end_time, ended_at`,
  );
  return row ? { endTime: new Date(row.end_time), endedAt: new Date(row.ended_at) } : undefined;
}

/** Lengthens a running meeting; the exclusion constraint refuses an overlap with the next booking. */
export async function extendIfRunning(db: Executor, id: string, minutes: number) {
  const [row] = await selectRows<{ id: string }>(
    db,
    sql`update bookings set end_time = end_time + make_interval(mins => ${minutes}), updated_at = now()
        where id = ${id} and status = 'confirmed' and checked_in_at is not null and end_time > now()
        returning id`,
  );
  return Boolean(row);
}

/** Releases a booking at the panel: inside the check-in window and not checked in → no_show now. */
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

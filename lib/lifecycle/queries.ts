import { and, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { jsonValue, selectRows, type Executor } from "@/db/client";
import { bookingAttendees, bookings, buildings, rooms, users } from "@/db/schema";

// The SQL of the booking lifecycle (DOMAIN §2): each transition one idempotent, conditional statement.

const meetingColumns = {
  id: bookings.id,
  roomId: bookings.roomId,
  roomName: rooms.name,
  buildingName: buildings.name,
  timezone: buildings.timezone,
  title: bookings.title,
  description: bookings.description,
  startTime: bookings.startTime,
  endTime: bookings.endTime,
  status: bookings.status,
  checkedInAt: bookings.checkedInAt,
  organizerId: users.id,
  organizerName: users.name,
  organizerEmail: users.email,
  attendees: sql<{ name: string; email: string }[]>`coalesce((
    select json_agg(json_build_object('name', u.name, 'email', u.email) order by u.name, u.id)
    from booking_attendees ba join users u on u.id = ba.user_id
    where ba.booking_id = ${bookings.id}), '[]'::json)`.mapWith((value) => jsonValue<{ name: string; email: string }[]>(value)),
};

export type MeetingRecord = Awaited<ReturnType<typeof selectMeetings>>[number];

/** Bookings with what the lifecycle's rules and emails need (room, zone, organizer, attendees). */
export async function selectMeetings(db: Executor, where: SQL) {
  return db
    .select(meetingColumns)
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(buildings, eq(buildings.id, rooms.buildingId))
    .innerJoin(users, eq(users.id, bookings.organizerId))
    .where(where);
}

export async function findMeeting(db: Executor, id: string): Promise<MeetingRecord | undefined> {
  const [row] = await selectMeetings(db, eq(bookings.id, id));
  return row;
}

/** `bookings.id = any($1::uuid[])`: one prepared statement for any number of ids. */
export function bookingIdIn(ids: string[]): SQL {
  return sql`${bookings.id} = any(${`{${ids.join(",")}}`}::uuid[])`;
}

export async function isAttendee(db: Executor, bookingId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: bookingAttendees.userId })
    .from(bookingAttendees)
    .where(and(eq(bookingAttendees.bookingId, bookingId), eq(bookingAttendees.userId, userId)))
    .limit(1);
  return Boolean(row);
}

/**
 * Takes the room's write lock for the rest of the transaction and reads whether it is out of service.
 * Every transaction that can make a room's bookings overlap (create, move, extend, book now) takes it first, so
 * they queue per room instead of waiting on each other inside the exclusion constraint, where PostgreSQL can only
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
const overdue = (roomId: string | AnyColumn | undefined, now?: Date) =>
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
 * The same question as a condition for another statement to ask about its row's room (`roomId`: that room's id
 * column), e.g. the read of a room before its day is shown: the same index range, per row.
 */
export function overdueNoShowsExist(roomId: AnyColumn): SQL {
  return sql`exists (select 1 from bookings b where ${overdue(roomId)} order by b.start_time limit 1)`;
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

/**
 * `update … returning …` as is, or, given `announce` (an expression such as the realtime domain's pg_notify),
 * wrapped so the announcement is made once per changed row in the same statement: the write and its
 * announcement in one round trip, atomic without a transaction of their own (issue 11 point 3).
 */
function withAnnouncement(update: SQL, announce?: SQL): SQL {
  if (!announce) return update;
  return sql`with changed as (${update}) select changed.* from changed cross join lateral (select ${announce}) announced`;
}

/** Checks in when the booking is confirmed, not yet checked in, and inside its check-in window; else no row. */
export async function checkInIfOpen(db: Executor, id: string, announce?: SQL) {
  const [row] = await selectRows<{ checked_in_at: Date | string }>(
    db,
    withAnnouncement(
      sql`update bookings b set checked_in_at = now(), updated_at = now()
        from org_settings s
        where s.id = 1 and b.id = ${id}
          and b.status = 'confirmed' and b.checked_in_at is null
          and now() >= b.start_time - make_interval(mins => s.checkin_window_minutes)
          and now() < least(b.start_time + make_interval(mins => s.auto_release_minutes), b.end_time)
        returning b.checked_in_at`,
      announce,
    ),
  );
  return row ? new Date(row.checked_in_at) : undefined;
}

/** Ends a running meeting now; no row when it is not checked in or already over. */
export async function endIfRunning(db: Executor, id: string, announce?: SQL) {
  const [row] = await selectRows<{ end_time: Date | string; ended_at: Date | string }>(
    db,
    withAnnouncement(
      sql`update bookings set status = 'completed', ended_at = now(), updated_at = now()
        where id = ${id} and status = 'confirmed' and checked_in_at is not null and end_time > now()
        returning end_time, ended_at`,
      announce,
    ),
  );
  return row ? { endTime: new Date(row.end_time), endedAt: new Date(row.ended_at) } : undefined;
}

/** Lengthens a running meeting; the exclusion constraint refuses an overlap with the next booking. */
export async function extendIfRunning(db: Executor, id: string, minutes: number) {
  const [row] = await selectRows<{ end_time: Date | string }>(
    db,
    sql`update bookings set end_time = end_time + make_interval(mins => ${minutes}), updated_at = now()
        where id = ${id} and status = 'confirmed' and checked_in_at is not null and end_time > now()
          and end_time + make_interval(mins => ${minutes})
              <= start_time + make_interval(mins => (select max_booking_minutes from org_settings where id = 1))
        returning end_time`,
  );
  return row ? new Date(row.end_time) : undefined;
}

/** DOMAIN §2 book now: the system user "Walk-in" organizes every walk-in meeting (db/migrations/0001). */
const WALK_IN_EMAIL = "walk-in@system.invalid";

/**
 * Inserts a walk-in meeting of room `roomId` from now for `minutes`, already checked in, organized by Walk-in,
 * one attendee. The exclusion constraint refuses an overlap (23P01). Returns its id.
 */
export async function insertWalkIn(db: Executor, roomId: string, minutes: number, title: string): Promise<string> {
  const [row] = await selectRows<{ id: string }>(
    db,
    sql`insert into bookings (room_id, organizer_id, title, start_time, end_time, status, attendee_count, checked_in_at)
        select ${roomId}, u.id, ${title}, now(), now() + make_interval(mins => ${minutes}), 'confirmed', 1, now()
        from users u where u.email = ${WALK_IN_EMAIL} and u.is_system
        returning id`,
  );
  if (!row) throw new Error("The Walk-in system user is missing (db/migrations/0001_constraints.sql)");
  return row.id;
}

/** The start (and the room's time zone) of the first active booking of `roomId` overlapping [now, now + minutes). */
export async function firstActiveStartWithin(db: Executor, roomId: string, minutes: number) {
  const [row] = await selectRows<{ start_time: Date | string; timezone: string }>(
    db,
    sql`select b.start_time, bd.timezone from bookings b
        join rooms r on r.id = b.room_id join buildings bd on bd.id = r.building_id
        where b.room_id = ${roomId} and b.status in ('confirmed', 'pending')
          and b.start_time < now() + make_interval(mins => ${minutes}) and b.end_time > now()
        order by b.start_time limit 1`,
  );
  return row ? { startTime: new Date(row.start_time), timezone: row.timezone } : undefined;
}

/**
 * DOMAIN §2 "nobody is coming": inside the check-in window and not checked in → no_show, ended now. No row when
 * the booking is not in that state.
 */
export async function releaseIfInWindow(db: Executor, id: string) {
  const [row] = await selectRows<{ start_time: Date | string; end_time: Date | string; ended_at: Date | string }>(
    db,
    sql`update bookings b set status = 'no_show', ended_at = now(), updated_at = now()
        from org_settings s
        where s.id = 1 and b.id = ${id}
          and b.status = 'confirmed' and b.checked_in_at is null
          and now() >= b.start_time - make_interval(mins => s.checkin_window_minutes)
          and now() < least(b.start_time + make_interval(mins => s.auto_release_minutes), b.end_time)
        returning b.start_time, b.end_time, b.ended_at`,
  );
  return row ? { startTime: new Date(row.start_time), endTime: new Date(row.end_time), endedAt: new Date(row.ended_at) } : undefined;
}

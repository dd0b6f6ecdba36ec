import type { AnyColumn, SQL } from "drizzle-orm";
import { getDb, retryOnDeadlock, sqlState, type Executor, type Tx } from "@/db/client";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/errors";
import { emailFactsOf, notifyBookingEndedEarly, notifyBookingNoShow } from "@/lib/notifications/service";
import { notifyRoomChanged, roomChangedExpression } from "@/lib/realtime/service";
import { getSettings } from "@/lib/settings/service";
import { formatLocal } from "@/lib/time";
import * as q from "./queries";

// The booking lifecycle of DOMAIN §2 — check in, end, extend, auto-release and completion — shared by the
// booking routes (CONTRACT §3), the panel (CONTRACT §4) and the sweep. It depends on no other booking or room
// module, so `lib/rooms` and `lib/bookings` can both call it without calling each other.

const MINUTE = 60_000;

/**
 * Takes room `roomId`'s booking lock inside transaction `tx` (see `q.lockRoomForBooking`) and answers whether the
 * room is out of service, read under the lock, so that a room just taken out of service gets no new booking.
 * Every writer that can make a room's bookings overlap calls this first. Throws NotFound for an unknown room.
 */
export async function lockRoomForBookingWrite(tx: Executor, roomId: string): Promise<{ maintenance: boolean }> {
  const locked = await q.lockRoomForBooking(tx, roomId);
  if (!locked) throw new NotFound("Room not found");
  return locked;
}


/** DOMAIN §1: organizer, attendee, admin, or the door tablet of the booking's room; else 403. */
async function assertParticipant(db: Executor, principal: Principal, record: q.MeetingRecord) {
  if (principal.kind === "device") {
    if (principal.roomId !== record.roomId) throw new Forbidden("This door tablet belongs to another room");
    return;
  }
  if (isAdmin(principal) || principal.userId === record.organizerId) return;
  if (await q.isAttendee(db, record.id, principal.userId)) return;
  throw new Forbidden("Only the organizer, an attendee or an administrator can do this");
}

/**
 * The booking `id` when `principal` may act on it as a participant (DOMAIN §1). Throws NotFound for an unknown
 * booking and Forbidden otherwise.
 */
export async function participantMeeting(principal: Principal, id: string): Promise<q.MeetingRecord> {
  const db = await getDb();
  const record = await q.findMeeting(db, id);
  if (!record) throw new NotFound("Booking not found");
  await assertParticipant(db, principal, record);
  return record;
}

/**
 * CONTRACT 3.4 / 4.2: checks in inside the window of DOMAIN §2 (start − checkinWindowMinutes until
 * min(start + autoReleaseMinutes, end)), in one conditional UPDATE. Returns the check-in instant (ISO, UTC).
 * Throws NotFound, Forbidden (not a participant), Conflict (already checked in, not confirmed, window not open
 * yet — the message says when it opens — or closed).
 */
export async function checkIn(principal: Principal, id: string): Promise<{ checkedIn: true; checkedInAt: string }> {
  const db = await getDb();
  const record = await participantMeeting(principal, id);
  // The check-in and its announcement in one statement (issue 11 point 3).
  const checkedInAt = await q.checkInIfOpen(db, id, roomChangedExpression(record.roomId));
  if (checkedInAt) return { checkedIn: true, checkedInAt: checkedInAt.toISOString() };
  throw await explainCheckInRefusal(db, id);
}

async function explainCheckInRefusal(db: Executor, id: string): Promise<Conflict> {
  const record = (await q.findMeeting(db, id))!;
  if (record.checkedInAt) return new Conflict("Already checked in");
  if (record.status !== "confirmed") return new Conflict(`Cannot check in to a booking that is ${record.status.replace("_", "-")}`);
  const settings = await getSettings(db);
  const opensAt = new Date(record.startTime.getTime() - settings.checkinWindowMinutes * MINUTE);
  if (Date.now() < opensAt.getTime()) {
    return new Conflict(
      `Check-in opens at ${formatLocal(opensAt, record.timezone)} (${opensAt.toISOString()}), ${settings.checkinWindowMinutes} minutes before the meeting`,
    );
  }
  return new Conflict("Check-in window has closed");
}

/**
 * CONTRACT 3.5 / 4.3: ends a checked-in, running meeting now (status completed, endedAt = now).
 * freedMinutes = whole minutes from now to the scheduled end, rounded down. The organizer is emailed when a door
 * tablet ended it (DOMAIN §5). Throws NotFound, Forbidden, Conflict (not checked in, or already over).
 */
export async function endMeeting(principal: Principal, id: string): Promise<{ ended: true; freedMinutes: number }> {
  const db = await getDb();
  const record = await participantMeeting(principal, id);
  const freedOf = (ended: { endTime: Date; endedAt: Date }) =>
    Math.max(0, Math.floor((ended.endTime.getTime() - ended.endedAt.getTime()) / MINUTE));
  let freedMinutes: number | null;
  if (principal.kind !== "device") {
    // A person ending it: the end and its announcement in one statement (issue 11 point 3).
    const ended = await q.endIfRunning(db, id, roomChangedExpression(record.roomId));
    freedMinutes = ended ? freedOf(ended) : null;
  } else {
    // A door tablet also emails the organizer (DOMAIN §5), in the same transaction.
    freedMinutes = await db.transaction(async (tx) => {
      const ended = await q.endIfRunning(tx, id);
      if (!ended) return null;
      const freed = freedOf(ended);
      await notifyBookingEndedEarly(tx, emailFactsOf(record), freed);
      await notifyRoomChanged(tx, record.roomId);
      return freed;
    });
  }
  if (freedMinutes === null) {
    const current = (await q.findMeeting(db, id))!;
    if (!current.checkedInAt) throw new Conflict("Only a checked-in meeting can be ended");
    throw new Conflict("This meeting is already over");
  }
  return { ended: true, freedMinutes };
}

/**
 * ext extend (CONTRACT §3 and §4): lengthens a running, checked-in meeting by `minutes` (15–120 in steps of 15,
 * validated by the caller's schema) under the room's lock; the exclusion constraint refuses an overlap with the
 * next booking (DOMAIN §2). The whole meeting may not then last longer than `maxBookingMinutes` (DOMAIN §2, issue
 * 10 point 6): 400 naming `minutes`, checked here and again in the UPDATE. Returns the new scheduled end.
 * Throws NotFound, Forbidden, Invalid, Conflict.
 */
export async function extendMeeting(principal: Principal, id: string, minutes: number): Promise<{ endTime: Date }> {
  const db = await getDb();
  const record = await participantMeeting(principal, id);
  const { maxBookingMinutes } = await getSettings(db);
  const lasting = Math.round((record.endTime.getTime() - record.startTime.getTime()) / MINUTE);
  if (lasting + minutes > maxBookingMinutes) {
    const room = Math.max(0, maxBookingMinutes - lasting);
    throw Invalid.field("minutes", `a meeting may last at most ${maxBookingMinutes} minutes in all; this one can grow by ${room} more`);
  }
  const endTime = await retryOnDeadlock(() =>
    db.transaction(async (tx) => {
      await lockRoomForBookingWrite(tx, record.roomId);
      const end = await q.extendIfRunning(tx, id, minutes);
      if (end) await notifyRoomChanged(tx, record.roomId);
      return end;
    }),
  ).catch((err) => {
    if (sqlState(err) === "23P01") throw new Conflict(`Cannot extend by ${minutes} minutes: the room is booked right after`);
    throw err;
  });
  if (!endTime) throw new Conflict("Only a running, checked-in meeting can be extended");
  return { endTime };
}

/**
 * CONTRACT §4 release ("nobody is coming", DOMAIN §2): a confirmed booking inside its check-in window and not
 * checked in becomes a no-show ended now; the organizer is emailed (DOMAIN §5). freedMinutes = whole minutes from
 * now (or from the start, when it is still ahead) to the scheduled end. Throws NotFound, Forbidden, Conflict
 * (checked in, not confirmed, window not open yet or closed).
 */
export async function releaseMeeting(principal: Principal, id: string): Promise<{ freedMinutes: number }> {
  const db = await getDb();
  const record = await participantMeeting(principal, id);
  const freedMinutes = await db.transaction(async (tx) => {
    const released = await q.releaseIfInWindow(tx, id);
    if (!released) return null;
    await notifyBookingNoShow(tx, emailFactsOf(record));
    await notifyRoomChanged(tx, record.roomId);
    const from = Math.max(released.endedAt.getTime(), released.startTime.getTime());
    return Math.max(0, Math.floor((released.endTime.getTime() - from) / MINUTE));
  });
  if (freedMinutes !== null) return { freedMinutes };
  const current = (await q.findMeeting(db, id))!;
  if (current.checkedInAt) throw new Conflict("This meeting is checked in; end it instead");
  if (current.status !== "confirmed") throw new Conflict(`Cannot release a booking that is ${current.status.replace("_", "-")}`);
  const settings = await getSettings(db);
  const opensAt = new Date(current.startTime.getTime() - settings.checkinWindowMinutes * MINUTE);
  if (Date.now() < opensAt.getTime()) {
    throw new Conflict(`A meeting can be released only in its check-in window, which opens at ${formatLocal(opensAt, current.timezone)} (${opensAt.toISOString()})`);
  }
  throw new Conflict("Check-in window has closed");
}

/** The walk-in title of CONTRACT §4 book-now. */
export const WALK_IN_TITLE = "Walk-in";

/**
 * CONTRACT §4 book-now (DOMAIN §2): a meeting of room `roomId` from now for `durationMinutes`, already checked in,
 * organized by the Walk-in system user, one attendee. Overdue no-shows of the room are released first; the room's
 * lock and the exclusion constraint make N concurrent calls give one meeting. The caller checks who may book.
 * Returns the new booking's id. Throws NotFound (room), Invalid (duration outside the configured limits),
 * Conflict (out of service, or the room is not free for that long — the message says from when).
 */
export async function bookNow(roomId: string, durationMinutes: number): Promise<string> {
  const db = await getDb();
  const [settings] = await Promise.all([getSettings(db), releaseOverdueNoShows(roomId)]);
  if (durationMinutes < settings.minBookingMinutes || durationMinutes > settings.maxBookingMinutes) {
    throw Invalid.field(
      "durationMinutes",
      `the booking must last between ${settings.minBookingMinutes} and ${settings.maxBookingMinutes} minutes`,
    );
  }
  return retryOnDeadlock(() =>
    db.transaction(async (tx) => {
      if ((await lockRoomForBookingWrite(tx, roomId)).maintenance) throw new Conflict("This room is out of service");
      const blocking = await q.firstActiveStartWithin(tx, roomId, durationMinutes);
      if (blocking) throw new Conflict(notFreeMessage(blocking.startTime, blocking.timezone, durationMinutes));
      // Under the room's lock nobody else can add a booking now; the constraint still has the last word.
      const id = await tx.transaction((sp) => q.insertWalkIn(sp, roomId, durationMinutes, WALK_IN_TITLE)).catch((err) => {
        if (sqlState(err) === "23P01") throw new Conflict(`The room is not free for the next ${durationMinutes} minutes`);
        throw err;
      });
      await notifyRoomChanged(tx, roomId);
      return id;
    }),
  );
}

function notFreeMessage(blockingStart: Date, timezone: string, minutes: number): string {
  if (blockingStart.getTime() <= Date.now()) return "The room is in use now";
  return `The room is not free for ${minutes} minutes: the next meeting starts at ${formatLocal(blockingStart, timezone, "HH:mm")}`;
}

// ── transitions by time (the sweep, and lazily per room on reads) ───────────

/**
 * A condition for a statement that reads a room (`roomId`: its id column): the room has bookings whose release
 * time has come (DOMAIN §2). A read of the room's state asks it in its own statement and calls
 * `releaseOverdueNoShows(roomId)` only when it holds, instead of asking in a statement of its own.
 */
export function overdueNoShowsWaiting(roomId: AnyColumn): SQL {
  return q.overdueNoShowsExist(roomId);
}

/**
 * DOMAIN §2 auto-release: confirmed bookings (of `roomId`, or all) nobody checked in to by start +
 * autoReleaseMinutes (at `now`, default the database's now) become no-shows (also those whose end has passed),
 * in one idempotent statement: when several instances run it at once, each booking changes once, its room is
 * announced (DOMAIN §6) and its organizer gets one email. Returns how many were released.
 */
export async function releaseOverdueNoShows(roomId?: string, now?: Date): Promise<number> {
  const db = await getDb();
  // Reads of a room's state call this on every request: only write when there is something to release.
  if (!(await q.hasOverdueNoShows(db, roomId, now))) return 0;
  return db.transaction(async (tx) => {
    const released = await q.markOverdueNoShows(tx, roomId, now);
    if (released.length === 0) return 0;
    await announce(tx, released);
    const records = await q.selectMeetings(tx, q.bookingIdIn(released.map((r) => r.id)));
    for (const record of records) await notifyBookingNoShow(tx, emailFactsOf(record));
    return released.length;
  });
}

/** DOMAIN §2 completion: checked-in meetings whose scheduled end has passed become completed; returns the count. */
export async function completeFinishedMeetings(roomId?: string, now?: Date): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const completed = await q.markFinishedCompleted(tx, roomId, now);
    await announce(tx, completed);
    return completed.length;
  });
}

async function announce(tx: Tx, changed: { room_id: string }[]) {
  for (const roomId of new Set(changed.map((r) => r.room_id))) await notifyRoomChanged(tx, roomId);
}

/** Every time-driven lifecycle transition for every room (DOMAIN §2); the sweep runs this every minute. */
export async function runLifecycleTransitions(now?: Date): Promise<{ noShows: number; completed: number }> {
  const noShows = await releaseOverdueNoShows(undefined, now);
  const completed = await completeFinishedMeetings(undefined, now);
  return { noShows, completed };
}

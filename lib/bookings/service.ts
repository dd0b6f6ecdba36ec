import crypto from "node:crypto";
import { and } from "drizzle-orm";
import { DateTime } from "luxon";
import { getDb, retryOnDeadlock, sqlState, type Executor } from "@/db/client";
import { bookings } from "@/db/schema";
import { isAdmin, type Principal, type UserPrincipal } from "@/lib/auth/principal";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/errors";
import { extendMeeting, lockRoomForBookingWrite, releaseOverdueNoShows } from "@/lib/lifecycle/service";
import {
  bookingConfirmedEmail,
  calendarFile,
  emailFactsOf,
  notifyBookingCancelled,
  notifyBookingConfirmed,
  outboxInsertWhen,
  type BookingEmailFacts,
} from "@/lib/notifications/service";
import { notifyRoomChanged, roomChangedExpression } from "@/lib/realtime/service";
import { getRoomContext, getRoomContextReleased, getRoomContextWith, type RoomContext } from "@/lib/rooms/service";
import { getSettings, getSettingsAt, settingsVersion } from "@/lib/settings/service";
import type { Settings } from "@/lib/settings/schemas";
import { addLocalDays, formatLocal, iso, localDayRange, localToday, parseInstant } from "@/lib/time";
import * as q from "./queries";
import { occurrenceStarts } from "./recurrence";
import type { Booking, CreateBookingInput, MyBookingsQuery, Person, SeriesResult, UpdateBookingInput } from "./schemas";

const MINUTE = 60_000;
// DOMAIN §2 creation rules: a start up to 5 minutes in the past is still accepted (clock skew, slow forms).
const PAST_START_GRACE_MS = 5 * MINUTE;
const OVERLAP_MESSAGE = "The room is already booked for part of that time";

// ── reading ─────────────────────────────────────────────────────────────────

/** Turns booking records into CONTRACT §3 `Booking`s, with every attendee read in one query. */
function toBookings(records: q.BookingRecord[]): Booking[] {
  return records.map((r) => ({
    id: r.id,
    roomId: r.roomId,
    roomName: r.roomName,
    title: r.title,
    description: r.description,
    organizer: { id: r.organizerId, name: r.organizerName, email: r.organizerEmail },
    attendees: r.attendees,
    attendeeCount: r.attendeeCount,
    startTime: r.startTime.toISOString(),
    endTime: r.endTime.toISOString(),
    status: r.status,
    checkedIn: r.checkedInAt !== null,
    checkedInAt: iso(r.checkedInAt),
    endedAt: iso(r.endedAt),
    createdAt: r.createdAt.toISOString(),
    seriesId: r.seriesId,
  }));
}

async function loadBooking(db: Executor, id: string): Promise<Booking> {
  const record = await q.findBooking(db, id);
  if (!record) throw new NotFound("Booking not found");
  return toBookings([record])[0];
}

function assertCanSeeRoom(principal: Principal, roomId: string) {
  if (principal.kind === "device" && principal.roomId !== roomId) {
    throw new Forbidden("A door tablet may only see its own room");
  }
}

/** CONTRACT 3.1: the bookings overlapping one local day of the room, after releasing its overdue no-shows. */
export async function listRoomDay(principal: Principal, roomId: string, date: string, includeCancelled: boolean): Promise<Booking[]> {
  assertCanSeeRoom(principal, roomId);
  // The room (404 first), its overdue no-shows released: one statement when none is waiting.
  const room = await getRoomContextReleased(roomId);
  // Date-only input is the local day in the room's time zone, never a UTC day.
  const { start, end } = localDayRange(date, room.timezone);
  return toBookings(await q.selectRoomBookings(await getDb(), roomId, start, end, includeCancelled));
}

/**
 * CONTRACT 3 `GET /api/bookings/{id}`. The status is as of now (issue 10 point 7): a started booking nobody checked
 * in to is released first when it is overdue (lazy release, as a room's day does), not left for the sweep.
 */
export async function getBooking(principal: Principal, id: string): Promise<Booking> {
  const db = await getDb();
  let booking = await loadBooking(db, id);
  assertCanSeeRoom(principal, booking.roomId);
  if (booking.status === "confirmed" && !booking.checkedIn && Date.parse(booking.startTime) <= Date.now()) {
    if ((await releaseOverdueNoShows(booking.roomId)) > 0) booking = await loadBooking(db, id);
  }
  return booking;
}

/**
 * ext GET /api/bookings/{id}/ics: the booking as an `.ics` file (text, RFC 5545, METHOD:PUBLISH) and a file name
 * (`<title>.ics`), for anyone who may see the booking (a door tablet: its own room only). 404 unknown booking.
 */
export async function bookingCalendarFile(principal: Principal, id: string): Promise<{ fileName: string; ics: string }> {
  const record = await q.findBooking(await getDb(), id);
  if (!record) throw new NotFound("Booking not found");
  assertCanSeeRoom(principal, record.roomId);
  const slug = record.title.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/\s+/g, "-").slice(0, 60) || "booking";
  return { fileName: `${slug}.ics`, ics: calendarFile(emailFactsOf(record)) };
}

/**
 * DOMAIN §2 check-in window of a booking: from `startTime − checkinWindowMinutes` until
 * `startTime + autoReleaseMinutes`, never after `endTime`. Instants; the page shows "opens at …" from it.
 */
export function checkInWindow(booking: { startTime: string; endTime: string }, settings: Pick<Settings, "checkinWindowMinutes" | "autoReleaseMinutes">) {
  const start = new Date(booking.startTime).getTime();
  return {
    opensAt: new Date(start - settings.checkinWindowMinutes * MINUTE),
    closesAt: new Date(Math.min(start + settings.autoReleaseMinutes * MINUTE, new Date(booking.endTime).getTime())),
  };
}

/**
 * ext GET /api/bookings: the caller's bookings (organizer or attendee) whose start falls on a local date from…to,
 * each booking's date in its own building's zone (issue 10 point 5); admins may look at a user or a room.
 * Statuses are as of now: overdue no-shows are released first (issue 10 point 7). Default from: today in the
 * organisation's zone; to: from + 30 days.
 */
export async function listMyBookings(principal: UserPrincipal, query: MyBookingsQuery): Promise<Booking[]> {
  if ((query.userId || query.roomId) && !isAdmin(principal)) {
    throw new Forbidden("Only administrators may list other people's or a room's bookings");
  }
  const db = await getDb();
  const [settings] = await Promise.all([getSettings(db), releaseOverdueNoShows()]);
  const zone = settings.timezone;
  const from = query.from ?? localToday(zone);
  const to = query.to ?? addLocalDays(from, 30, zone);
  if (to < from) throw Invalid.field("to", "must not be before from");
  if (DateTime.fromISO(to).diff(DateTime.fromISO(from), "days").days > 366) {
    throw Invalid.field("to", "must be at most 366 days after from");
  }
  // Coarse instants for the index (every zone is within a day of UTC), then the exact local dates.
  const range = { start: DateTime.fromISO(from, { zone: "UTC" }).minus({ days: 1 }).toJSDate(), end: DateTime.fromISO(to, { zone: "UTC" }).plus({ days: 2 }).toJSDate() };
  const person = query.userId ?? (query.roomId ? undefined : principal.userId);
  const records = await q.selectBookings(
    db,
    and(
      person ? q.involvingStartingWithin(person, range.start, range.end) : q.startingWithin(range.start, range.end),
      q.startingOnLocalDates(from, to),
      q.inRoom(query.roomId),
      q.withStatus(query.status),
    ),
  );
  return toBookings(records);
}

// ── creating and editing ────────────────────────────────────────────────────

interface Interval {
  start: Date;
  end: Date;
}

function parseTimes(input: { startTime: string; endTime: string }, zone: string): Interval {
  const start = parseInstant(input.startTime, zone);
  const end = parseInstant(input.endTime, zone);
  const fields: Record<string, string[]> = {};
  if (!start) fields.startTime = ["is not a real date-time (or falls in a daylight-saving gap)"];
  if (!end) fields.endTime = ["is not a real date-time (or falls in a daylight-saving gap)"];
  if (!start || !end) throw new Invalid(Object.entries(fields).map(([k, v]) => `${k}: ${v[0]}`).join("; "), fields);
  return { start, end };
}

/** DOMAIN §2 creation rules, checked before the database decides about overlaps. */
function assertBookableInterval({ start, end }: Interval, settings: Settings, now: Date, field = "startTime") {
  if (end <= start) throw Invalid.field("endTime", "must be after startTime");
  if (start.getTime() < now.getTime() - PAST_START_GRACE_MS) throw Invalid.field(field, "must not be in the past");
  const minutes = (end.getTime() - start.getTime()) / MINUTE;
  if (minutes < settings.minBookingMinutes || minutes > settings.maxBookingMinutes) {
    throw Invalid.field(
      "endTime",
      `the booking must last between ${settings.minBookingMinutes} and ${settings.maxBookingMinutes} minutes`,
    );
  }
  if (start.getTime() > now.getTime() + settings.bookingHorizonDays * 24 * 60 * MINUTE) {
    throw Invalid.field(field, `must be within ${settings.bookingHorizonDays} days from now`);
  }
}

async function invitableAttendees(db: Executor, ids: string[]): Promise<Person[]> {
  const found = await q.findInvitableUsers(db, ids);
  if (found.length !== ids.length) {
    const known = new Set(found.map((u) => u.id));
    const missing = ids.filter((id) => !known.has(id));
    throw Invalid.field("attendeeIds", `no active user with id ${missing.join(", ")}`);
  }
  return found;
}

function emailFacts(
  bookingId: string,
  room: RoomContext,
  title: string,
  description: string | null,
  interval: Interval,
  organizer: Person,
  attendees: Person[],
): BookingEmailFacts {
  return {
    bookingId,
    title,
    description,
    roomName: room.name,
    buildingName: room.buildingName,
    timezone: room.timezone,
    startTime: interval.start,
    endTime: interval.end,
    organizerName: organizer.name,
    organizerEmail: organizer.email,
    attendees: attendees.map((a) => ({ name: a.name, email: a.email })),
  };
}


/** What creating returns: one booking, or a series (CONTRACT §3 ext recurring). */
export type CreateResult = { kind: "single"; booking: Booking } | { kind: "series"; series: SeriesResult };

/**
 * CONTRACT 3.2: creates a booking (or a recurring series). Overlaps are decided by the exclusion constraint at
 * INSERT time, never by an earlier read, so N concurrent requests for one slot yield one booking.
 */
export async function createBooking(principal: Principal, input: CreateBookingInput): Promise<CreateResult> {
  if (principal.kind !== "user") throw new Forbidden("A door tablet books through the panel's book-now");
  const db = await getDb();
  // The people are read in the same round trip as the room; their 400 still comes after the room's 404 and the
  // interval's rules (awaited below; caught here so an earlier refusal leaves no unhandled one).
  const participants = people(db, principal.userId, input.attendeeIds ?? []);
  participants.catch(() => {});
  // The settings come from this process's copy while their version, read with the room, is unchanged.
  const { room, value: settingsAt } = await getRoomContextWith(input.roomId, settingsVersion, db);
  const settings = await getSettingsAt(settingsAt, db);
  const interval = parseTimes(input, room.timezone);
  const now = new Date();
  if (input.recurrence) {
    return { kind: "series", series: await createSeries(principal, input, room, settings, interval, now, participants) };
  }

  assertBookableInterval(interval, settings, now);
  if (room.maintenance) throw new Conflict(`${room.name} is out of service`);
  const { attendees, organizer } = await participants;
  const attendeeIds = input.attendeeIds ?? [];
  const booking: q.NewBooking = {
    id: crypto.randomUUID(),
    roomId: room.id,
    organizerId: principal.userId,
    seriesId: null,
    title: input.title,
    description: input.description ?? null,
    start: interval.start,
    end: interval.end,
    // DOMAIN §2: attendeeCount defaults to 1 + the number of attendeeIds.
    attendeeCount: input.attendeeCount ?? 1 + attendeeIds.length,
    attendeeIds,
  };
  const email = bookingConfirmedEmail(emailFacts(booking.id, room, booking.title, booking.description, interval, organizer, attendees));
  // Issue 11 point 3: lock, insert, attendees, outbox and announcement in one statement (see insertBookingWithEffects).
  const write = () =>
    retryOnDeadlock(() =>
      q.insertBookingWithEffects(db, booking, {
        ctes: [(created) => outboxInsertWhen(created, email)],
        expressions: [roomChangedExpression(room.id)],
      }),
    );
  let written;
  try {
    written = await write();
  } catch (err) {
    // An overdue no-show the sweep has not reached yet must not block its slot (DOMAIN §2): release the room's
    // and try once more. Only on a conflict, so a booking in a free slot costs no release check.
    if (sqlState(err) !== "23P01" || (await releaseOverdueNoShows(room.id)) === 0) translateOverlap(err);
    written = await write().catch(translateOverlap);
  }
  if (!written) throw new NotFound("Room not found");
  if (written.maintenance || !written.createdAt) throw new Conflict(`${room.name} is out of service`);
  // The answer is what was just written, as a read of it would give (no statement to read it back).
  return {
    kind: "single",
    booking: {
      id: booking.id,
      roomId: room.id,
      roomName: room.name,
      title: booking.title,
      description: booking.description,
      organizer,
      attendees,
      attendeeCount: booking.attendeeCount,
      startTime: booking.start.toISOString(),
      endTime: booking.end.toISOString(),
      status: "confirmed",
      checkedIn: false,
      checkedInAt: null,
      endedAt: null,
      createdAt: written.createdAt.toISOString(),
      seriesId: null,
    },
  };
}

/**
 * The organizer and the invited people of a new booking in one query (DOMAIN §1): 400 naming any invitee who is
 * not an active user. The attendees come in a booking's order (name, then id), as a read of the booking lists them.
 */
async function people(db: Executor, organizerId: string, attendeeIds: string[]): Promise<{ organizer: Person; attendees: Person[] }> {
  const rows = await q.findParticipants(db, [organizerId, ...attendeeIds]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = attendeeIds.filter((id) => !byId.get(id)?.invitable);
  if (missing.length) throw Invalid.field("attendeeIds", `no active user with id ${missing.join(", ")}`);
  const invited = new Set(attendeeIds);
  const { name, email } = byId.get(organizerId)!;
  return {
    organizer: { id: organizerId, name, email },
    attendees: rows.filter((r) => invited.has(r.id)).map((r) => ({ id: r.id, name: r.name, email: r.email })),
  };
}


async function insertWithAttendees(
  tx: Executor,
  organizerId: string,
  roomId: string,
  input: CreateBookingInput,
  interval: Interval,
  seriesId: string | null,
): Promise<string> {
  const attendeeIds = input.attendeeIds ?? [];
  const bookingId = await q.insertBooking(tx, {
    roomId,
    organizerId,
    seriesId,
    title: input.title,
    description: input.description ?? null,
    startTime: interval.start,
    endTime: interval.end,
    // DOMAIN §2: attendeeCount defaults to 1 + the number of attendeeIds.
    attendeeCount: input.attendeeCount ?? 1 + attendeeIds.length,
  });
  await q.replaceAttendees(tx, bookingId, attendeeIds, true);
  return bookingId;
}

/** The room's booking lock (lib/lifecycle) for a new booking: 409 when the room is out of service. */
async function lockBookableRoom(tx: Executor, room: Pick<RoomContext, "id" | "name">) {
  if ((await lockRoomForBookingWrite(tx, room.id)).maintenance) throw new Conflict(`${room.name} is out of service`);
}

function translateOverlap(err: unknown): never {
  if (sqlState(err) === "23P01") throw new Conflict(OVERLAP_MESSAGE);
  throw err;
}

async function createSeries(
  principal: UserPrincipal,
  input: CreateBookingInput,
  room: RoomContext,
  settings: Settings,
  first: Interval,
  now: Date,
  participants: Promise<{ organizer: Person; attendees: Person[] }>,
): Promise<SeriesResult> {
  const recurrence = input.recurrence!;
  if (first.end <= first.start) throw Invalid.field("endTime", "must be after startTime");
  if (room.maintenance) throw new Conflict(`${room.name} is out of service`);
  const starts = occurrenceStarts(first.start, recurrence, room.timezone);
  // An until before the first date (or weekdays none of which come by then) gives no occurrence at all: a 400
  // naming the field, not a 409 "0 overlap other bookings".
  if (starts.length === 0) {
    throw Invalid.field(recurrence.until ? "recurrence.until" : "recurrence", "no meeting falls on or before this date; pick a later date or other weekdays");
  }
  const durationMs = first.end.getTime() - first.start.getTime();
  const db = await getDb();
  // The room's overdue no-shows are released first: one the sweep has not reached must not block its slot.
  const [{ attendees, organizer }] = await Promise.all([participants, releaseOverdueNoShows(room.id)]);

  const result = await retryOnDeadlock(() => db.transaction(async (tx) => {
    await lockBookableRoom(tx, room);
    const seriesId = await q.insertSeries(tx, { roomId: room.id, organizerId: principal.userId, recurrence });
    const createdIds: string[] = [];
    const facts: BookingEmailFacts[] = [];
    const skipped: SeriesResult["skipped"] = [];
    const adjusted: SeriesResult["adjusted"] = [];
    let firstRuleBroken: Invalid | undefined;
    let conflicts = 0;
    for (const { start, requested, shifted } of starts) {
      const interval = { start, end: new Date(start.getTime() + durationMs) };
      try {
        assertBookableInterval(interval, settings, now);
      } catch (err) {
        if (!(err instanceof Invalid)) throw err;
        firstRuleBroken ??= err;
        skipped.push({ startTime: start.toISOString(), reason: err.message.replace(/^\w+: /, "") });
        continue;
      }
      try {
        // One savepoint per occurrence: a conflict skips it without aborting the series.
        const bookingId = await tx.transaction((sp) => insertWithAttendees(sp, principal.userId, room.id, input, interval, seriesId));
        createdIds.push(bookingId);
        if (shifted) adjusted.push({ requested, startTime: start.toISOString() });
        facts.push(emailFacts(bookingId, room, input.title, input.description ?? null, interval, organizer, attendees));
      } catch (err) {
        if (sqlState(err) !== "23P01") throw err;
        if (input.skipConflicts === false) {
          throw new Conflict(`${OVERLAP_MESSAGE} (occurrence at ${formatLocal(start, room.timezone, "yyyy-MM-dd HH:mm")}); nothing was booked`);
        }
        conflicts++;
        skipped.push({ startTime: start.toISOString(), reason: "conflict: the room is already booked" });
      }
    }
    if (createdIds.length === 0) {
      // Issue 10 point 6: rules broken by every occurrence are a 400 with the rule, as for a single booking.
      if (conflicts === 0 && firstRuleBroken) throw firstRuleBroken;
      throw new Conflict(
        `None of the occurrences could be booked: ${conflicts} overlap other bookings${firstRuleBroken ? `, the others break a rule (${firstRuleBroken.message})` : ""}`,
      );
    }
    await notifyBookingConfirmed(tx, facts[0], facts);
    await notifyRoomChanged(tx, room.id);
    return { seriesId, createdIds, skipped, adjusted };
  }));
  const records = await q.selectBookings(db, q.uuidIn(bookings.id, result.createdIds));
  return { seriesId: result.seriesId, created: toBookings(records), skipped: result.skipped, adjusted: result.adjusted };
}

/** ext PATCH: organizer or admin, only while confirmed and not started; same rules as creation. */
export async function updateBooking(principal: Principal, id: string, patch: UpdateBookingInput): Promise<Booking> {
  const db = await getDb();
  const before = await q.findBooking(db, id);
  if (!before) throw new NotFound("Booking not found");
  assertOrganizerOrAdmin(principal, before, "edit");
  await retryOnDeadlock(() =>
    db.transaction(async (tx) => {
      // The room's lock first, then the booking's row: the one order every booking writer keeps.
      const moving = Boolean(patch.startTime || patch.endTime);
      const locked = moving ? await lockRoomForBookingWrite(tx, before.roomId) : undefined;
      const room = await getRoomContext(before.roomId, tx);
      const record = await q.findBooking(tx, id, true);
      if (!record) throw new NotFound("Booking not found");
      if (record.status !== "confirmed" || record.checkedInAt || record.startTime <= new Date()) {
        throw new Conflict("Only a confirmed booking that has not started can be edited");
      }
      const settings = await getSettings(tx);
      const interval = parseTimes(
        { startTime: patch.startTime ?? record.startTime.toISOString(), endTime: patch.endTime ?? record.endTime.toISOString() },
        room.timezone,
      );
      if (moving) {
        assertBookableInterval(interval, settings, new Date());
        if (locked?.maintenance) throw new Conflict(`${room.name} is out of service`);
      }
      if (patch.attendeeIds) await invitableAttendees(tx, patch.attendeeIds);
      await q.updateBookingFields(tx, id, {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.attendeeCount !== undefined ? { attendeeCount: patch.attendeeCount } : {}),
        startTime: interval.start,
        endTime: interval.end,
      });
      if (patch.attendeeIds) await q.replaceAttendees(tx, id, patch.attendeeIds);
      await notifyRoomChanged(tx, record.roomId);
    }),
  ).catch(translateOverlap);
  return loadBooking(db, id);
}

function assertOrganizerOrAdmin(principal: Principal, record: q.BookingRecord, action: string) {
  if (principal.kind === "device") throw new Forbidden(`A door tablet cannot ${action} bookings`);
  if (principal.userId !== record.organizerId && !isAdmin(principal)) {
    throw new Forbidden(`Only the organizer or an administrator can ${action} this booking`);
  }
}

/** CONTRACT 3.3 (and ?scope=series): cancel before check-in; organizer or admin. */
export async function cancelBooking(principal: Principal, id: string, scope: "single" | "series" = "single") {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const record = await q.findBooking(tx, id, true);
    if (!record) throw new NotFound("Booking not found");
    assertOrganizerOrAdmin(principal, record, "cancel");
    if (record.status === "cancelled") throw new Conflict("This booking is already cancelled");
    if (record.status === "completed" || record.status === "no_show") throw new Conflict("This meeting is already over");
    if (record.checkedInAt) throw new Conflict("This meeting is checked in; end it instead of cancelling");
    let cancelledIds: string[];
    if (scope === "series") {
      if (!record.seriesId) throw Invalid.field("scope", "this booking is not part of a series");
      cancelledIds = (await q.cancelSeriesFrom(tx, record.seriesId, record.startTime)).map((r) => r.id);
    } else {
      cancelledIds = (await q.cancelIfCancellable(tx, id)) ? [id] : [];
    }
    if (!cancelledIds.includes(id)) throw new Conflict("This booking can no longer be cancelled");
    const actor = principal as UserPrincipal;
    if (actor.userId !== record.organizerId) {
      const by = await q.findPerson(tx, actor.userId);
      await notifyBookingCancelled(tx, emailFactsOf(record), by?.name ?? "An administrator");
    }
    await notifyRoomChanged(tx, record.roomId);
    return scope === "series" ? { cancelled: true as const, count: cancelledIds.length } : { cancelled: true as const };
  });
}

// ── the meeting itself ──────────────────────────────────────────────────────

/**
 * ext POST /api/bookings/{id}/extend: the lifecycle's extend (lib/lifecycle, DOMAIN §2), answered with the
 * booking as it is afterwards. Throws NotFound, Forbidden, Conflict as `extendMeeting`.
 */
export async function extendBooking(principal: Principal, id: string, minutes: number): Promise<Booking> {
  await extendMeeting(principal, id, minutes);
  return loadBooking(await getDb(), id);
}

import type { SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { notificationOutbox } from "@/db/schema";
import { env } from "@/lib/env";
import { formatLocal } from "@/lib/time";
import { calendarInvitation, type CalendarEvent } from "./ics";
import * as q from "./queries";

export { deliverPendingEmails } from "./delivery";

export type EmailKind = "booking_confirmed" | "booking_cancelled" | "booking_no_show" | "booking_ended_early";

export interface OutgoingEmail {
  kind: EmailKind;
  toEmail: string;
  subject: string;
  textBody: string;
  /** An iCalendar (.ics) invitation attached to the message. */
  icsBody?: string | null;
  bookingId?: string | null;
}

/** What an email about a booking says: the booking as its organizer knows it, in its building's time zone. */
export interface BookingEmailFacts {
  bookingId: string;
  title: string;
  description: string | null;
  roomName: string;
  buildingName: string;
  timezone: string;
  startTime: Date;
  endTime: Date;
  organizerName: string;
  organizerEmail: string;
  attendees: { name: string; email: string }[];
}

/** A booking row as the booking and lifecycle queries read it (id, room, building zone, organizer, attendees). */
export interface BookingRecordForEmail extends Omit<BookingEmailFacts, "bookingId" | "attendees"> {
  id: string;
  attendees: { name: string; email: string }[];
}

/** The email facts of a booking row: its id as `bookingId`, attendees reduced to name and email (DOMAIN §5). */
export function emailFactsOf(record: BookingRecordForEmail): BookingEmailFacts {
  return {
    bookingId: record.id,
    title: record.title,
    description: record.description,
    roomName: record.roomName,
    buildingName: record.buildingName,
    timezone: record.timezone,
    startTime: record.startTime,
    endTime: record.endTime,
    organizerName: record.organizerName,
    organizerEmail: record.organizerEmail,
    attendees: record.attendees.map((a) => ({ name: a.name, email: a.email })),
  };
}

/**
 * DOMAIN §5: writes an email to the outbox inside the caller's transaction, so the message exists exactly
 * when the change it describes was committed. The sweep delivers it.
 */
export async function enqueueEmail(tx: Executor, email: OutgoingEmail): Promise<void> {
  await tx.insert(notificationOutbox).values({
    kind: email.kind,
    toEmail: email.toEmail,
    subject: email.subject,
    textBody: email.textBody,
    icsBody: email.icsBody ?? null,
    bookingId: email.bookingId ?? null,
  });
}

function when(f: BookingEmailFacts): string {
  const day = formatLocal(f.startTime, f.timezone, "cccc d LLLL yyyy");
  return `${day}, ${formatLocal(f.startTime, f.timezone)}–${formatLocal(f.endTime, f.timezone)} (${f.timezone})`;
}

function where(f: BookingEmailFacts): string {
  return `${f.roomName}, ${f.buildingName}`;
}

function calendarEvent(f: BookingEmailFacts, sequence: number): CalendarEvent {
  return {
    uid: `${f.bookingId}@circletime`,
    title: f.title,
    description: f.description,
    location: where(f),
    start: f.startTime,
    end: f.endTime,
    organizer: { name: f.organizerName, email: f.organizerEmail },
    attendees: f.attendees,
    sequence,
  };
}

/**
 * The "add to calendar" file of one booking: an RFC 5545 calendar with METHOD:PUBLISH and the same UID as the
 * emailed invitation, so a calendar that already has the invitation updates that event instead of adding a copy.
 */
export function calendarFile(facts: BookingEmailFacts): string {
  return calendarInvitation([calendarEvent(facts, 0)], "PUBLISH");
}

const signature = `\n\n— Circle Time\n${env.APP_URL}`;

/**
 * The confirmation email of a new booking or series (DOMAIN §5), rendered without writing it: for a writer that
 * puts it in the outbox in the same statement as the booking (`outboxInsertWhen`).
 */
export function bookingConfirmedEmail(facts: BookingEmailFacts, series: BookingEmailFacts[] = []): OutgoingEmail {
  const all = series.length ? series : [facts];
  const occurrences =
    all.length > 1 ? `\n\nOccurrences (${all.length}):\n${all.map((o) => `  • ${when(o)}`).join("\n")}` : "";
  return {
    kind: "booking_confirmed",
    toEmail: facts.organizerEmail,
    subject: `Booked: ${facts.title} — ${facts.roomName}, ${formatLocal(facts.startTime, facts.timezone, "ccc d LLL HH:mm")}`,
    textBody:
      `Hello ${facts.organizerName},\n\nyour booking is confirmed.\n\n` +
      `  ${facts.title}\n  ${where(facts)}\n  ${when(facts)}` +
      occurrences +
      `\n\nCheck in at the room's door tablet or in the app when the meeting starts; ` +
      `a booking nobody checks in to is released for others.` +
      signature,
    icsBody: calendarInvitation(all.map((o) => calendarEvent(o, 0)), "REQUEST"),
    bookingId: facts.bookingId,
  };
}

/** Writes the confirmation email of a new booking or series to the outbox inside the caller's transaction. */
export async function notifyBookingConfirmed(tx: Executor, facts: BookingEmailFacts, series: BookingEmailFacts[] = []): Promise<void> {
  await enqueueEmail(tx, bookingConfirmedEmail(facts, series));
}

/**
 * A data-modifying CTE body that writes `email` to the outbox once per row of `gate` (the name of another CTE of
 * the same statement, e.g. the booking insert): the message exists exactly when the row it describes was
 * written, in one round trip with it.
 */
export function outboxInsertWhen(gate: SQL, email: OutgoingEmail): SQL {
  return q.insertEmailPerRowOf(gate, email);
}

/** Cancelled by someone other than the organizer (an admin). */
export async function notifyBookingCancelled(tx: Executor, facts: BookingEmailFacts, cancelledByName: string): Promise<void> {
  await enqueueEmail(tx, {
    kind: "booking_cancelled",
    toEmail: facts.organizerEmail,
    subject: `Cancelled: ${facts.title} — ${facts.roomName}`,
    textBody:
      `Hello ${facts.organizerName},\n\n${cancelledByName} cancelled your booking.\n\n` +
      `  ${facts.title}\n  ${where(facts)}\n  ${when(facts)}` +
      signature,
    icsBody: calendarInvitation([calendarEvent(facts, 1)], "CANCEL"),
    bookingId: facts.bookingId,
  });
}

/** Auto-released or released at the panel because nobody checked in. */
export async function notifyBookingNoShow(tx: Executor, facts: BookingEmailFacts): Promise<void> {
  await enqueueEmail(tx, {
    kind: "booking_no_show",
    toEmail: facts.organizerEmail,
    subject: `Released: ${facts.title} — ${facts.roomName} (nobody checked in)`,
    textBody:
      `Hello ${facts.organizerName},\n\nnobody checked in to your booking, so the room was released for others.\n\n` +
      `  ${facts.title}\n  ${where(facts)}\n  ${when(facts)}\n\n` +
      `If you still need a room, book again in the app.` +
      signature,
    bookingId: facts.bookingId,
  });
}

/** Ended early at the door tablet. */
export async function notifyBookingEndedEarly(tx: Executor, facts: BookingEmailFacts, freedMinutes: number): Promise<void> {
  await enqueueEmail(tx, {
    kind: "booking_ended_early",
    toEmail: facts.organizerEmail,
    subject: `Ended early: ${facts.title} — ${facts.roomName}`,
    textBody:
      `Hello ${facts.organizerName},\n\nyour meeting was ended at the room's tablet, ` +
      `${freedMinutes} minute${freedMinutes === 1 ? "" : "s"} before its scheduled end; the room is free again.\n\n` +
      `  ${facts.title}\n  ${where(facts)}\n  ${when(facts)}` +
      signature,
    bookingId: facts.bookingId,
  });
}

import { createEvents, type EventAttributes } from "ics";

export interface CalendarEvent {
  uid: string;
  title: string;
  description: string | null;
  location: string;
  start: Date;
  end: Date;
  organizer: { name: string; email: string };
  attendees: { name: string; email: string }[];
  sequence: number;
}

/**
 * An RFC 5545 calendar (CRLF lines folded at 75 octets, UTC times) that calendar programs accept as an
 * invitation (`REQUEST`), its withdrawal (`CANCEL`, same UID, higher SEQUENCE), or a plain event to add to one's
 * own calendar (`PUBLISH`, the "add to calendar" download).
 */
export function calendarInvitation(events: CalendarEvent[], method: "REQUEST" | "CANCEL" | "PUBLISH"): string {
  const attributes: EventAttributes[] = events.map((e) => ({
    uid: e.uid,
    productId: "circle-time/bookings",
    method,
    title: e.title,
    description: e.description ?? undefined,
    location: e.location,
    start: e.start.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: e.end.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    status: method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    busyStatus: method === "CANCEL" ? "FREE" : "BUSY",
    sequence: e.sequence,
    organizer: { name: e.organizer.name, email: e.organizer.email },
    attendees: e.attendees.map((a) => ({ name: a.name, email: a.email, rsvp: true, partstat: "NEEDS-ACTION", role: "REQ-PARTICIPANT" })),
  }));
  const { error, value } = createEvents(attributes);
  if (error || !value) throw new Error(`Could not build the calendar invitation: ${error?.message ?? "empty"}`);
  return value;
}

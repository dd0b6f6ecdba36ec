import { runes, substring } from "runes2";

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
 * An RFC 5545 calendar (CRLF lines, folded after 75 characters, UTC times) that calendar programs accept as an
 * invitation (`REQUEST`), its withdrawal (`CANCEL`, same UID, higher SEQUENCE), or a plain event to add to one's
 * own calendar (`PUBLISH`, the "add to calendar" download).
 *
 * Written here, line for line as the `ics` package (3.12) writes the same events — a test holds the two equal on
 * random events — because that package validates every event against a yup schema first: 0.2–0.3 ms of CPU per
 * invitation, on every new booking (its confirmation email carries one), for events we build ourselves.
 */
export function calendarInvitation(events: CalendarEvent[], method: "REQUEST" | "CANCEL" | "PUBLISH"): string {
  const stamp = utc(new Date());
  let out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\n";
  out += line("PRODID:circle-time/bookings") + line(`METHOD:${method}`) + "X-PUBLISHED-TTL:PT1H\r\n";
  for (const e of events) {
    out += "BEGIN:VEVENT\r\n";
    out += line(`UID:${newlines(e.uid)}`);
    if (e.title) out += line(`SUMMARY:${newlines(text(e.title))}`);
    out += line(`DTSTAMP:${stamp}`) + line(`DTSTART:${utc(e.start)}`) + line(`DTEND:${utc(e.end)}`);
    out += `SEQUENCE:${e.sequence}\r\n`;
    if (e.description) out += line(`DESCRIPTION:${newlines(text(e.description))}`);
    if (e.location) out += line(`LOCATION:${newlines(text(e.location))}`);
    out += line(`STATUS:${method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`);
    out += line(`ORGANIZER;CN=${quoted(e.organizer.name || "Organizer")}${e.organizer.email ? `:MAILTO:${e.organizer.email}` : ""}`);
    out += line(`X-MICROSOFT-CDO-BUSYSTATUS:${method === "CANCEL" ? "FREE" : "BUSY"}`);
    for (const a of e.attendees) {
      const contact = `RSVP=TRUE;ROLE="REQ-PARTICIPANT";PARTSTAT="NEEDS-ACTION";CN=${quoted(a.name || "Unnamed attendee")}`;
      out += line(`ATTENDEE;${newlines(`${contact}${a.email ? `:mailto:${a.email}` : ""}`)}`);
    }
    out += "END:VEVENT\r\n";
  }
  return `${out}END:VCALENDAR\r\n`;
}

/** `20270302T080000Z`. */
function utc(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** TEXT escaping (RFC 5545 §3.3.11): backslash, line break, semicolon, comma. */
function text(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\r?\n/g, "\\n").replace(/;/g, "\\;").replace(/,/g, "\\,");
}

function newlines(value: string): string {
  return value.replace(/\r?\n/g, "\\n");
}

function quoted(value: string): string {
  return `"${value.replaceAll('"', '\\"')}"`;
}

/** A content line with its CRLF, folded after 75 characters, then every 74, with CRLF and a tab (RFC 5545 §3.1). */
function line(content: string): string {
  // A string has at least as many UTF-16 units as characters: a short one needs no counting.
  if (content.length <= 75) return `${content}\r\n`;
  const parts: string[] = [];
  let rest = content;
  let width = 75;
  while (runes(rest).length > width) {
    parts.push(substring(rest, 0, width));
    rest = substring(rest, width);
    width = 74;
  }
  parts.push(rest);
  return `${parts.join("\r\n\t")}\r\n`;
}

import fc from "fast-check";
import { createEvents, type EventAttributes } from "ics";
import { describe, expect, it } from "vitest";
import { calendarInvitation, type CalendarEvent } from "./ics";

/** What the app sent to the `ics` package before it wrote calendars itself: the reference output. */
function withIcsPackage(events: CalendarEvent[], method: "REQUEST" | "CANCEL" | "PUBLISH"): string | null {
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
  return error ? null : value!;
}

/** DTSTAMP is the moment of writing: the same text in both. */
const sameStamp = (ics: string) => ics.replace(/^DTSTAMP:\d{8}T\d{6}Z$/gm, "DTSTAMP:X");

// Text as people type it and as the escaping and folding must survive it: commas, semicolons, backslashes, quotes,
// line breaks, accents, CJK, emoji (surrogate pairs and joined sequences), long enough to fold.
const piece = fc.constantFrom("a", "Z", " ", ",", ";", "\\", '"', ":", "\n", "\r\n", "é", "ß", "会", "🙂", "👩‍👩‍👧", "🇩🇪", "x".repeat(40));
const textOf = (max: number) => fc.array(piece, { minLength: 1, maxLength: max }).map((parts) => parts.join(""));
const person = fc.record({
  name: textOf(12).map((n) => n.replace(/\r?\n/g, " ")),
  email: fc.constantFrom("ada@example.com", "gus.guest@circletime.dev", "o'brien+x@example.org"),
});
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms));
const event = fc.record({
  uid: fc.uuid().map((id) => `${id}@circletime`),
  title: textOf(20),
  description: fc.option(textOf(40), { nil: null }),
  location: textOf(10),
  start: instant,
  end: instant,
  organizer: person,
  attendees: fc.array(person, { maxLength: 3 }),
  sequence: fc.integer({ min: 0, max: 5 }),
});

describe("calendarInvitation", () => {
  it("writes what the ics package wrote for the same events, byte for byte but the time stamp", () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 3 }), fc.constantFrom("REQUEST" as const, "CANCEL" as const, "PUBLISH" as const), (events, method) => {
        const reference = withIcsPackage(events, method);
        fc.pre(reference !== null);
        expect(sameStamp(calendarInvitation(events, method))).toBe(sameStamp(reference!));
      }),
      { numRuns: 300 },
    );
  });

  it("stamps the moment of writing", () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const ics = calendarInvitation(
      [{ uid: "u@circletime", title: "T", description: null, location: "L", start: new Date(), end: new Date(), organizer: { name: "O", email: "o@example.com" }, attendees: [], sequence: 0 }],
      "PUBLISH",
    );
    const after = Date.now();
    const [, y, mo, d, h, mi, s] = /^DTSTAMP:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\r$/m.exec(ics)!.map(Number);
    const stamp = Date.UTC(y, mo - 1, d, h, mi, s);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(after);
  });
});

import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { operation, uuidParams } from "@/lib/openapi/operation";
import {
  booking,
  cancelQuery,
  cancelResult,
  checkInResult,
  createBookingInput,
  endResult,
  extendInput,
  myBookingsQuery,
  roomDayQuery,
  seriesResult,
  updateBookingInput,
} from "./schemas";

const ROOM_ID = "3f6c1a8e-2b7d-4c59-9e0a-5d8b7f1c2a34";

/** CONTRACT §3: the paths of the bookings domain. */
export const bookingsPaths: ZodOpenApiPathsObject = {
  "/api/rooms/{roomId}/bookings": {
    get: operation({
      id: "listRoomDay",
      summary: "A room's bookings on one local day",
      description: "Bookings overlapping that day in the room's time zone, ordered by start; cancelled ones only with `includeCancelled=true`.",
      tags: ["Bookings"],
      auth: "user",
      path: uuidParams("roomId"),
      query: roomDayQuery,
      success: { description: "The day's bookings.", data: z.array(booking) },
    }),
  },
  "/api/bookings": {
    get: operation({
      id: "listMyBookings",
      summary: "My bookings (as organizer or attendee)",
      description: "`from`/`to` are local dates (default today … +30 days, at most 366 days apart). Admins may add `userId` or `roomId`.",
      tags: ["Bookings"],
      auth: "user",
      query: myBookingsQuery,
      success: { description: "The bookings in order of start.", data: z.array(booking) },
      errors: { 403: "A non-admin asking for `userId` or `roomId`, or a door tablet." },
    }),
    post: operation({
      id: "createBooking",
      summary: "Book a room (or a recurring series)",
      description:
        "Times with an offset or `Z` are instants; without one they are local to the room's building. " +
        "With `recurrence` (at most 52 occurrences) the answer is a series: conflicting occurrences are skipped unless `skipConflicts: false`.",
      tags: ["Bookings"],
      auth: "user",
      body: createBookingInput,
      bodyExample: { roomId: ROOM_ID, title: "Sprint planning", startTime: "2026-03-02T09:00", endTime: "2026-03-02T10:00", attendeeCount: 4 },
      success: { status: 201, description: "The booking, or the series with its created and skipped occurrences.", data: z.union([booking, seriesResult]) },
      errors: {
        400: "Invalid input: end before start, start in the past, duration outside the configured range, beyond the horizon, unknown attendees.",
        403: "A door tablet (tablets book through book-now).",
        404: "No such room.",
        409: "The interval overlaps an active booking of the room, or the room is in maintenance.",
      },
    }),
  },
  "/api/bookings/{bookingId}/ics": {
    get: operation({
      id: "downloadBookingCalendar",
      summary: "Add a booking to a calendar (.ics)",
      description:
        "The booking as an RFC 5545 calendar file (`METHOD:PUBLISH`, UTC times, the same UID as the emailed invitation), " +
        "sent as an attachment named after the title. Anyone signed in may download it; a door tablet only for its own room.",
      tags: ["Bookings"],
      auth: "user-or-device",
      path: uuidParams("bookingId"),
      success: { description: "The calendar file.", content: { "text/calendar": { schema: z.string() } } },
      errors: { 403: "A door tablet of another room.", 404: "No such booking." },
    }),
  },
  "/api/bookings/{bookingId}": {
    get: operation({
      id: "getBooking",
      summary: "A booking",
      tags: ["Bookings"],
      auth: "user",
      path: uuidParams("bookingId"),
      success: { description: "The booking.", data: booking },
      errors: { 403: "A door tablet (device tokens work on the panel endpoints only)." },
    }),
    patch: operation({
      id: "updateBooking",
      summary: "Edit a booking (organizer or admin)",
      description: "Only while `confirmed` and not started; the same validation and conflict rules as creating.",
      tags: ["Bookings"],
      auth: "user",
      path: uuidParams("bookingId"),
      body: updateBookingInput,
      bodyExample: { title: "Sprint review", endTime: "2026-03-02T10:30" },
      success: { description: "The updated booking.", data: booking },
      errors: { 403: "Not the organizer or an admin.", 409: "Already started or not confirmed, an overlap, or the room is in maintenance." },
    }),
    delete: operation({
      id: "cancelBooking",
      summary: "Cancel a booking (organizer or admin)",
      description: "`scope=series` cancels this and every later occurrence of its series.",
      tags: ["Bookings"],
      auth: "user",
      path: uuidParams("bookingId"),
      query: cancelQuery,
      success: { description: "Cancelled.", data: cancelResult, example: { cancelled: true } },
      errors: { 403: "Not the organizer or an admin.", 409: "Already cancelled, over, or checked in (end it instead)." },
    }),
  },
  "/api/bookings/{bookingId}/checkin": {
    post: operation({
      id: "checkIn",
      summary: "Check in to a meeting",
      description: "Inside the check-in window (DOMAIN §2): from start − checkinWindowMinutes until start + autoReleaseMinutes.",
      tags: ["Bookings"],
      auth: "user",
      path: uuidParams("bookingId"),
      success: { description: "Checked in.", data: checkInResult, example: { checkedIn: true, checkedInAt: "2026-03-02T07:58:00.000Z" } },
      errors: {
        403: "Not the organizer, an attendee or an admin (a door tablet uses /api/panel/meetings/…).",
        409: "Already checked in, not confirmed, or outside the check-in window (the message says whether it opens later or has closed).",
      },
    }),
  },
  "/api/bookings/{bookingId}/end": {
    post: operation({
      id: "endMeeting",
      summary: "End a meeting early",
      tags: ["Bookings"],
      auth: "user",
      path: uuidParams("bookingId"),
      success: { description: "Ended; the freed minutes until the scheduled end.", data: endResult, example: { ended: true, freedMinutes: 25 } },
      errors: { 403: "Not the organizer, an attendee or an admin (a door tablet uses /api/panel/meetings/…).", 409: "Not checked in, or already over." },
    }),
  },
  "/api/bookings/{bookingId}/extend": {
    post: operation({
      id: "extendMeeting",
      summary: "Extend a running meeting",
      tags: ["Bookings"],
      auth: "user",
      path: uuidParams("bookingId"),
      body: extendInput,
      bodyExample: { minutes: 15 },
      success: { description: "The booking with its new end.", data: booking },
      errors: { 403: "Not the organizer, an attendee or an admin (a door tablet uses /api/panel/meetings/…).", 409: "Not running, or the extension would overlap the next booking." },
    }),
  },
};

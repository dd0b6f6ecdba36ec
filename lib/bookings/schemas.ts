import { z } from "zod";
import { BOOKING_STATUSES } from "@/db/schema";
import { date, dateTime, text } from "@/lib/input";

const uuid = (what: string) => z.uuid({ error: `must be the id of ${what}` });

const title = text({ max: 200 });
const description = text({ max: 2000, required: false, multiline: true }).nullable();
const attendeeIds = z
  .array(uuid("a user"), { error: "must be a list of user ids" })
  .max(200, "at most 200 attendees")
  .refine((ids) => new Set(ids).size === ids.length, "must not list a person twice");
const attendeeCount = z
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(10_000, "must be at most 10000");

/** A local date (YYYY-MM-DD, years 2000–2100): the shared bounded date type. */
export const localDate = date;

export const recurrenceInput = z
  .object({
    frequency: z.enum(["daily", "weekly"], { error: "must be daily or weekly" }),
    interval: z.number().int("must be a whole number").min(1, "must be 1–12").max(12, "must be 1–12").default(1),
    byWeekday: z
      .array(z.number().int().min(1, "weekdays are 1 (Monday) to 7 (Sunday)").max(7, "weekdays are 1 (Monday) to 7 (Sunday)"))
      .min(1, "must name at least one weekday")
      .max(7)
      .optional(),
    until: localDate.optional(),
    count: z.number().int("must be a whole number").min(1, "must be 1–52").max(52, "must be 1–52").optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.until === undefined) === (r.count === undefined)) {
      ctx.addIssue({ code: "custom", message: "give either until or count", path: ["until"] });
    }
    if (r.byWeekday && r.frequency !== "weekly") {
      ctx.addIssue({ code: "custom", message: "only with frequency weekly", path: ["byWeekday"] });
    }
  });

export const createBookingInput = z
  .object({
    roomId: uuid("a room"),
    title,
    description: description.optional(),
    startTime: dateTime,
    endTime: dateTime,
    attendeeIds: attendeeIds.optional(),
    attendeeCount: attendeeCount.optional(),
    recurrence: recurrenceInput.optional(),
    skipConflicts: z.boolean({ error: "must be true or false" }).default(true),
  })
  .strict();

export const updateBookingInput = z
  .object({
    title: title.optional(),
    description: description.optional(),
    startTime: dateTime.optional(),
    endTime: dateTime.optional(),
    attendeeIds: attendeeIds.optional(),
    attendeeCount: attendeeCount.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "at least one field is required" });

export const extendInput = z.object({
  minutes: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(15, "must be 15–120")
    .max(120, "must be 15–120")
    .refine((m) => m % 15 === 0, "must be a multiple of 15"),
});

export const roomDayQuery = z.object({
  date: localDate,
  includeCancelled: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
});

export const myBookingsQuery = z.object({
  from: localDate.optional(),
  to: localDate.optional(),
  status: z.enum(BOOKING_STATUSES, { error: `must be one of ${BOOKING_STATUSES.join(", ")}` }).optional(),
  userId: uuid("a user").optional(),
  roomId: uuid("a room").optional(),
});

export const cancelQuery = z.object({
  scope: z.enum(["single", "series"], { error: "must be single or series" }).optional(),
});

export type CreateBookingInput = z.infer<typeof createBookingInput>;
export type UpdateBookingInput = z.infer<typeof updateBookingInput>;
export type RecurrenceInput = z.infer<typeof recurrenceInput>;
export type MyBookingsQuery = z.infer<typeof myBookingsQuery>;

/** A person on a booking (organizer or attendee). */
export const person = z.object({ id: z.uuid(), name: z.string(), email: z.string() }).meta({ id: "Person" });
export type Person = z.infer<typeof person>;

const BOOKING_EXAMPLE = {
  id: "0b6a3f9e-4d2c-4f7a-8e1b-2c3d4e5f6a7b",
  roomId: "3f6c1a8e-2b7d-4c59-9e0a-5d8b7f1c2a34",
  roomName: "Turing",
  title: "Sprint planning",
  description: null,
  organizer: { id: "7d0f3c52-6f1e-4a39-9a53-3c1c2f4e8a10", name: "Ada Lovelace", email: "ada.lovelace@circletime.dev" },
  attendees: [],
  attendeeCount: 4,
  startTime: "2026-03-02T08:00:00.000Z",
  endTime: "2026-03-02T09:00:00.000Z",
  status: "confirmed",
  checkedIn: false,
  checkedInAt: null,
  endedAt: null,
  createdAt: "2026-02-27T16:20:11.000Z",
  seriesId: null,
};

/** CONTRACT §3 `Booking`: instants in UTC; `endTime` stays the scheduled end, `endedAt` marks an early end. */
export const booking = z
  .object({
    id: z.uuid(),
    roomId: z.uuid(),
    roomName: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    organizer: person,
    attendees: z.array(person),
    attendeeCount: z.int(),
    startTime: z.iso.datetime(),
    endTime: z.iso.datetime().meta({ description: "The scheduled end, also after an early end." }),
    status: z.enum(BOOKING_STATUSES),
    checkedIn: z.boolean(),
    checkedInAt: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable().meta({ description: "When the meeting was ended early or released." }),
    createdAt: z.iso.datetime(),
    seriesId: z.uuid().nullable().meta({ description: "ext: the recurring series the booking belongs to (cancel this and the later ones with `DELETE …?scope=series`), else null." }),
  })
  .meta({ id: "Booking", description: "A booking of one room (CONTRACT §3, lifecycle in DOMAIN §2).", example: BOOKING_EXAMPLE });
export type Booking = z.infer<typeof booking>;

/**
 * ext recurring: the answer to creating a series; conflicting occurrences are skipped, not fatal, each with its
 * own reason; `adjusted` lists the occurrences a daylight-saving gap moved (requested local wall-clock time →
 * actual start, RFC 5545; README "Daylight saving").
 */
export const seriesResult = z
  .object({
    seriesId: z.uuid(),
    created: z.array(booking),
    skipped: z.array(z.object({ startTime: z.iso.datetime(), reason: z.string() })),
    adjusted: z.array(
      z.object({
        requested: z.string().meta({ description: "The local wall-clock time asked for (YYYY-MM-DDTHH:mm), which does not exist that day." }),
        startTime: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: "BookingSeries" });
export type SeriesResult = z.infer<typeof seriesResult>;

/** CONTRACT 3.3: cancelling one booking, or (`scope=series`) this and the later occurrences. */
export const cancelResult = z.object({
  cancelled: z.literal(true),
  count: z.int().optional().meta({ description: "With scope=series: how many occurrences were cancelled." }),
});

/** CONTRACT 3.4. */
export const checkInResult = z.object({ checkedIn: z.literal(true), checkedInAt: z.iso.datetime() });

/** CONTRACT 3.5: `freedMinutes` = whole minutes from now to the scheduled end, rounded down. */
export const endResult = z.object({ ended: z.literal(true), freedMinutes: z.int() });

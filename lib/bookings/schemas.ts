import { z } from "zod";
import { BOOKING_STATUSES } from "@/db/schema";
import { isRealDate } from "@/lib/time";

const uuid = (what: string) => z.uuid({ error: `must be the id of ${what}` });

/** Date-times stay text here: without an offset they are local to the room's building, known only in the service. */
const dateTime = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(40, "is not a date-time")
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, "must be an ISO 8601 date-time such as 2026-03-02T09:00:00Z");

const title = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(200, "must be at most 200 characters");
const description = z.string().trim().max(2000, "must be at most 2000 characters").nullable();
const attendeeIds = z
  .array(uuid("a user"), { error: "must be a list of user ids" })
  .max(200, "at most 200 attendees")
  .refine((ids) => new Set(ids).size === ids.length, "must not list a person twice");
const attendeeCount = z
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(10_000, "must be at most 10000");

export const localDate = z.string().refine(isRealDate, "must be a real date in YYYY-MM-DD form");

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
  date: z.string({ error: "is required (YYYY-MM-DD)" }).pipe(localDate),
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

export interface Person {
  id: string;
  name: string;
  email: string;
}

/** CONTRACT §3 `Booking`. */
export interface Booking {
  id: string;
  roomId: string;
  roomName: string;
  title: string;
  description: string | null;
  organizer: Person;
  attendees: Person[];
  attendeeCount: number;
  startTime: string;
  endTime: string;
  status: (typeof BOOKING_STATUSES)[number];
  checkedIn: boolean;
  checkedInAt: string | null;
  endedAt: string | null;
  createdAt: string;
  /** ext: the recurring series the booking belongs to (cancel with `?scope=series`), else null. */
  seriesId: string | null;
}

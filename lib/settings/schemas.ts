import { z } from "zod";
import { text, timeZone } from "@/lib/input";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time in HH:MM form");

/** The shared time-zone type (lib/input.ts). */
export const timezone = timeZone;

export const updateSettingsInput = z
  .object({
    orgName: text({ max: 120 }),
    timezone,
    checkinWindowMinutes: z.number().int("must be a whole number").min(0, "must be 0–120").max(120, "must be 0–120"),
    autoReleaseMinutes: z.number().int("must be a whole number").min(5, "must be 5–60").max(60, "must be 5–60"),
    businessDays: z
      .array(z.number().int().min(1, "days are 1 (Monday) to 7 (Sunday)").max(7, "days are 1 (Monday) to 7 (Sunday)"))
      .min(1, "must name at least one day")
      .max(7)
      .refine((days) => new Set(days).size === days.length, "must not repeat a day"),
    businessStart: hhmm,
    businessEnd: hhmm,
    minBookingMinutes: z.number().int("must be a whole number").min(5, "must be at least 5").max(1440),
    maxBookingMinutes: z.number().int("must be a whole number").min(5, "must be at least 5").max(1440),
    bookingHorizonDays: z.number().int("must be a whole number").min(1, "must be 1–730").max(730, "must be 1–730"),
  })
  .strict()
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "at least one field is required" });

export type UpdateSettingsInput = z.infer<typeof updateSettingsInput>;

/** DOMAIN §1 organisation settings: minutes, days 1 (Monday) … 7 (Sunday), local times "HH:MM". */
export const settings = z
  .object({
    orgName: z.string(),
    timezone: z.string().meta({ description: "IANA time zone, the default for new buildings." }),
    checkinWindowMinutes: z.int().meta({ description: "Check-in opens this many minutes before the start." }),
    autoReleaseMinutes: z.int().meta({ description: "A booking not checked in this many minutes after its start becomes a no-show." }),
    businessDays: z.array(z.int()).meta({ description: "1 = Monday … 7 = Sunday." }),
    businessStart: z.string().meta({ description: "HH:MM, local time of each building." }),
    businessEnd: z.string().meta({ description: "HH:MM, local time of each building." }),
    minBookingMinutes: z.int(),
    maxBookingMinutes: z.int(),
    bookingHorizonDays: z.int().meta({ description: "How many days ahead a booking may start." }),
  })
  .meta({
    id: "Settings",
    example: {
      orgName: "Circle Time",
      timezone: "Europe/Berlin",
      checkinWindowMinutes: 15,
      autoReleaseMinutes: 15,
      businessDays: [1, 2, 3, 4, 5],
      businessStart: "08:00",
      businessEnd: "18:00",
      minBookingMinutes: 15,
      maxBookingMinutes: 480,
      bookingHorizonDays: 180,
    },
  });
export type Settings = z.infer<typeof settings>;

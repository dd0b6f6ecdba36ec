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

export interface Settings {
  orgName: string;
  timezone: string;
  checkinWindowMinutes: number;
  autoReleaseMinutes: number;
  businessDays: number[];
  businessStart: string;
  businessEnd: string;
  minBookingMinutes: number;
  maxBookingMinutes: number;
  bookingHorizonDays: number;
}

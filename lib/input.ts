import { DateTime } from "luxon";
import { z } from "zod";
import { isSupportedTimeZone, parseUtcDateTime } from "@/lib/time";

/**
 * The shared zod types for every value that enters the app from outside (bodies, query strings, forms):
 * free text, date-times, dates and time zones. Each kind of hostile input is refused here, in one place
 * (issue 10 points 1–3), so no domain schema writes its own string rule.
 */

// C0 control characters and DEL. Tab, line feed and carriage return are allowed in multi-line text only.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_OR_NEWLINE = /[\u0000-\u001F\u007F]/;
// A character a reader can see: a letter, digit, punctuation mark or symbol (not spaces, not zero-width ones),
// leaving out the blank ones: default-ignorable code points (Hangul fillers U+3164, U+115F, U+FFA0 are letters
// by category) and the blank Braille pattern U+2800.
const VISIBLE = /(?![\p{Default_Ignorable_Code_Point}\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;
// Trimmed at both ends: white space and invisible format characters (zero-width space, BOM, …).
const EDGE_BLANKS = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;

/** Length in characters (Unicode code points), as PostgreSQL's varchar(n) counts them, not UTF-16 units. */
export function characterCount(value: string): number {
  let count = 0;
  // Every UTF-16 unit except the second half of a surrogate pair starts a code point.
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) count++;
  }
  return count;
}

export interface TextOptions {
  /** Most characters allowed (code points, after trimming). */
  max: number;
  /** Needs at least one visible character (default true); false lets "" through. */
  required?: boolean;
  /** Tab and line breaks allowed (descriptions, notes). */
  multiline?: boolean;
}

/**
 * Free text as PostgreSQL can store and a person can read: trimmed (white space and zero-width characters at
 * the ends), well-formed UTF-16 (no lone surrogates), no NUL or other C0 control characters (line breaks only
 * when `multiline`), at most `max` characters, and — when `required` — at least one visible character, so a
 * title of zero-width spaces is refused. Output: the trimmed string.
 */
export function text({ max, required = true, multiline = false }: TextOptions) {
  const forbidden = multiline ? CONTROL : CONTROL_OR_NEWLINE;
  return z
    .string({ error: required ? "is required" : "must be text" })
    .transform((value) => value.replace(EDGE_BLANKS, ""))
    .superRefine((value, ctx) => {
      if (!value.isWellFormed() || forbidden.test(value)) {
        ctx.addIssue({ code: "custom", message: multiline ? "must not contain control characters" : "must not contain control characters or line breaks" });
      } else if (required && !VISIBLE.test(value)) {
        ctx.addIssue({ code: "custom", message: value === "" ? "is required" : "must contain at least one visible character" });
      } else if (characterCount(value) > max) {
        ctx.addIssue({ code: "custom", message: `must be at most ${max} characters` });
      }
    });
}

/** The years a date or date-time may name (issue 10 point 2): PostgreSQL and luxon both handle them, with room to spare. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const DATE_TIME = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const DATE = /^(\d{4})-\d{2}-\d{2}$/;

/** Whether an ISO 8601 date-time names a real moment of a year in [MIN_YEAR, MAX_YEAR] (offset optional). */
export function isBoundedDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const utc = parseUtcDateTime(value);
  if (utc !== undefined) return utc !== null;
  return DateTime.fromISO(value, { zone: "UTC", setZone: true }).isValid;
}

/** Whether `YYYY-MM-DD` is a real calendar date of a year in [MIN_YEAR, MAX_YEAR]. */
export function isBoundedDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  // Arithmetic, not luxon (~20 µs of every request with a date): day 0 of the next month is this month's last.
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An ISO 8601 date-time such as `2026-03-02T09:00` (local to the room's building, resolved by the service)
 * or `2026-03-02T08:00:00Z` / `…+01:00` (an instant), in the years 2000–2100. Stays text: the zone that reads a
 * local one is known only in the service, which compares ranges after conversion to instants.
 */
export const dateTime = z
  .string({ error: "is required" })
  .trim()
  .max(40, "is not a date-time")
  .refine(isBoundedDateTime, `must be an ISO 8601 date-time such as 2026-03-02T09:00:00Z, in the years ${MIN_YEAR}–${MAX_YEAR}`);

/** A calendar date `YYYY-MM-DD` (a local date, never a UTC day), in the years 2000–2100. */
export const date = z
  .string({ error: "is required (YYYY-MM-DD)" })
  .trim()
  .refine(isBoundedDate, `must be a real date in YYYY-MM-DD form, in the years ${MIN_YEAR}–${MAX_YEAR}`);

/**
 * A time zone both the runtime (Intl, luxon) and PostgreSQL know, by its IANA area/location name
 * (`Europe/Berlin`, `America/Argentina/Buenos_Aires`, `Etc/GMT-3`) or `UTC`. POSIX-style names and offsets
 * (`UTC+5`, whose sign PostgreSQL reads the other way, `EST5EDT`), `local`, `system` and removed names
 * (`US/Pacific-New`) are refused. See `isSupportedTimeZone` in lib/time.ts.
 */
export const timeZone = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(64, "is too long")
  .refine(isSupportedTimeZone, "must be an IANA time zone such as Europe/Berlin");

import { DateTime } from "luxon";
import { Invalid } from "@/lib/errors";

/**
 * The one module that converts between UTC instants and local wall-clock time in a building's time zone.
 * Everything else stores and computes instants (Date, UTC).
 */

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function isValidTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid && zone.length > 0;
}

/**
 * CONTRACT §0: ISO 8601 with an offset is an instant; without one it is wall-clock time in `zone`.
 * Returns null when the text is not a real date-time (e.g. 2026-02-30).
 */
export function parseInstant(text: string, zone: string): Date | null {
  if (OFFSET.test(text)) {
    const dt = DateTime.fromISO(text, { setZone: true });
    return dt.isValid && /^\d{4}-\d{2}-\d{2}T/.test(text) ? dt.toJSDate() : null;
  }
  if (!LOCAL_DATE_TIME.test(text)) return null;
  const dt = DateTime.fromISO(text, { zone });
  if (!dt.isValid) return null;
  // Luxon moves a wall time that falls in a DST gap forward; the fields must round-trip to be a real local time.
  const [datePart, timePart] = text.split("T");
  if (dt.toFormat("yyyy-MM-dd") !== datePart || dt.toFormat("HH:mm") !== timePart.slice(0, 5)) return null;
  return dt.toJSDate();
}

/** A `YYYY-MM-DD` date read as the local day in `zone`: [start, end) as instants. Never read as UTC. */
export function localDayRange(date: string, zone: string): { start: Date; end: Date } {
  const day = parseLocalDate(date, zone);
  return { start: day.toJSDate(), end: day.plus({ days: 1 }).toJSDate() };
}

export function parseLocalDate(date: string, zone: string): DateTime {
  if (!DATE_ONLY.test(date)) throw Invalid.field("date", "must be a date in YYYY-MM-DD form");
  const day = DateTime.fromISO(date, { zone }).startOf("day");
  if (!day.isValid || day.toFormat("yyyy-MM-dd") !== date) throw Invalid.field("date", "is not a real date");
  return day;
}

export function isRealDate(date: string): boolean {
  if (!DATE_ONLY.test(date)) return false;
  const day = DateTime.fromISO(date, { zone: "UTC" });
  return day.isValid && day.toFormat("yyyy-MM-dd") === date;
}

/** Today's date in `zone`, as `YYYY-MM-DD`. */
export function localToday(zone: string, now = new Date()): string {
  return DateTime.fromJSDate(now, { zone }).toFormat("yyyy-MM-dd");
}

/** Instant at `HH:MM` local time on the local `date` in `zone`. */
export function localTimeOn(date: string, hhmm: string, zone: string): Date {
  return DateTime.fromISO(`${date}T${hhmm}`, { zone }).toJSDate();
}

/** ISO weekday (1 = Monday … 7 = Sunday) of an instant in `zone`. */
export function localWeekday(instant: Date, zone: string): number {
  return DateTime.fromJSDate(instant, { zone }).weekday;
}

export function addLocalDays(date: string, days: number, zone: string): string {
  return DateTime.fromISO(date, { zone }).plus({ days }).toFormat("yyyy-MM-dd");
}

export function formatLocal(instant: Date, zone: string, format = "HH:mm"): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat(format);
}

export function iso(d: Date): string;
export function iso(d: Date | null | undefined): string | null;
export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

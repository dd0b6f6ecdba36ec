import { DateTime } from "luxon";
import { Invalid } from "@/lib/errors";

/**
 * The one module that converts between UTC instants and local wall-clock time in a building's time zone.
 * Everything else stores and computes instants (Date, UTC).
 */

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// IANA's geographic areas, `Area/Location[/Sub]`, and its fixed offsets `Etc/GMT±N` (IANA zones whose sign both
// Intl and PostgreSQL read the same, inverted, way: Etc/GMT-3 is UTC+3). Legacy and POSIX-style names (`US/Pacific`,
// `EST5EDT`, `UTC+5`, `posixrules`, `localtime`) have other shapes and are refused.
const IANA_ZONE = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z][A-Za-z0-9_+-]*)?$/;

const globalForZones = globalThis as unknown as { __circleTimeDbZones?: Set<string> };

/**
 * Issue 10 point 3: a time zone the runtime (Intl, hence luxon) and PostgreSQL both know, named the IANA way:
 * `UTC` or `Area/Location` (e.g. `Europe/Berlin`). PostgreSQL's names (`pg_timezone_names`) are checked once
 * `databaseTimeZonesReady()` has loaded them (the route wrapper awaits it before validating); before that only
 * the runtime and the shape are checked.
 */
export function isSupportedTimeZone(zone: string): boolean {
  if (zone !== "UTC" && !IANA_ZONE.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    return false;
  }
  const known = globalForZones.__circleTimeDbZones;
  return known ? known.has(zone) : true;
}

/**
 * Records PostgreSQL's time zone names (`pg_timezone_names`) for `isSupportedTimeZone`; called once per process
 * by `databaseTimeZonesReady` (lib/time-zones.ts, server only: this module is also used in the browser).
 */
export function rememberDatabaseTimeZones(names: Iterable<string>): void {
  globalForZones.__circleTimeDbZones = new Set(names);
}

/** Whether PostgreSQL's time zone names are known yet (see `rememberDatabaseTimeZones`). */
export function databaseTimeZonesKnown(): boolean {
  return globalForZones.__circleTimeDbZones !== undefined;
}

/**
 * CONTRACT §0: ISO 8601 with an offset is an instant; without one it is wall-clock time in `zone`, converted by
 * `localToInstant` (a time that happens twice is the earlier instant). Returns null when the text is not a real
 * date-time (e.g. 2026-02-30) or is a local time that does not exist (a daylight-saving gap).
 */
export function parseInstant(text: string, zone: string): Date | null {
  const utc = parseUtcDateTime(text);
  if (utc !== undefined) return utc;
  if (OFFSET.test(text)) {
    const dt = DateTime.fromISO(text, { setZone: true });
    return dt.isValid && /^\d{4}-\d{2}-\d{2}T/.test(text) ? dt.toJSDate() : null;
  }
  if (!LOCAL_DATE_TIME.test(text)) return null;
  const fields = DateTime.fromISO(text, { zone: "UTC" });
  if (!fields.isValid) return null;
  const local = localToInstant(fields, zone);
  return local.shifted ? null : local.instant;
}

const UTC_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?Z$/;

/**
 * A date-time in UTC (`2027-03-02T08:00:00Z`, the form API clients send) read as luxon reads it, without luxon
 * (~30 µs a call, several per new booking): its instant, null when a field is out of range (2027-02-30, 25:00;
 * 24:00 is the next midnight), undefined when the text has another form, for luxon to read.
 */
export function parseUtcDateTime(text: string): Date | null | undefined {
  const m = UTC_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  // Date.UTC reads years 0–99 as 1900–1999.
  if (year < 100) return undefined;
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millisecond = m[7] === undefined ? 0 : Math.floor(parseFloat(`0.${m[7]}`) * 1000);
  const validDate = month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  const validTime = minute <= 59 && second <= 59 && (hour <= 23 || (hour === 24 && minute === 0 && second === 0 && millisecond === 0));
  return validDate && validTime ? new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond)) : null;
}

const HOUR_MS = 3_600_000;

function offsetMs(zone: string, at: number): number {
  return DateTime.fromMillis(at, { zone }).offset * 60_000;
}

/**
 * The one rule for turning a wall-clock time in `zone` into an instant (issue 10 point 4; RFC 5545 §3.3.5), the
 * same whatever the day the request is sent:
 * - a time that happens twice (the hour repeated when clocks go back: Berlin 2027-10-31 02:30) is the EARLIER
 *   instant, as calendar programs do;
 * - a time that does not exist (the hour skipped when clocks go forward) is moved forward by the length of the gap
 *   (02:30 → 03:30) and reported with `shifted: true`; single bookings refuse it, series occurrences keep the move.
 * `wallClock` carries the fields (year … millisecond) in any zone; only its fields are read.
 */
export function localToInstant(wallClock: DateTime, zone: string): { instant: Date; shifted: boolean } {
  const asUtc = Date.UTC(wallClock.year, wallClock.month - 1, wallClock.day, wallClock.hour, wallClock.minute, wallClock.second, wallClock.millisecond);
  // The offsets in force a day before and a day after: every transition lies between them.
  const before = offsetMs(zone, asUtc - 24 * HOUR_MS);
  const after = offsetMs(zone, asUtc + 24 * HOUR_MS);
  const candidates = [...new Set([asUtc - before, asUtc - after])].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (candidate + offsetMs(zone, candidate) === asUtc) return { instant: new Date(candidate), shifted: false };
  }
  // In the gap: read with the offset before the change, which lands the same distance after it.
  return { instant: new Date(asUtc - before), shifted: true };
}

/**
 * Local days already worked out (zone and date → [start, end) in ms): the same few are asked for again and again
 * (a room's day is today for most readers), and luxon takes ~0.1 ms of CPU to find a day's two midnights. The
 * answer depends on nothing but the two strings and the runtime's time zone data.
 */
const dayRanges = new Map<string, [number, number]>();
const DAY_RANGES_MAX = 1000;

/** A `YYYY-MM-DD` date read as the local day in `zone`: [start, end) as instants. Never read as UTC. */
export function localDayRange(date: string, zone: string): { start: Date; end: Date } {
  const key = `${zone} ${date}`;
  let range = dayRanges.get(key);
  if (!range) {
    const day = parseLocalDate(date, zone);
    range = [day.toMillis(), day.plus({ days: 1 }).toMillis()];
    if (dayRanges.size >= DAY_RANGES_MAX) dayRanges.clear();
    dayRanges.set(key, range);
  }
  return { start: new Date(range[0]), end: new Date(range[1]) };
}

export function parseLocalDate(date: string, zone: string): DateTime {
  if (!DATE_ONLY.test(date)) throw Invalid.field("date", "must be a date in YYYY-MM-DD form");
  const day = DateTime.fromISO(date, { zone }).startOf("day");
  if (!day.isValid || day.toFormat("yyyy-MM-dd") !== date) throw Invalid.field("date", "is not a real date");
  return day;
}

/** Today's date in `zone`, as `YYYY-MM-DD`. */
export function localToday(zone: string, now = new Date()): string {
  return DateTime.fromJSDate(now, { zone }).toFormat("yyyy-MM-dd");
}

/** Instant at `HH:MM` local time on the local `date` in `zone`, by the rule of `localToInstant`. */
export function localTimeOn(date: string, hhmm: string, zone: string): Date {
  return localToInstant(DateTime.fromISO(`${date}T${hhmm}`, { zone: "UTC" }), zone).instant;
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

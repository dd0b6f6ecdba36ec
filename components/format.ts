/**
 * Formatting for the pages (UI.md "Look and feel"): times in the room's building zone, dates as people write
 * them, durations in words. Intl only, so it runs the same on the server and in the browser without a library.
 */

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, zone: string, options: Intl.DateTimeFormatOptions) {
  let f = map.get(zone);
  if (!f) map.set(zone, (f = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: zone })));
  return f;
}

/** `09:00`: the 24-hour local time of an instant (ISO string or Date) in `zone`. */
export function formatTime(instant: string | Date, zone: string): string {
  return cached(timeFormats, zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(instant));
}

/** `Tue 3 Mar`: the local date of an instant in `zone`. */
export function formatDate(instant: string | Date, zone: string): string {
  const parts = cached(dateFormats, zone, { weekday: "short", day: "numeric", month: "short" }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("weekday")} ${get("day")} ${get("month")}`;
}

/** `Tue 3 Mar` for a local `YYYY-MM-DD` date (no zone involved). */
export function formatLocalDate(date: string): string {
  return formatDate(`${date}T12:00:00Z`, "UTC");
}

/** `09:00–10:00`. */
export function formatRange(start: string | Date, end: string | Date, zone: string): string {
  return `${formatTime(start, zone)}–${formatTime(end, zone)}`;
}

/** `45 min`, `1 h`, `1 h 30 min`. */
export function formatDuration(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** `Berlin time`, `Los Angeles time`: how a zone is named next to a time. */
export function zoneLabel(zone: string): string {
  const city = zone.split("/").pop() ?? zone;
  return `${city.replace(/_/g, " ")} time`;
}

/** The local `YYYY-MM-DD` of an instant in `zone`. */
export function localDateOf(instant: string | Date, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(instant));
}

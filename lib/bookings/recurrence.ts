import { DateTime } from "luxon";
import { Invalid } from "@/lib/errors";
import { localToInstant } from "@/lib/time";
import type { RecurrenceInput } from "./schemas";

export const MAX_OCCURRENCES = 52;

/** One occurrence: its start, the local wall-clock time asked for, and whether a daylight-saving gap moved it. */
export interface Occurrence {
  start: Date;
  /** `YYYY-MM-DDTHH:mm`, local to the building. */
  requested: string;
  shifted: boolean;
}

/**
 * The occurrences of a recurring series. They keep the first one's local wall-clock time in the building's
 * zone, so a 09:00 meeting stays at 09:00 across a daylight-saving change; a time that happens twice is the
 * earlier instant and one in a spring-forward gap moves forward by the gap (`localToInstant`, RFC 5545), marked
 * `shifted` so the answer can report it. 400 for more than MAX_OCCURRENCES.
 */
export function occurrenceStarts(firstStart: Date, recurrence: RecurrenceInput, zone: string): Occurrence[] {
  // Calendar arithmetic on floating wall-clock times (fields only, read as UTC); localToInstant places them.
  const zoned = DateTime.fromJSDate(firstStart, { zone });
  const first = DateTime.fromObject(
    { year: zoned.year, month: zoned.month, day: zoned.day, hour: zoned.hour, minute: zoned.minute },
    { zone: "UTC" },
  );
  const interval = recurrence.interval ?? 1;
  const until = recurrence.until ? DateTime.fromISO(recurrence.until, { zone: "UTC" }).endOf("day") : undefined;
  const limit = recurrence.count ?? MAX_OCCURRENCES + 1;
  const starts: DateTime[] = [];
  const atFirstTime = (day: DateTime) =>
    DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: first.hour, minute: first.minute },
      { zone: "UTC" },
    );

  if (recurrence.frequency === "daily") {
    for (let i = 0; starts.length < limit; i++) {
      const day = atFirstTime(first.plus({ days: i * interval }));
      if (until && day > until) break;
      starts.push(day);
    }
  } else {
    const weekdays = [...new Set(recurrence.byWeekday ?? [first.weekday])].sort((a, b) => a - b);
    const firstWeek = first.startOf("week");
    for (let week = 0; starts.length < limit; week += interval) {
      let passedUntil = false;
      for (const weekday of weekdays) {
        const day = atFirstTime(firstWeek.plus({ weeks: week, days: weekday - 1 }));
        if (day < first.startOf("day")) continue;
        if (until && day > until) {
          passedUntil = true;
          break;
        }
        if (starts.length < limit) starts.push(day);
      }
      if (passedUntil) break;
      if (week > 520) break;
    }
  }
  if (starts.length > MAX_OCCURRENCES) {
    throw Invalid.field("recurrence", `a series has at most ${MAX_OCCURRENCES} occurrences; choose an earlier until`);
  }
  return starts.map((wallClock) => {
    const { instant, shifted } = localToInstant(wallClock, zone);
    return { start: instant, requested: wallClock.toFormat("yyyy-MM-dd'T'HH:mm"), shifted };
  });
}

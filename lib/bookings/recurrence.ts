import { DateTime } from "luxon";
import { Invalid } from "@/lib/errors";
import type { RecurrenceInput } from "./schemas";

export const MAX_OCCURRENCES = 52;

/**
 * The start instants of a recurring series. Occurrences keep the first one's local wall-clock time in the
 * building's zone, so a 09:00 meeting stays at 09:00 across a daylight-saving change.
 */
export function occurrenceStarts(firstStart: Date, recurrence: RecurrenceInput, zone: string): Date[] {
  const first = DateTime.fromJSDate(firstStart, { zone });
  const interval = recurrence.interval ?? 1;
  const until = recurrence.until ? DateTime.fromISO(recurrence.until, { zone }).endOf("day") : undefined;
  const limit = recurrence.count ?? MAX_OCCURRENCES + 1;
  const starts: DateTime[] = [];
  const atFirstTime = (day: DateTime) =>
    DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: first.hour, minute: first.minute },
      { zone },
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
  return starts.map((d) => d.toJSDate());
}

// Times on the door tablet, always in the room's building time zone (UI.md "Look and feel").

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "09:05" in `timeZone` (24-hour clock). */
export function clock(instant: number | string, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
    formatters.set(timeZone, f);
  }
  return f.format(typeof instant === "string" ? Date.parse(instant) : instant);
}

/** "Tue 3 Mar" in `timeZone`. */
export function day(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone }).format(instant);
}

/** A duration in words: "45 min", "1 h 30 min", "2 h". */
export function minutesInWords(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** A countdown "4:07" (or "1:02:07") to `until` from `now`, never negative. */
export function countdown(until: number, now: number): string {
  const total = Math.max(0, Math.ceil((until - now) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

import type { Meeting, RoomState } from "@/lib/panel/schemas";

// What the kiosk shows at `now` (the tablet's clock corrected by serverTime), from the last RoomState: the server
// pushes a new state at every moment that changes it, and while offline the same rules keep the screen counting
// down locally (DOMAIN §2, §3).

const MINUTE = 60_000;
/** The durations book-now offers (CONTRACT §4). */
export const BOOK_NOW_MINUTES = [15, 30, 45, 60, 90, 120] as const;
/** What "Extend" offers while a meeting runs (UI.md). */
export const EXTEND_MINUTES = [15, 30] as const;

export type Screen = "idle" | "check-in" | "in-progress";

/** The kiosk's reading of a state at one moment. */
export interface KioskView {
  status: RoomState["status"];
  screen: Screen;
  /** The meeting the screen is about (check-in or in progress), else null. */
  meeting: Meeting | null;
  current: Meeting | null;
  next: Meeting | null;
  /** Meetings after the current one for the rest of the day. */
  later: Meeting[];
  /** Until when the room is free (null: the rest of the day), only when nobody holds it now. */
  freeUntil: number | null;
  /** Check-in closes (and the booking is released) at this instant, on the check-in screen. */
  releaseAt: number | null;
  /** Book-now durations that fit before the next meeting (none while the room is held or out of service). */
  bookable: number[];
  /** Extensions that fit before the next meeting, while a checked-in meeting runs. */
  extendable: number[];
}

/** The view of `state` at `now` (epoch ms). */
export function deriveView(state: RoomState, now: number): KioskView {
  const meetings = [state.currentMeeting, ...state.upcomingMeetings].filter((m): m is Meeting => m !== null);
  const start = (m: Meeting) => Date.parse(m.startTime);
  const end = (m: Meeting) => Date.parse(m.endTime);
  const current = meetings.find((m) => start(m) <= now && now < end(m)) ?? null;
  const later = meetings.filter((m) => start(m) > now);
  const next = later[0] ?? null;
  const windowMs = state.settings.checkinWindowMinutes * MINUTE;
  const releaseMs = state.settings.autoReleaseMinutes * MINUTE;
  const closesAt = (m: Meeting) => Math.min(start(m) + releaseMs, end(m));

  let status: RoomState["status"];
  if (state.status === "offline") status = "offline";
  else if (current) status = "occupied";
  else if (next && start(next) - now <= 15 * MINUTE) status = "upcoming";
  else status = "available";

  let screen: Screen = "idle";
  let meeting: Meeting | null = null;
  let releaseAt: number | null = null;
  if (status !== "offline") {
    if (current && current.checkedIn) {
      screen = "in-progress";
      meeting = current;
    } else if (current && now < closesAt(current)) {
      screen = "check-in";
      meeting = current;
      releaseAt = closesAt(current);
    } else if (next && !next.checkedIn && now >= start(next) - windowMs) {
      screen = "check-in";
      meeting = next;
      releaseAt = closesAt(next);
    }
  }
  const held = current !== null;
  const freeUntil = held ? null : next ? start(next) : null;
  const bookable =
    status === "offline" || held ? [] : BOOK_NOW_MINUTES.filter((d) => !next || now + d * MINUTE <= start(next));
  const extendable =
    screen === "in-progress" && meeting ? EXTEND_MINUTES.filter((d) => !next || end(meeting!) + d * MINUTE <= start(next)) : [];
  return { status, screen, meeting, current, next, later, freeUntil, releaseAt, bookable, extendable };
}

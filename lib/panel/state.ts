import { getDb } from "@/db/client";
import type { Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import * as lifecycle from "@/lib/lifecycle/service";
import * as q from "./queries";
import type { Meeting, RoomState } from "./schemas";

const MINUTE = 60_000;
/** DOMAIN §3: a meeting starting within this long makes the room `upcoming`. */
const UPCOMING_WITHIN_MS = 15 * MINUTE;

/** 403 when a door tablet asks about another room than its own (CONTRACT §4). */
export function assertPanelAccess(principal: Principal, roomId: string): void {
  if (principal.kind === "device" && principal.roomId !== roomId) {
    throw new Forbidden("This door tablet belongs to another room");
  }
}

/** A booking row as CONTRACT §4 `Meeting` (instants as ISO strings in UTC). */
export function toMeeting(m: q.StateMeetingRow): Meeting {
  return {
    id: m.id,
    title: m.title,
    organizer: m.organizer,
    organizerEmail: m.organizerEmail,
    startTime: new Date(m.start).toISOString(),
    endTime: new Date(m.end).toISOString(),
    attendeeCount: m.attendeeCount,
    checkedIn: m.checkedInAt !== null,
    checkedInAt: m.checkedInAt === null ? null : new Date(m.checkedInAt).toISOString(),
  };
}

/** A room's state without `serverTime` (added when it is sent), as the live feed keeps it. */
export type StoredRoomState = Omit<RoomState, "serverTime">;

/** A computed room state: the value, a key that is equal for equal states, and when it changes by itself. */
export interface RoomStateSnapshot {
  value: StoredRoomState;
  key: string;
  nextChangeAt: number | null;
}

/**
 * The state of room `roomId` at this moment (CONTRACT 4.1, DOMAIN §3), in one round trip; when an overdue
 * no-show of the room waits, it is released first (DOMAIN §2) and the state read again. Also answers when the
 * state will next change without any write (a meeting starts or ends, a check-in window opens or closes, a meeting
 * comes within 15 minutes, the local day ends): the live feed recomputes it then. Null for an unknown room.
 */
export async function computeRoomState(roomId: string): Promise<RoomStateSnapshot | null> {
  const db = await getDb();
  let now = new Date();
  let row = await q.selectRoomState(db, roomId, now);
  if (row?.overdue) {
    await lifecycle.releaseOverdueNoShows(roomId, now);
    now = new Date();
    row = await q.selectRoomState(db, roomId, now);
  }
  if (!row) return null;
  return buildRoomState(row, now.getTime());
}

function buildRoomState(row: q.RoomStateRow, t: number): RoomStateSnapshot {
  const current = row.meetings.find((m) => m.start <= t && t < m.end) ?? null;
  const upcoming = row.meetings.filter((m) => m.start > t);
  const next = upcoming[0] ?? null;
  const status: RoomState["status"] = row.maintenance
    ? "offline"
    : current
      ? "occupied"
      : next && next.start - t <= UPCOMING_WITHIN_MS
        ? "upcoming"
        : "available";
  const windowMs = row.checkin_window_minutes * MINUTE;
  const releaseMs = row.auto_release_minutes * MINUTE;
  // CONTRACT 4.1: the window of the current meeting while it waits for check-in, else of the next meeting.
  const windowOf = current && current.checkedInAt === null ? current : next;
  const checkIn = windowOf
    ? {
        opensAt: new Date(windowOf.start - windowMs).toISOString(),
        closesAt: new Date(Math.min(windowOf.start + releaseMs, windowOf.end)).toISOString(),
      }
    : null;
  const state = {
    room: { id: row.id, name: row.name, building: row.building, floor: row.floor, capacity: row.capacity },
    status,
    currentMeeting: current && toMeeting(current),
    nextMeeting: next && toMeeting(next),
    upcomingMeetings: upcoming.map(toMeeting),
    checkIn,
    settings: { checkinWindowMinutes: row.checkin_window_minutes, autoReleaseMinutes: row.auto_release_minutes },
  };
  // The moments at which this state changes by itself (CONTRACT 4.4).
  let nextChangeAt = row.day_end > t ? row.day_end : null;
  for (const m of row.meetings) {
    for (const moment of [m.start, m.end, m.start - UPCOMING_WITHIN_MS, m.start - windowMs, Math.min(m.start + releaseMs, m.end)]) {
      if (moment > t && (nextChangeAt === null || moment < nextChangeAt)) nextChangeAt = moment;
    }
  }
  const key = JSON.stringify(state);
  const { room, ...rest } = state;
  return {
    value: { room, ...rest, lastUpdated: new Date(t).toISOString() },
    key,
    nextChangeAt,
  };
}


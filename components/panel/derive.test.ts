import { describe, expect, it } from "vitest";
import type { Meeting, RoomState } from "@/lib/panel/schemas";
import { deriveView } from "./derive";

// The kiosk's reading of a RoomState at a moment: what it shows between pushes and while offline (UI.md).

const MIN = 60_000;
const T0 = Date.parse("2026-03-02T09:00:00Z");

function meeting(title: string, startMin: number, endMin: number, checkedIn = false): Meeting {
  return {
    id: title,
    title,
    organizer: "Ada",
    organizerEmail: "ada@example.com",
    startTime: new Date(T0 + startMin * MIN).toISOString(),
    endTime: new Date(T0 + endMin * MIN).toISOString(),
    attendeeCount: 2,
    checkedIn,
    checkedInAt: checkedIn ? new Date(T0).toISOString() : null,
  };
}

function state(current: Meeting | null, upcoming: Meeting[], status: RoomState["status"] = "available"): RoomState {
  return {
    room: { id: "r", name: "Aurora", building: "HQ", floor: 1, capacity: 6 },
    status,
    currentMeeting: current,
    nextMeeting: upcoming[0] ?? null,
    upcomingMeetings: upcoming,
    lastUpdated: new Date(T0).toISOString(),
    serverTime: new Date(T0).toISOString(),
    checkIn: null,
    settings: { checkinWindowMinutes: 15, autoReleaseMinutes: 15 },
  };
}

describe("deriveView", () => {
  it("idle: free until the next meeting; book now offers only what fits before it", () => {
    const v = deriveView(state(null, [meeting("Next", 50, 80)]), T0);
    expect(v).toMatchObject({ status: "available", screen: "idle", freeUntil: T0 + 50 * MIN });
    expect(v.bookable).toEqual([15, 30, 45]);
    expect(deriveView(state(null, []), T0).bookable).toEqual([15, 30, 45, 60, 90, 120]);
  });

  it("a meeting within 15 minutes makes it upcoming; its check-in window shows the check-in screen with the release time", () => {
    const next = meeting("Soon", 10, 40);
    const v = deriveView(state(null, [next]), T0);
    expect(v).toMatchObject({ status: "upcoming", screen: "check-in", meeting: next, releaseAt: T0 + 25 * MIN });
    // 20 minutes ahead: available, window not open yet.
    expect(deriveView(state(null, [meeting("Later", 20, 40)]), T0)).toMatchObject({ status: "available", screen: "idle" });
  });

  it("counts on by itself: the start passes, the room becomes occupied, and after the release time the screen is idle again", () => {
    const s = state(null, [meeting("Soon", 10, 40)]);
    expect(deriveView(s, T0 + 11 * MIN)).toMatchObject({ status: "occupied", screen: "check-in" });
    expect(deriveView(s, T0 + 26 * MIN)).toMatchObject({ status: "occupied", screen: "idle", bookable: [] });
    expect(deriveView(s, T0 + 41 * MIN)).toMatchObject({ status: "available", screen: "idle" });
  });

  it("in progress: extensions only as far as the next meeting allows; none offered while held", () => {
    const running = meeting("Running", -10, 30, true);
    const v = deriveView(state(running, [meeting("Next", 50, 80)], "occupied"), T0);
    expect(v).toMatchObject({ screen: "in-progress", meeting: running, bookable: [] });
    expect(v.extendable).toEqual([15]);
    expect(deriveView(state(running, [], "occupied"), T0).extendable).toEqual([15, 30]);
  });

  it("out of service: offline, nothing to book or check in", () => {
    const v = deriveView(state(null, [meeting("Soon", 5, 30)], "offline"), T0);
    expect(v).toMatchObject({ status: "offline", screen: "idle", bookable: [] });
  });
});

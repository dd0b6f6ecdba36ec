import { describe, expect, it, vi } from "vitest";
import * as time from "@/lib/time";
import { occurrenceStarts } from "./recurrence";

describe("recurrence", () => {
  it("keeps local wall-clock time across a DST change (Europe/Berlin, March)", () => {
    const first = new Date("2026-03-26T08:00:00Z"); // Thursday 09:00 CET
    const starts = occurrenceStarts(first, { frequency: "daily", interval: 1, count: 5 }, "Europe/Berlin");
    expect(starts.map((o) => o.start.toISOString())).toEqual([
      "2026-03-26T08:00:00.000Z",
      "2026-03-27T08:00:00.000Z",
      "2026-03-28T08:00:00.000Z",
      "2026-03-29T07:00:00.000Z", // 09:00 CEST
      "2026-03-30T07:00:00.000Z",
    ]);
  });

  it("weekly on chosen weekdays until a local date, every other week", () => {
    const first = new Date("2026-06-01T13:00:00Z"); // Monday 09:00 in New York
    const starts = occurrenceStarts(first, { frequency: "weekly", interval: 2, byWeekday: [1, 3], until: "2026-06-17" }, "America/New_York");
    expect(starts.map((o) => o.start.toISOString())).toEqual([
      "2026-06-01T13:00:00.000Z",
      "2026-06-03T13:00:00.000Z",
      "2026-06-15T13:00:00.000Z",
      "2026-06-17T13:00:00.000Z",
    ]);
  });

  it("takes the earlier instant for a time that happens twice and moves one in a gap forward, marked (issue 10 point 4)", () => {
    // 02:30 on 2027-10-30 in Berlin (CEST), daily: the 31st's 02:30 happens twice (CEST, then CET).
    const berlin = occurrenceStarts(new Date("2027-10-30T00:30:00Z"), { frequency: "daily", interval: 1, count: 2 }, "Europe/Berlin");
    expect(berlin.map((o) => o.start.toISOString())).toEqual(["2027-10-30T00:30:00.000Z", "2027-10-31T00:30:00.000Z"]);
    // Sydney's repeated 02:30 on 2027-04-04 (AEDT then AEST): the earlier, AEDT, too.
    const sydney = occurrenceStarts(new Date("2027-04-02T15:30:00Z"), { frequency: "daily", interval: 1, count: 2 }, "Australia/Sydney");
    expect(sydney[1].start.toISOString()).toBe("2027-04-03T15:30:00.000Z");
    expect(sydney.every((o) => !o.shifted)).toBe(true);
    // Berlin's skipped hour on 2027-03-28: 02:30 becomes 03:30 CEST (01:30Z), reported as shifted.
    const gap = occurrenceStarts(new Date("2027-03-27T01:30:00Z"), { frequency: "daily", interval: 1, count: 2 }, "Europe/Berlin");
    expect(gap[1]).toEqual({ start: new Date("2027-03-28T01:30:00Z"), requested: "2027-03-28T02:30", shifted: true });
  });

  it("the DST rule does not depend on the day it runs (issue 10 point 4)", () => {
    const { parseInstant } = time;
    vi.useFakeTimers({ toFake: ["Date"] });
    for (const fakeNow of ["2027-01-15T12:00:00Z", "2027-07-15T12:00:00Z"]) {
      vi.setSystemTime(new Date(fakeNow));
      expect(parseInstant("2027-10-31T02:30", "Europe/Berlin")?.toISOString()).toBe("2027-10-31T00:30:00.000Z");
      expect(parseInstant("2027-04-04T02:30", "Australia/Sydney")?.toISOString()).toBe("2027-04-03T15:30:00.000Z");
      expect(parseInstant("2027-03-28T02:30", "Europe/Berlin")).toBeNull();
    }
    vi.useRealTimers();
  });

  it("refuses more than 52 occurrences", () => {
    expect(() =>
      occurrenceStarts(new Date("2026-06-01T13:00:00Z"), { frequency: "daily", interval: 1, until: "2026-12-31" }, "UTC"),
    ).toThrow(/at most 52/);
  });
});

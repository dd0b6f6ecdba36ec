import { describe, expect, it } from "vitest";
import { occurrenceStarts } from "./recurrence";

describe("recurrence", () => {
  it("keeps local wall-clock time across a DST change (Europe/Berlin, March)", () => {
    const first = new Date("2026-03-26T08:00:00Z"); // Thursday 09:00 CET
    const starts = occurrenceStarts(first, { frequency: "daily", interval: 1, count: 5 }, "Europe/Berlin");
    expect(starts.map((d) => d.toISOString())).toEqual([
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
    expect(starts.map((d) => d.toISOString())).toEqual([
      "2026-06-01T13:00:00.000Z",
      "2026-06-03T13:00:00.000Z",
      "2026-06-15T13:00:00.000Z",
      "2026-06-17T13:00:00.000Z",
    ]);
  });

  it("refuses more than 52 occurrences", () => {
    expect(() =>
      occurrenceStarts(new Date("2026-06-01T13:00:00Z"), { frequency: "daily", interval: 1, until: "2026-12-31" }, "UTC"),
    ).toThrow(/at most 52/);
  });
});

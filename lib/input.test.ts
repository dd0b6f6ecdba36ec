import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { isBoundedDate } from "./input";
import { localDayRange } from "./time";

describe("isBoundedDate", () => {
  it("agrees with luxon's reading of the date (what it used), for every shape of YYYY-MM-DD", () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));
    const year = fc.oneof(fc.integer({ min: 1990, max: 2110 }).map(String), digits(4));
    fc.assert(
      fc.property(year, digits(2), digits(2), (y, m, d) => {
        const value = `${y}-${m}-${d}`;
        const day = DateTime.fromISO(value, { zone: "UTC" });
        const expected = Number(y) >= 2000 && Number(y) <= 2100 && day.isValid && day.toFormat("yyyy-MM-dd") === value;
        expect(isBoundedDate(value)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    expect(isBoundedDate("2028-02-29")).toBe(true);
    expect(isBoundedDate("2100-02-29")).toBe(false);
    expect(isBoundedDate("2027-04-31")).toBe(false);
  });
});

describe("localDayRange", () => {
  it("answers a day asked again as the first time, with Dates of its own", () => {
    // Berlin's day of the spring change has 23 hours.
    const first = localDayRange("2027-03-28", "Europe/Berlin");
    expect([first.start.toISOString(), first.end.toISOString()]).toEqual(["2027-03-27T23:00:00.000Z", "2027-03-28T22:00:00.000Z"]);
    first.start.setTime(0);
    const again = localDayRange("2027-03-28", "Europe/Berlin");
    expect([again.start.toISOString(), again.end.toISOString()]).toEqual(["2027-03-27T23:00:00.000Z", "2027-03-28T22:00:00.000Z"]);
    expect(localDayRange("2027-03-28", "America/New_York").start.toISOString()).toBe("2027-03-28T04:00:00.000Z");
    expect(() => localDayRange("2027-02-30", "Europe/Berlin")).toThrow(/not a real date/);
  });
});

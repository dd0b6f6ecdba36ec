import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { isBoundedDate } from "./input";
import { localDayRange, parseUtcDateTime } from "./time";

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

describe("parseUtcDateTime", () => {
  it("reads a UTC date-time as luxon does (instant, or null when luxon finds it invalid)", () => {
    const n = (digits: number, max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(digits, "0"));
    const text = fc
      .tuple(fc.oneof(fc.integer({ min: 1990, max: 2110 }).map(String), n(4, 9999)), n(2, 14), n(2, 33), n(2, 25), n(2, 61))
      .chain(([y, mo, d, h, mi]) =>
        fc
          .option(fc.tuple(n(2, 61), fc.option(fc.integer({ min: 1, max: 9 }).chain((len) => n(len, 10 ** len - 1)), { nil: undefined })), { nil: undefined })
          .map((sec) => `${y}-${mo}-${d}T${h}:${mi}${sec ? `:${sec[0]}${sec[1] !== undefined ? `.${sec[1]}` : ""}` : ""}Z`),
      );
    fc.assert(
      fc.property(text, (value) => {
        const parsed = parseUtcDateTime(value);
        if (parsed === undefined) return;
        const reference = DateTime.fromISO(value, { setZone: true });
        expect(parsed === null ? null : parsed.getTime(), value).toBe(reference.isValid ? reference.toMillis() : null);
      }),
      { numRuns: 5000 },
    );
    expect(parseUtcDateTime("2027-03-02T24:00Z")?.toISOString()).toBe("2027-03-03T00:00:00.000Z");
    expect(parseUtcDateTime("2027-03-02T09:00+01:00")).toBeUndefined();
  });
});

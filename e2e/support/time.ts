/**
 * An IANA fixed-offset zone (`Etc/GMT±N`, whose sign is inverted: Etc/GMT+11 is UTC−11) where it is about noon now,
 * so that meetings booked up to a few hours ahead are on the room's local today — the door panel shows today's —
 * whatever the hour the tests run (in UTC, a booking an hour ahead at 23:30 is tomorrow's).
 */
export function zoneAtNoon(now = new Date()): string {
  const offset = 12 - now.getUTCHours(); // −11 … +12
  return offset === 0 ? "UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

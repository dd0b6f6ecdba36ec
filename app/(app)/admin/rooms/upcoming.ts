import type { UserPrincipal } from "@/lib/auth/principal";
import type { Booking } from "@/lib/bookings/schemas";
import { listMyBookings } from "@/lib/bookings/service";
import { getSettings } from "@/lib/settings/service";
import { addLocalDays, localToday } from "@/lib/time";

/**
 * The room's bookings that stop it from being deleted (CONTRACT §2: active and not yet over), earliest first,
 * through the bookings service as an admin. Looks one year ahead (the API's widest range).
 */
export async function bookingsInTheWay(principal: UserPrincipal, roomId: string): Promise<Booking[]> {
  const { timezone } = await getSettings();
  const from = addLocalDays(localToday(timezone), -1, timezone);
  const bookings = await listMyBookings(principal, { roomId, from, to: addLocalDays(from, 366, timezone) });
  const now = Date.now();
  return bookings.filter((b) => (b.status === "confirmed" || b.status === "pending") && Date.parse(b.endTime) > now);
}

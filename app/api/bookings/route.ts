import { createBookingInput, myBookingsQuery } from "@/lib/bookings/schemas";
import { createBooking, listMyBookings } from "@/lib/bookings/service";
import { created } from "@/lib/http/envelope";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user", query: myBookingsQuery }, ({ principal, query }) => listMyBookings(principal, query)),
  POST: route({ auth: "user", body: createBookingInput }, async ({ principal, body }) => {
    const result = await createBooking(principal, body);
    return created(result.kind === "single" ? result.booking : result.series);
  }),
});

import { cancelQuery, updateBookingInput } from "@/lib/bookings/schemas";
import { cancelBooking, getBooking, updateBooking } from "@/lib/bookings/service";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user" }, ({ principal, params }) => getBooking(principal, params.bookingId)),
  PATCH: route({ auth: "user", body: updateBookingInput }, ({ principal, params, body }) =>
    updateBooking(principal, params.bookingId, body),
  ),
  DELETE: route({ auth: "user", query: cancelQuery }, ({ principal, params, query }) =>
    cancelBooking(principal, params.bookingId, query.scope),
  ),
});

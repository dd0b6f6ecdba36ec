import { extendInput } from "@/lib/bookings/schemas";
import { extendBooking } from "@/lib/bookings/service";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  POST: route({ auth: "user", body: extendInput }, ({ principal, params, body }) =>
    extendBooking(principal, params.bookingId, body.minutes),
  ),
});

import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { availabilityQuery } from "@/lib/rooms/schemas";
import { getAvailability } from "@/lib/rooms/service";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user", query: availabilityQuery }, ({ principal, params, query }) =>
    getAvailability(principal, params.roomId, query.date),
  ),
});

import { roomDayQuery } from "@/lib/bookings/schemas";
import { listRoomDay } from "@/lib/bookings/service";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user", query: roomDayQuery }, ({ principal, params, query }) =>
    listRoomDay(principal, params.roomId, query.date, query.includeCancelled === "true"),
  ),
});

import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { getFloorPlan } from "@/lib/rooms/service";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user" }, ({ principal, params }) => getFloorPlan(principal, params.buildingId, params.floor)),
});

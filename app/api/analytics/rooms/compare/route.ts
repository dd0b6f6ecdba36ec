import { compareQuery } from "@/lib/analytics/schemas";
import { compareRooms } from "@/lib/analytics/service";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "admin", query: compareQuery }, ({ principal, query }) => compareRooms(principal, query)),
});

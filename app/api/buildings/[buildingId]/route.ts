import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { updateBuildingInput } from "@/lib/rooms/schemas";
import { deleteBuilding, getBuilding, updateBuilding } from "@/lib/rooms/service";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user" }, ({ principal, params }) => getBuilding(principal, params.buildingId)),
  PATCH: route({ auth: "admin", body: updateBuildingInput }, ({ params, body }) => updateBuilding(params.buildingId, body)),
  DELETE: route({ auth: "admin" }, ({ params }) => deleteBuilding(params.buildingId)),
});

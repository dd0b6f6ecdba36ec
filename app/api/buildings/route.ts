import { created } from "@/lib/http/envelope";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { createBuildingInput } from "@/lib/rooms/schemas";
import { createBuilding, listBuildings } from "@/lib/rooms/service";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user" }, ({ principal }) => listBuildings(principal)),
  POST: route({ auth: "admin", body: createBuildingInput }, async ({ body }) => created(await createBuilding(body))),
});

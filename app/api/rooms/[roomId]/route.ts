import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { updateRoomInput } from "@/lib/rooms/schemas";
import { deleteRoom, getRoom, updateRoom } from "@/lib/rooms/service";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user" }, ({ principal, params }) => getRoom(principal, params.roomId)),
  PATCH: route({ auth: "admin", body: updateRoomInput }, ({ params, body }) => updateRoom(params.roomId, body)),
  DELETE: route({ auth: "admin" }, ({ params }) => deleteRoom(params.roomId)),
});

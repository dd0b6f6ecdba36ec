import { created } from "@/lib/http/envelope";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { createRoomInput, listRoomsQuery } from "@/lib/rooms/schemas";
import { createRoom, listRooms } from "@/lib/rooms/service";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user", query: listRoomsQuery }, ({ principal, query }) => listRooms(principal, query)),
  POST: route({ auth: "admin", body: createRoomInput }, async ({ body }) => created(await createRoom(body))),
});

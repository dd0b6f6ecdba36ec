import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { getRoomState } from "@/lib/panel/service";

// CONTRACT 4.1.
export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user-or-device" }, ({ principal, params }) => getRoomState(principal, params.roomId)),
});

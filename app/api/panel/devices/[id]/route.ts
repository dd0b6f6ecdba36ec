import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { updateDeviceInput } from "@/lib/panel/schemas";
import { renameOrMoveDevice, revokeDevice } from "@/lib/panel/service";

// ext devices (admins): rename or move, revoke.
export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  PATCH: route({ auth: "admin", body: updateDeviceInput }, ({ params, body }) => renameOrMoveDevice(params.id, body)),
  DELETE: route({ auth: "admin" }, ({ params }) => revokeDevice(params.id)),
});

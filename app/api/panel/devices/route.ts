import { created } from "@/lib/http/envelope";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { pairDeviceInput } from "@/lib/panel/schemas";
import { listDevices, pairDevice } from "@/lib/panel/service";

// ext devices (admins).
export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "admin" }, () => listDevices()),
  POST: route({ auth: "admin", body: pairDeviceInput }, async ({ body }) => created(await pairDevice(body))),
});

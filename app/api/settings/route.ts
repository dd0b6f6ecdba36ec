import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { updateSettingsInput } from "@/lib/settings/schemas";
import { getSettings, updateSettings } from "@/lib/settings/service";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user" }, () => getSettings()),
  PATCH: route({ auth: "admin", body: updateSettingsInput }, ({ body }) => updateSettings(body)),
});

import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { panelExtendInput } from "@/lib/panel/schemas";
import { extendPanelMeeting } from "@/lib/panel/service";

// ext panel extend.
export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  POST: route({ auth: "user-or-device", body: panelExtendInput }, ({ principal, params, body }) =>
    extendPanelMeeting(principal, params.meetingId, body.minutes),
  ),
});

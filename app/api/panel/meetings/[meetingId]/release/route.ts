import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { releasePanelMeeting } from "@/lib/panel/service";

// ext release ("nobody is coming").
export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  POST: route({ auth: "user-or-device" }, ({ principal, params }) => releasePanelMeeting(principal, params.meetingId)),
});

import { Reply } from "@/lib/http/envelope";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { endPanelMeeting } from "@/lib/panel/service";

// CONTRACT 4.3.
export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  POST: route({ auth: "user-or-device" }, async ({ principal, params }) =>
    new Reply(await endPanelMeeting(principal, params.meetingId), 200, "Meeting ended"),
  ),
});

import { endMeeting } from "@/lib/lifecycle/service";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  POST: route({ auth: "user" }, ({ principal, params }) => endMeeting(principal, params.bookingId)),
});

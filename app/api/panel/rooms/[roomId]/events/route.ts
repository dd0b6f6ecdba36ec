import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { openRoomEvents } from "@/lib/panel/service";

// CONTRACT 4.4: server-sent events; EventSource cannot send headers, so `?token=` is accepted too.
export const dynamic = "force-dynamic";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user-or-device", tokenInQuery: true }, ({ principal, params, req }) => openRoomEvents(principal, params.roomId, req)),
});

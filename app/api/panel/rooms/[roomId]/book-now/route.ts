import { created } from "@/lib/http/envelope";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { bookNowInput } from "@/lib/panel/schemas";
import { bookNow } from "@/lib/panel/service";

// ext book-now.
export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  POST: route({ auth: "user-or-device", body: bookNowInput }, async ({ principal, params, body }) =>
    created(await bookNow(principal, params.roomId, body.durationMinutes)),
  ),
});

import { bookingCalendarFile } from "@/lib/bookings/service";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "user-or-device" }, async ({ principal, params }) => {
    const { fileName, ics } = await bookingCalendarFile(principal, params.bookingId);
    return new Response(ics, {
      status: 200,
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "private, no-store",
      },
    });
  }),
});

import { exportQuery } from "@/lib/analytics/schemas";
import { exportReport } from "@/lib/analytics/service";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "admin", query: exportQuery }, async ({ principal, query }) => {
    const file = await exportReport(principal, query);
    return new Response(file.body as BodyInit, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
      },
    });
  }),
});

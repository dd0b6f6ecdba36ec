import { analyticsQuery } from "@/lib/analytics/schemas";
import { getKpis } from "@/lib/analytics/service";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "admin", query: analyticsQuery }, ({ principal, query }) => getKpis(principal, query)),
});

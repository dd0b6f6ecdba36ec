import { trendsQuery } from "@/lib/analytics/schemas";
import { getTrends } from "@/lib/analytics/service";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "admin", query: trendsQuery }, ({ principal, query }) => getTrends(principal, query)),
});

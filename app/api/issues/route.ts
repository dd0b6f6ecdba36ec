import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { listIssuesQuery } from "@/lib/panel/schemas";
import { listIssueReports } from "@/lib/panel/service";

// ext issue reports (admins).
export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "admin", query: listIssuesQuery }, ({ query }) => listIssueReports(query)),
});

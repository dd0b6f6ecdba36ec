import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { setIssueStatusInput } from "@/lib/panel/schemas";
import { setIssueStatus } from "@/lib/panel/service";

// ext resolve or reopen an issue report (admins).
export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  PATCH: route({ auth: "admin", body: setIssueStatusInput }, ({ principal, params, body }) => setIssueStatus(principal, params.id, body.status)),
});

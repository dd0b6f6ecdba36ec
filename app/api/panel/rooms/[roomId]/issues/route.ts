import { created } from "@/lib/http/envelope";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { reportIssueInput } from "@/lib/panel/schemas";
import { reportIssue } from "@/lib/panel/service";

// ext issue reports from the panel.
export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  POST: route({ auth: "user-or-device", body: reportIssueInput }, async ({ principal, params, body }) =>
    created(await reportIssue(principal, params.roomId, body)),
  ),
});

import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { docsPage } from "@/lib/openapi/docs";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "public" }, async ({ req }) => docsPage(req)),
});

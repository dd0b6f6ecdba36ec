import { json } from "@/lib/http/envelope";
import { methods } from "@/lib/http/methods";
import { route } from "@/lib/http/route";
import { openApiDocument } from "@/lib/openapi/document";

export const { GET, PUT, PATCH, DELETE, POST, OPTIONS } = methods({
  GET: route({ auth: "public" }, async () => json(openApiDocument(), 200, { "cache-control": "public, max-age=300" })),
});

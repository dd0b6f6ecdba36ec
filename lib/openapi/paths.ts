import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { operation } from "./operation";

/** CONTRACT §6: the reference describes itself, so that the route-coverage test holds for its own routes too. */
export const openapiPaths: ZodOpenApiPathsObject = {
  "/api/openapi.json": {
    get: operation({
      id: "getOpenApiDocument",
      summary: "This OpenAPI 3.1 document",
      description: "Generated from the same zod schemas the handlers validate with. Not wrapped in the envelope.",
      tags: ["Reference"],
      auth: "public",
      success: {
        description: "The document.",
        content: { "application/json": { schema: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }) } },
      },
    }),
  },
  "/api/docs": {
    get: operation({
      id: "getApiDocs",
      summary: "The API reference as a web page",
      description: "Swagger UI rendering /api/openapi.json; every asset is served by this server (works offline).",
      tags: ["Reference"],
      auth: "public",
      success: { description: "An HTML page.", content: { "text/html": { schema: z.string() } } },
    }),
  },
};

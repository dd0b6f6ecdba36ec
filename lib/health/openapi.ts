import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorEnvelope, operation } from "@/lib/openapi/operation";
import { health } from "./schemas";

/** CONTRACT §6: the health check for load balancers and monitors. */
export const healthPaths: ZodOpenApiPathsObject = {
  "/api/health": {
    get: operation({
      id: "getHealth",
      summary: "Is the service and its database up?",
      tags: ["Health"],
      auth: "public",
      success: { description: "Up.", data: health, example: { status: "ok", database: "ok" } },
      responses: {
        "503": {
          description: "The database is unreachable; the error envelope carries the health as `data`.",
          content: {
            "application/json": {
              schema: errorEnvelope.extend({ data: health }),
              example: { success: false, message: "The database is unreachable", code: "service_unavailable", data: { status: "degraded", database: "unreachable" } },
            },
          },
        },
      },
    }),
  },
};

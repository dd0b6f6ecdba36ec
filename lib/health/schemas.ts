import { z } from "zod";

/** CONTRACT §6 health: `database` is "unreachable" when it does not answer within 3 s. */
export const health = z
  .object({ status: z.enum(["ok", "degraded"]), database: z.enum(["ok", "unreachable"]) })
  .meta({ id: "Health", example: { status: "ok", database: "ok" } });
export type Health = z.infer<typeof health>;

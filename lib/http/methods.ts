import { DomainError } from "@/lib/errors";
import { ALL_METHODS, corsHeaders, preflight } from "./cors";
import { errorResponse } from "./envelope";
import type { Handler } from "./route";

type Method = (typeof ALL_METHODS)[number];

/** The 405 fillers, so that tools (the OpenAPI coverage test) can tell a route's real methods from the rest. */
const notAllowedHandlers = new WeakSet<Handler>();

/** True when `handler` is the 405 answer `methods()` put in place of a method the route does not have. */
export function isMethodNotAllowed(handler: unknown): boolean {
  return typeof handler === "function" && notAllowedHandlers.has(handler as Handler);
}
type MethodTable = Record<Method | "OPTIONS", Handler>;

/**
 * Fills in every HTTP method of a route file: the given ones, OPTIONS (CORS preflight) and a 405 with `Allow`
 * for the rest, so that `export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({ GET, POST })`.
 */
export function methods(handlers: Partial<Record<Method, Handler>>): MethodTable {
  const allow = ALL_METHODS.filter((m) => handlers[m]);
  const allowHeader = [...allow, ...(allow.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed: Handler = async (req) => {
    const response = errorResponse(
      new DomainError(`Method ${req.method} is not allowed here`, 405, "method_not_allowed"),
      { allow: allowHeader, ...corsHeaders(req) },
    );
    return response;
  };
  notAllowedHandlers.add(notAllowed);
  const table: Partial<MethodTable> = { OPTIONS: async (req: Request) => preflight(req, allow) };
  for (const m of ALL_METHODS) table[m] = handlers[m] ?? notAllowed;
  return table as MethodTable;
}

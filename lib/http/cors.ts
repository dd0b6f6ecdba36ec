import { env } from "@/lib/env";

export const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** CONTRACT §0: only origins listed in CORS_ALLOWED_ORIGINS get CORS headers. */
export function corsHeaders(req: Request): Record<string, string> {
  const origin = req.headers.get("origin");
  if (!origin || !isAllowedOrigin(origin)) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-expose-headers": "Retry-After, Content-Disposition",
    vary: "Origin",
  };
}

export function isAllowedOrigin(origin: string): boolean {
  return env.CORS_ALLOWED_ORIGINS.includes("*") || env.CORS_ALLOWED_ORIGINS.includes(origin);
}

export function preflight(req: Request, allow: string[]): Response {
  const headers: Record<string, string> = { allow: [...allow, "OPTIONS"].join(", "), ...corsHeaders(req) };
  if (headers["access-control-allow-origin"]) {
    headers["access-control-allow-methods"] = [...allow, "OPTIONS"].join(", ");
    headers["access-control-allow-headers"] =
      req.headers.get("access-control-request-headers") ?? "Authorization, Content-Type";
    headers["access-control-max-age"] = "600";
  }
  return new Response(null, { status: 204, headers });
}

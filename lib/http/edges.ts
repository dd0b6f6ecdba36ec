import { stringifyBody } from "./envelope";
import { API_POLICY, commonSecurityHeaders } from "./security-headers";

/** Every method an API path may answer; anything else (TRACE, unknown names) is a 405. */
export const API_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** A complete answer, written straight to the socket's response. */
export interface EdgeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Whether a raw request path (before decoding) is under /api. */
export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/") || path.startsWith("/api?");
}

/** The security headers of every API answer (issue 10 point 11): JSON is never rendered, so the policy allows nothing. */
export function apiSecurityHeaders(https: boolean): Record<string, string> {
  return { "content-security-policy": API_POLICY, ...commonSecurityHeaders(https) };
}

/**
 * Issue 10 point 10: the API requests Next.js would answer itself — with a plain-text 500 (bad percent-escape,
 * TRACE), an empty 400 (unknown methods), the HTML 404 page (`/api`, `/api/`) or a 308 (`/api//bookings`) — answered
 * with the JSON envelope of CONTRACT §0 instead: 404, or 405 with `Allow`. `url` is the raw request target, still
 * percent-encoded. `null`: the request goes on to its route. Called by the server hook (lib/http/node-server.ts)
 * before Next.js routes the request, whatever its body.
 */
export function apiEdgeAnswer(method: string, url: string): EdgeAnswer | null {
  const path = url.split("?")[0];
  if (!(API_METHODS as readonly string[]).includes(method)) {
    return answer(405, { success: false, message: `Method ${method.slice(0, 20)} is not allowed here`, code: "method_not_allowed" }, { allow: API_METHODS.join(", ") });
  }
  if (path === "/api" || path === "/api/" || path.includes("//") || !isWellEncoded(path)) {
    return answer(404, { success: false, message: "No such endpoint", code: "not_found" });
  }
  return null;
}

function answer(status: number, body: object, headers: Record<string, string> = {}): EdgeAnswer {
  return { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers }, body: stringifyBody(body) };
}

function isWellEncoded(path: string): boolean {
  try {
    const decoded = decodeURIComponent(path);
    return decoded.isWellFormed() && !/[\u0000-\u001F\u007F]/.test(decoded);
  } catch {
    return false;
  }
}

import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { commonSecurityHeaders, newNonce, pagePolicy } from "@/lib/http/security-headers";

const https = env.APP_URL.startsWith("https:");
const development = env.NODE_ENV === "development";

/**
 * Next.js 16 proxy (formerly middleware), run before every page (issue 10 point 11): a Content-Security-Policy
 * with a fresh nonce, passed to Next.js on the request's `content-security-policy` header (it puts the nonce on
 * its scripts) and as `x-nonce` for our own, plus the other security headers. The API is not matched: its headers
 * and edge answers are set before Next.js reads the request (lib/http/node-server.ts), since a proxy makes
 * Next.js read every request body whole.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = pagePolicy({ nonce, https, development });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  // The path asked for, for a layout that sends a signed-out visitor to sign in before its page streams (set here,
  // so a client cannot choose it).
  requestHeaders.set("x-request-path", request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  for (const [name, value] of Object.entries(commonSecurityHeaders(https))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: not the API (see above) nor the build's static files (next.config.ts gives those nosniff).
  matcher: ["/((?!api/|api$|_next/static|_next/image|favicon.ico).*)"],
};

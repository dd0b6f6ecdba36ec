/**
 * Issue 10 point 11: the security headers of every page and API answer, set once in `proxy.ts`.
 * Pages get a nonce-based Content-Security-Policy (Next.js puts the nonce on its own scripts when it finds the
 * policy on the request; 'strict-dynamic' lets those scripts load the app's chunks); API answers, which are JSON
 * and never rendered, get a policy that allows nothing.
 */

export interface SecurityOptions {
  /** Base64 nonce of this request (pages only). */
  nonce?: string;
  /** The app is served over https (APP_URL): HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** Development server: React's dev build needs eval. */
  development?: boolean;
}

/** The Content-Security-Policy of a page: scripts only by nonce, connections (EventSource, fetch) to our own origin. */
export function pagePolicy({ nonce, https, development }: SecurityOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Recharts and React write inline style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** The policy of an API answer (JSON): nothing may load or frame it. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The headers every answer carries, besides its Content-Security-Policy. */
export function commonSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
    ...(https ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** A fresh, unguessable nonce (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

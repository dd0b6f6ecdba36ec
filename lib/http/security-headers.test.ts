import { describe, expect, it } from "vitest";
import { apiSecurityHeaders } from "./edges";
import { commonSecurityHeaders, newNonce, pagePolicy } from "./security-headers";

describe("security headers (issue 10 point 11)", () => {
  it("sends HSTS only when APP_URL is https", () => {
    expect(commonSecurityHeaders(true)["strict-transport-security"]).toMatch(/^max-age=\d{8}/);
    expect(commonSecurityHeaders(false)["strict-transport-security"]).toBeUndefined();
    expect(commonSecurityHeaders(false)).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
    expect(apiSecurityHeaders(true)["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("gives pages a nonce policy that lets Next.js's scripts, EventSource, images and inline styles work", () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(nonce);
    const policy = pagePolicy({ nonce, https: true });
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).not.toContain("unsafe-eval");
    for (const part of ["connect-src 'self'", "img-src 'self' data: blob:", "style-src 'self' 'unsafe-inline'", "frame-ancestors 'none'", "object-src 'none'", "upgrade-insecure-requests"]) {
      expect(policy).toContain(part);
    }
    expect(pagePolicy({ nonce, https: false, development: true })).toContain("'unsafe-eval'");
  });
});

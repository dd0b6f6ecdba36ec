import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files (pdfkit its font metrics) that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "nodemailer", "pdfkit"],
  // CONTRACT §0: "/api/bookings/" is served like "/api/bookings", without a redirect.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // forbidden() answers a member on an /admin page with app/(app)/forbidden.tsx and status 403 (UI.md).
  experimental: { authInterrupts: true },
  // Pages and API answers get their security headers in proxy.ts; the build's static files get these.
  async headers() {
    return [{ source: "/_next/static/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] }];
  },
};

export default nextConfig;

import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "nodemailer"],
  // CONTRACT §0: "/api/bookings/" is served like "/api/bookings", without a redirect.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // forbidden() answers a member on an /admin page with app/(app)/forbidden.tsx and status 403 (UI.md).
  experimental: { authInterrupts: true },
};

export default nextConfig;

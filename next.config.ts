import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files (pdfkit its font metrics) that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "nodemailer", "pdfkit"],
  // CONTRACT §0: "/api/bookings/" is served like "/api/bookings", without a redirect.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
};

export default nextConfig;

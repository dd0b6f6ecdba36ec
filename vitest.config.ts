import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    setupFiles: ["tests/setup.ts"],
    // Files share one database when TEST_DATABASE_URL is set; each file starts from a clean one.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: {
      NODE_ENV: "test",
      // Tests use the real database: PostgreSQL at TEST_DATABASE_URL, else an in-memory PGlite per file.
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? "",
      PGLITE_DATA_DIR: "memory://",
      // A cheaper scrypt cost keeps the suite fast; production uses 2^17.
      SCRYPT_LOG2_N: "12",
      DISABLE_SWEEP: "true",
      CORS_ALLOWED_ORIGINS: "https://client.example.com",
      SMTP_URL: "",
    },
  },
});

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const embedded = !process.env.TEST_DATABASE_URL;

/**
 * Where tests/global-setup.ts keeps the migrated PGlite image: a file in the system temp directory named after a hash
 * of every migration file and the PGlite version, so a changed migration gets a new image and an unchanged one is
 * reused by the next run.
 */
function pgliteImagePath(): string {
  const hash = crypto.createHash("sha256");
  hash.update(fs.readFileSync(path.join(import.meta.dirname, "node_modules/@electric-sql/pglite/package.json")));
  const folder = path.join(import.meta.dirname, "db", "migrations");
  for (const file of fs.readdirSync(folder, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(folder, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  return path.join(os.tmpdir(), `circle-time-pglite-${hash.digest("hex").slice(0, 16)}.tar`);
}

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    setupFiles: ["tests/setup.ts"],
    // Migrates one PGlite per run and dumps it; each file's in-memory database loads that image (embedded only).
    globalSetup: ["tests/global-setup.ts"],
    // Files share one database when TEST_DATABASE_URL is set, so they run one after another, each starting from a
    // clean one. On the embedded database every file has its own in-memory PGlite: one file per core at once.
    fileParallelism: embedded,
    maxWorkers: embedded ? Math.max(os.availableParallelism(), 2) : 1,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: {
      NODE_ENV: "test",
      // Tests use the real database: PostgreSQL at TEST_DATABASE_URL, else an in-memory PGlite per file.
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? "",
      PGLITE_DATA_DIR: "memory://",
      PGLITE_IMAGE: embedded ? pgliteImagePath() : "",
      // A cheaper scrypt cost keeps the suite fast; production uses 2^17.
      SCRYPT_LOG2_N: "12",
      DISABLE_SWEEP: "true",
      CORS_ALLOWED_ORIGINS: "https://client.example.com",
      SMTP_URL: "",
    },
  },
});

import fs from "node:fs";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// The server under test is a production build; build it first when there is none.
const build = fs.existsSync(".next/BUILD_ID") ? "" : "npx next build && ";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download is not available here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: `${build}npx tsx scripts/demo.ts --no-build`,
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    env: {
      PORT: String(port),
      // Its own database: E2E_DATABASE_URL (CI: a fresh PostgreSQL database), else an embedded one.
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      PGLITE_DATA_DIR: ".data/e2e-pglite",
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-e2e-only-secret-e2e-only",
      DISABLE_SWEEP: "false",
      // e2e/sweep.spec.ts waits for the sweep: every 5 s instead of every minute.
      SWEEP_INTERVAL_SECONDS: "5",
    },
  },
});

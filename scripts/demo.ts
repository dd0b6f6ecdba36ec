import "./load-env";
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { closeDb, getDb } from "@/db/client";
import { DEMO_ADMIN, DEMO_USER_PASSWORD, seedDemoData } from "@/db/seed";
import { env } from "@/lib/env";

/**
 * `npm run demo`: seeds the database (the embedded one unless DATABASE_URL is set), builds the app and serves it
 * on PORT (3000) through `npm start`'s launcher (scripts/start.mjs). Outside production a missing AUTH_SECRET is
 * generated once and kept in .data/ (lib/env.ts).
 */
async function main() {
  const report = await seedDemoData(await getDb());
  await closeDb(); // hand the embedded database over to the server process
  console.log(`Demo data: ${report.rooms} rooms, ${report.users} users, ${report.bookingsCreated} new bookings.`);

  const next = path.join(process.cwd(), "node_modules", ".bin", "next");
  // One server process unless WEB_CONCURRENCY says otherwise, also on PostgreSQL (the Playwright server in CI):
  // a demo needs no second core, and tests that act and then look get one process's view.
  const childEnv = { WEB_CONCURRENCY: "1", ...process.env, AUTH_SECRET: env.AUTH_SECRET, AUTH_TRUST_HOST: "true" };
  if (!process.argv.includes("--no-build")) {
    const build = spawnSync(next, ["build"], { stdio: "inherit", env: childEnv });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const port = process.env.PORT ?? "3000";
  console.log(`\nCircle Time: http://localhost:${port}`);
  console.log(`  Admin: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`);
  console.log(`  User:  ada.lovelace@circletime.dev / ${DEMO_USER_PASSWORD}\n`);
  // `npm start`'s launcher (scripts/start.mjs), with WEB_CONCURRENCY workers.
  const server = spawn(process.execPath, [path.join("scripts", "start.mjs"), "-p", port], { stdio: "inherit", env: childEnv });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await closeDb().catch(() => {});
  process.exit(1);
});

import "./load-env";
import { closeDb, getDb } from "@/db/client";
import { DEMO_ADMIN, DEMO_USER_PASSWORD, seedDemoData } from "@/db/seed";
import { env } from "@/lib/env";

/** `npm run db:seed`: demo data, safe to run again (it keeps what exists). */
async function main() {
  const started = Date.now();
  const report = await seedDemoData(await getDb());
  await closeDb();
  const where = env.DATABASE_URL ? "PostgreSQL" : `the embedded database (${env.PGLITE_DATA_DIR})`;
  console.log(
    `Seeded ${where} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${report.buildings} buildings, ` +
      `${report.rooms} rooms, ${report.users} users, ${report.bookingsCreated} new bookings` +
      (report.bookingsCreated === 0 ? " (bookings were already there)" : ""),
  );
  console.log(`\n  Demo admin:  ${DEMO_ADMIN.email}  /  ${DEMO_ADMIN.password}`);
  console.log(`  Demo users:  e.g. ada.lovelace@circletime.dev  /  ${DEMO_USER_PASSWORD}\n`);
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await closeDb().catch(() => {});
  process.exit(1);
});

import "./load-env";
import { closeDb, getHandle, migratePostgresWithLock } from "@/db/client";
import { env } from "@/lib/env";

/** `npm run db:migrate`: applies pending migrations (a deploy step for a real server). */
async function main() {
  if (env.DATABASE_URL) {
    await migratePostgresWithLock(env.DATABASE_URL);
    console.log("Migrations applied to", new URL(env.DATABASE_URL).pathname.slice(1) || "the database");
  } else {
    await getHandle(); // opening the embedded database applies its migrations
    await closeDb();
    console.log("Migrations applied to the embedded database at", env.PGLITE_DATA_DIR);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

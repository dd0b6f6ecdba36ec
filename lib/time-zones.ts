import { sql } from "drizzle-orm";
import { getDb, selectRows } from "@/db/client";
import { databaseTimeZonesKnown, rememberDatabaseTimeZones } from "@/lib/time";

let loading: Promise<void> | undefined;

/**
 * Loads PostgreSQL's time zone names once per process (a few ms) so that the shared time-zone type
 * (`isSupportedTimeZone` in lib/time.ts, issue 10 point 3) accepts only zones the database knows too. The route
 * wrapper awaits it before validating input. Server only.
 */
export function databaseTimeZonesReady(): Promise<void> {
  if (databaseTimeZonesKnown()) return Promise.resolve();
  loading ??= (async () => {
    const rows = await selectRows<{ name: string }>(await getDb(), sql`select name from pg_timezone_names`);
    rememberDatabaseTimeZones(rows.map((r) => r.name));
  })().finally(() => {
    loading = undefined;
  });
  return loading;
}

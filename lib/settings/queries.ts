import { eq, sql } from "drizzle-orm";
import { preparedPerExecutor, type Executor } from "@/db/client";
import { orgSettings, type SettingsRow } from "@/db/schema";

const settingsQuery = preparedPerExecutor((db) => db.select().from(orgSettings).where(eq(orgSettings.id, 1)).limit(1).prepare("settings"));

/** The settings row's version: its xmin, which every write of the row (an update, a delete and insert) moves. */
export const settingsVersion = sql<string | null>`(select xmin::text from org_settings where id = 1)`;

const versionedSettingsQuery = preparedPerExecutor((db) =>
  db
    .select({ row: orgSettings, version: sql<string>`${orgSettings}.xmin::text` })
    .from(orgSettings)
    .where(eq(orgSettings.id, 1))
    .limit(1)
    .prepare("settings_versioned"),
);

/** The settings row with its version (see `settingsVersion`); null when the row is missing. */
export async function readVersionedSettings(db: Executor): Promise<{ row: SettingsRow; version: string } | null> {
  const [found] = await versionedSettingsQuery(db).execute();
  return found ?? null;
}

export async function readSettings(db: Executor): Promise<SettingsRow> {
  const [row] = await settingsQuery(db).execute();
  if (row) return row;
  // The migration inserts the row; this keeps a hand-cleared table working.
  const [inserted] = await db.insert(orgSettings).values({ id: 1 }).onConflictDoNothing().returning();
  return inserted ?? (await readSettings(db));
}

export async function writeSettings(db: Executor, values: Partial<typeof orgSettings.$inferInsert>): Promise<SettingsRow> {
  const [row] = await db
    .update(orgSettings)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(orgSettings.id, 1))
    .returning();
  return row;
}

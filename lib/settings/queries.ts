import { eq, sql } from "drizzle-orm";
import { preparedPerExecutor, type Executor } from "@/db/client";
import { orgSettings, type SettingsRow } from "@/db/schema";

const settingsQuery = preparedPerExecutor((db) => db.select().from(orgSettings).where(eq(orgSettings.id, 1)).limit(1).prepare("settings"));

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

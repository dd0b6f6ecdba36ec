import fs from "node:fs";
import path from "node:path";

const MIGRATIONS_FOLDER = path.join(import.meta.dirname, "..", "db", "migrations");

/**
 * Writes the image at `file` (its name, chosen in vitest.config.ts, carries a hash of the migrations) unless it
 * exists: a fresh in-memory PGlite with btree_gist, every migration applied, dumped with `dumpDataDir`. Written to a
 * temporary name and renamed, so concurrent runs never read half a file.
 */
export async function ensurePgliteImage(file: string): Promise<void> {
  if (fs.existsSync(file)) return;
  const { PGlite } = await import("@electric-sql/pglite");
  const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = new PGlite({ extensions: { btree_gist } });
  try {
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    const dump = await client.dumpDataDir("none");
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
  } finally {
    await client.close();
  }
}

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDirectoryLock } from "./client";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("the embedded database directory lock", () => {
  it("refuses a directory held by another live process, naming it", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ct-lock-"));
    dirs.push(root);
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    try {
      fs.writeFileSync(path.join(root, "pglite.lock"), String(other.pid));
      expect(() => acquireDirectoryLock(path.join(root, "pglite"))).toThrow(new RegExp(`in use by process ${other.pid}`));
    } finally {
      other.kill();
    }
  });

  it("takes over a stale lock left by a process that is gone, and releases it", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ct-lock-"));
    dirs.push(root);
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.on("exit", resolve));
    fs.writeFileSync(path.join(root, "pglite.lock"), String(gone.pid));
    const release = acquireDirectoryLock(path.join(root, "pglite"));
    expect(fs.readFileSync(path.join(root, "pglite.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(root, "pglite.lock"))).toBe(false);
  });
});

describe("queries on a PostgreSQL server", () => {
  it.runIf(process.env.DATABASE_URL)("are prepared once per connection, also inside transactions", async () => {
    const { sql } = await import("drizzle-orm");
    const { getDb, selectRows } = await import("./client");
    const { orgSettings } = await import("./schema");
    const db = await getDb();
    const prepared = await db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await tx.select({ id: orgSettings.id }).from(orgSettings).where(sql`${orgSettings.id} = ${1}`);
      // On the same connection: that connection's prepared statements (the pattern is a parameter, so that this
      // statement, prepared too, does not match itself).
      return selectRows<{ statement: string }>(tx, sql`select statement from pg_prepared_statements where statement like ${'%from "org_settings"%'}`);
    });
    expect(prepared).toHaveLength(1);
  });
});

describe("preparedPerExecutor", () => {
  it("builds a query once per executor: the database handle's is reused, a transaction gets its own", async () => {
    const { getDb, preparedPerExecutor } = await import("./client");
    const { orgSettings } = await import("./schema");
    const { eq } = await import("drizzle-orm");
    let builds = 0;
    const settingsId = preparedPerExecutor((db) => {
      builds++;
      return db.select({ id: orgSettings.id }).from(orgSettings).where(eq(orgSettings.id, 1)).prepare("probe");
    });
    const db = await getDb();
    expect(await settingsId(db).execute()).toEqual([{ id: 1 }]);
    expect(await settingsId(db).execute()).toEqual([{ id: 1 }]);
    expect(builds).toBe(1);
    await db.transaction(async (tx) => {
      expect(await settingsId(tx).execute()).toEqual([{ id: 1 }]);
    });
    expect(builds).toBe(2);
  });
});

import fs from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
// Arbitrary constant shared by every instance: serialises migrations on a real server.
const MIGRATION_LOCK_ID = 724_311_902;

interface Handle {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  listen: Listen;
}

/**
 * LISTENs on `channel` and calls `onMessage` with each payload; `onListen` runs once listening (and, on
 * PostgreSQL, again after every reconnection, when messages may have been missed). Resolves to the function that
 * stops listening. On PostgreSQL every channel of the process shares one session of its own (`DATABASE_LISTEN_URL`,
 * default `DATABASE_URL`); PGlite listens on its one.
 */
export type Listen = (channel: string, onMessage: (payload: string) => void, onListen?: () => void) => Promise<() => Promise<void>>;

/** `Listen` on the process's database (see `Listen`). */
export async function listen(channel: string, onMessage: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>> {
  return (await getHandle()).listen(channel, onMessage, onListen);
}

// One instance per process, kept on globalThis so hot reload and Next's separate module layers share it.
const globalForDb = globalThis as unknown as { __circleTimeDb?: Promise<Handle> };

export function getDb(): Promise<Db> {
  return getHandle().then((h) => h.db);
}

export function getHandle(): Promise<Handle> {
  if (!globalForDb.__circleTimeDb) {
    const opening = env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(env.PGLITE_DATA_DIR);
    globalForDb.__circleTimeDb = opening;
    // A failed open must not be cached forever: the next caller tries again.
    opening.catch(() => {
      if (globalForDb.__circleTimeDb === opening) globalForDb.__circleTimeDb = undefined;
    });
  }
  return globalForDb.__circleTimeDb;
}

export async function closeDb(): Promise<void> {
  const opening = globalForDb.__circleTimeDb;
  globalForDb.__circleTimeDb = undefined;
  if (opening) await (await opening).close();
}

async function openPostgres(url: string): Promise<Handle> {
  if (env.MIGRATE_ON_START) await migratePostgresWithLock(url);
  const client = postgres(url, { max: env.DATABASE_POOL_SIZE, onnotice: () => {} });
  // Statements are reported to onQuery listeners by postgres.js itself (its `debug` hook, set only while someone
  // listens): it also sees the begin, savepoint and commit of transactions, which drizzle's logger does not.
  watchedClients.add(client.options);
  const db = drizzlePostgres({ client: env.DATABASE_PREPARED_STATEMENTS ? preparingStatements(client) : client, schema });
  const session = listenSession(env.DATABASE_LISTEN_URL ?? url);
  return {
    db,
    kind: "postgres",
    listen: session.listen,
    close: async () => {
      watchedClients.delete(client.options);
      await session.close();
      await client.end({ timeout: 5 });
    },
  };
}

const LISTEN_RETRY_MAX_MS = 5_000;

/**
 * The process's one LISTEN session on PostgreSQL (DOMAIN §6), on a connection of its own: a pooler in transaction
 * mode cannot hold one, hence DATABASE_LISTEN_URL. Every channel shares it. postgres.js's own `listen` re-listens
 * after a drop only once and gives up silently when the server is still away, so this retries with a growing pause
 * until it listens again on every channel, then calls each `onListen` so that its user catches up on what it missed.
 */
function listenSession(url: string): { listen: Listen; close: () => Promise<void> } {
  type Subscriber = { onMessage: (payload: string) => void; onListen?: () => void };
  const channels = new Map<string, { subscribers: Set<Subscriber>; ready: Promise<void> }>();
  let conn: postgres.Sql | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let delay = 100;
  const quote = (channel: string) => `"${channel.replace(/"/g, '""')}"`;
  const connection = () =>
    (conn ??= postgres(url, {
      max: 1,
      idle_timeout: null,
      max_lifetime: null,
      fetch_types: false,
      onnotice: () => {},
      connection: { application_name: "circle-time-listen" },
      // Read by postgres.js (src/connection.js) for every NotificationResponse, though its types leave it out.
      onnotify: (channel: string, payload: string) => {
        for (const s of channels.get(channel)?.subscribers ?? []) s.onMessage(payload);
      },
      onclose: () => {
        if (!closed) scheduleRelisten();
      },
    } as unknown as postgres.Options<Record<string, never>>));

  async function relistenAll() {
    const names = [...channels.keys()];
    if (names.length) await connection().unsafe(names.map((c) => `listen ${quote(c)}`).join("; "));
    delay = 100;
    for (const { subscribers } of channels.values()) for (const s of subscribers) s.onListen?.();
  }

  function scheduleRelisten() {
    if (retryTimer || closed) return;
    retryTimer = setTimeout(async () => {
      retryTimer = undefined;
      try {
        await relistenAll();
      } catch (err) {
        console.warn(`[realtime] LISTEN failed (${(err as Error).message}); retrying in ${delay} ms`);
        delay = Math.min(delay * 2, LISTEN_RETRY_MAX_MS);
        scheduleRelisten();
      }
    }, delay);
    retryTimer.unref();
  }

  const listen: Listen = async (channel, onMessage, onListen) => {
    let entry = channels.get(channel);
    if (!entry) {
      entry = {
        subscribers: new Set(),
        ready: connection()
          .unsafe(`listen ${quote(channel)}`)
          .then(() => undefined)
          .catch((err) => {
            // The server may be away at start-up too: keep trying, as after a drop (onListen then runs).
            console.warn(`[realtime] LISTEN ${channel} failed (${(err as Error).message}); retrying`);
            scheduleRelisten();
          }),
      };
      channels.set(channel, entry);
    }
    const subscriber: Subscriber = { onMessage, onListen };
    entry.subscribers.add(subscriber);
    await entry.ready;
    if (!retryTimer) onListen?.();
    const joined = entry;
    return async () => {
      joined.subscribers.delete(subscriber);
      if (joined.subscribers.size > 0 || channels.get(channel) !== joined) return;
      channels.delete(channel);
      await conn?.unsafe(`unlisten ${quote(channel)}`).catch(() => {});
    };
  };

  return {
    listen,
    close: async () => {
      closed = true;
      clearTimeout(retryTimer);
      await conn?.end({ timeout: 1 });
    },
  };
}

type QueryListener = (query: string, params: unknown[]) => void;
const queryListeners = new Set<QueryListener>();
const emitQuery = (query: string, params: unknown[]) => {
  for (const listener of queryListeners) listener(query, params);
};
const queryLog = { logQuery: emitQuery };
/** The options of open postgres.js clients: `debug` is their per-statement hook, on only while listened to. */
const watchedClients = new Set<{ debug?: unknown }>();
const postgresDebug = (_connection: number, query: string, params: unknown[]) => emitQuery(query, params);

/**
 * Calls `listener` with the SQL and parameters of every statement the app's database handle sends, until the
 * returned function is called, transactions' own included (`begin`, `savepoint …`, `commit`): how tests prove
 * that a page or a write costs a fixed number of round trips, and look at the plans of the statements a service
 * really sends.
 */
export function onQuery(listener: QueryListener): () => void {
  queryListeners.add(listener);
  for (const options of watchedClients) options.debug = postgresDebug;
  return () => {
    queryListeners.delete(listener);
    // Off again when nobody listens: postgres.js also attaches query and parameters to its errors while it is on.
    if (queryListeners.size === 0) for (const options of watchedClients) options.debug = undefined;
  };
}

/**
 * Drizzle runs every query through postgres.js's `unsafe(…, { prepare: false })` (drizzle-orm issue #6096), so
 * PostgreSQL parsed and planned each query anew: for the rooms list, planning took as long as running it.
 * This view of the client prepares them instead: postgres.js keeps one named statement per query text and
 * connection (our query texts are a bounded set; connections are recycled after 30–60 minutes), also inside
 * transactions and savepoints, queries without parameters included (one statement per call, as drizzle sends).
 * DATABASE_PREPARED_STATEMENTS=false turns it off, for a pooler in transaction mode (PgBouncer < 1.21).
 */
export function preparingStatements<T extends postgres.Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop) {
      if (prop === "unsafe") {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          // `simple` is read by postgres.js (src/index.js, unsafe) though its types leave it out.
          target.unsafe(query, params, { ...options, prepare: true, simple: false } as postgres.UnsafeQueryOptions);
      }
      if (prop === "begin" || prop === "savepoint") {
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.Sql) => unknown;
          const method = Reflect.get(target, prop, target) as (...a: unknown[]) => unknown;
          return method.call(target, ...args, (tx: postgres.Sql) => work(preparingStatements(tx)));
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Applies pending migrations on a real server, under an advisory lock so that instances starting together do not race. */
export async function migratePostgresWithLock(url: string): Promise<void> {
  const conn = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await conn`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    try {
      await migratePostgres(drizzlePostgres({ client: conn }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await conn`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
    }
  } finally {
    await conn.end({ timeout: 5 });
  }
}

async function openPglite(dataDir: string): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
  const { drizzle: drizzlePglite } = await import("drizzle-orm/pglite");
  const { migrate: migratePglite } = await import("drizzle-orm/pglite/migrator");

  const inMemory = dataDir.startsWith("memory://");
  const release = inMemory ? () => {} : acquireDirectoryLock(dataDir);
  try {
    // A new database (in memory, or a directory that holds none yet) may start from a migrated image (env
    // PGLITE_IMAGE, written by the test setup) instead of initdb; the migrator below then finds nothing left to do.
    const fresh = inMemory || !fs.existsSync(path.join(dataDir, "PG_VERSION"));
    const image = fresh && env.PGLITE_IMAGE ? new Blob([fs.readFileSync(env.PGLITE_IMAGE)]) : undefined;
    const client = new PGlite({ dataDir: inMemory ? undefined : dataDir, extensions: { btree_gist }, loadDataDir: image });
    await client.waitReady;
    // drizzle's logger reports PGlite's statements, savepoints included; the transactions' begin and commit are
    // sent by PGlite itself, so they are reported here.
    const transaction = client.transaction.bind(client);
    client.transaction = async (work) => {
      emitQuery("begin", []);
      try {
        const result = await transaction(work);
        emitQuery("commit", []);
        return result;
      } catch (err) {
        emitQuery("rollback", []);
        throw err;
      }
    };
    const db = drizzlePglite({ client, schema, logger: queryLog });
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const listenOn: Listen = async (channel, onMessage, onListen) => {
      const unlisten = await client.listen(channel, onMessage);
      onListen?.();
      return unlisten;
    };
    return {
      db: db as unknown as Db,
      kind: "pglite",
      listen: listenOn,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * PGlite has no cross-process lock and two processes on one directory corrupt it,
 * so the first process to open a directory owns it until it exits.
 */
export function acquireDirectoryLock(dataDir: string): () => void {
  const absolute = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  const lockPath = `${absolute}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(fs.readFileSync(lockPath, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The embedded database at ${absolute} is in use by process ${owner}. ` +
            `Stop that process first (PGlite cannot be shared between processes), ` +
            `or set PGLITE_DATA_DIR to another directory, or DATABASE_URL to a PostgreSQL server.`,
        );
      }
      // The owner is gone (or it is us after a hot reload): the lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database at ${absolute}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The SQLSTATE of a database error, looking through Drizzle's wrapper (`err.cause`). */
export function sqlState(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * What may be logged about an error: its class, SQLSTATE and constraint for a database error, never its message
 * (Drizzle's carries the SQL and every parameter: password hashes, tokens, personal data). Other errors keep their
 * class and message (our own code wrote those).
 */
export function describeError(err: unknown): string {
  const state = sqlState(err);
  const name = err instanceof Error ? err.name : typeof err;
  if (state) {
    const constraint = violatedConstraint(err);
    return `${name} sqlstate=${state}${constraint ? ` constraint=${constraint}` : ""}`;
  }
  return err instanceof Error ? `${name}: ${err.message}` : `${name}: ${String(err).slice(0, 200)}`;
}

/** The constraint name of a database error, looking through Drizzle's wrapper. */
export function violatedConstraint(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const c = current as { constraint?: unknown; constraint_name?: unknown };
    const name = c.constraint_name ?? c.constraint;
    if (typeof name === "string") return name;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A json column's value: postgres.js and PGlite hand it over parsed, a driver that does not as text. */
export function jsonValue<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/**
 * A query whose SQL text is built once per executor instead of on every call (`build` returns drizzle's prepared
 * query, `.prepare(name)`, its values `sql.placeholder`s filled in by `execute`): drizzle turns a select with
 * joins into text in 0.1–0.2 ms of CPU, as long as PostgreSQL takes to run it, and the hot reads (a room's day,
 * the room and settings of a new booking) paid that on every request. The process's database handle lives as long
 * as the process; a transaction gets its own (built once for it, as before).
 */
export function preparedPerExecutor<T>(build: (db: Executor) => T): (db: Executor) => T {
  const built = new WeakMap<Executor, T>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}

/** Rows of a raw SQL query, alike on postgres.js (an array) and PGlite (`{ rows }`). */
export async function selectRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Runs `work` (a whole transaction) again when PostgreSQL aborted it as a deadlock or serialization victim.
 * Concurrent writers racing on one exclusion constraint can wait on each other; PostgreSQL then aborts one,
 * and running it again gives the right answer (usually a clean 23P01 conflict).
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const state = sqlState(err);
      if (attempt >= attempts || (state !== "40P01" && state !== "40001")) throw err;
      console.warn(`Transaction aborted by PostgreSQL (${state === "40P01" ? "deadlock" : "serialization failure"}); retrying, attempt ${attempt + 1} of ${attempts}`);
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
    }
  }
}

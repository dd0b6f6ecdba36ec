// @ts-check
/**
 * `npm start`: the production server on every core. A `node:cluster` primary forks WEB_CONCURRENCY workers; each
 * worker runs `next start`'s own command-line entry (node_modules/next/dist/bin/next start …), so every option and
 * behaviour of `next start` is kept (PORT / -p, -H, --keepAliveTimeout, --experimental-cpu-prof, signals). The
 * workers share the listening socket (the primary hands connections out round-robin) and each opens its own
 * database pool of DATABASE_POOL_SIZE connections. A worker that dies is forked again; one that keeps dying right
 * after start-up stops the server instead of looping. Plain JavaScript: it runs before anything is compiled, on a
 * production install without the TypeScript tooling.
 *
 * WEB_CONCURRENCY: number of workers; default the number of cores with DATABASE_URL, 1 on the embedded database
 * (PGlite: one process per data directory), which refuses more than 1.
 */
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** A worker that exits sooner than this after its start counts as a start-up failure. */
const EARLY_EXIT_MS = 10_000;
/** This many start-up failures in a row stop the server (the configuration is wrong, restarting cannot help). */
const MAX_EARLY_EXITS = 5;

/**
 * How many workers to run (DOMAIN-free deployment rule, README "Sizing the server"): WEB_CONCURRENCY when set
 * (a positive integer), else the number of cores with DATABASE_URL and 1 on the embedded database.
 * @param {{ WEB_CONCURRENCY?: string, DATABASE_URL?: string }} env
 * @param {number} cores
 * @returns {number}
 * @throws {Error} on a WEB_CONCURRENCY that is not a positive integer, or above 1 on the embedded database
 */
export function workerCount(env, cores) {
  const embedded = !env.DATABASE_URL;
  const raw = (env.WEB_CONCURRENCY ?? "").trim();
  if (raw === "") return embedded ? 1 : Math.max(1, cores);
  if (!/^[1-9][0-9]*$/.test(raw)) throw new Error(`WEB_CONCURRENCY must be a positive integer, not "${raw}"`);
  const count = Number(raw);
  if (embedded && count > 1) {
    throw new Error(
      `WEB_CONCURRENCY=${count} needs DATABASE_URL: the embedded database (PGlite) can be opened by one process only. ` +
        `Set DATABASE_URL to a PostgreSQL server, or WEB_CONCURRENCY=1.`,
    );
  }
  return count;
}

/**
 * Runs `count` cluster workers executing `exec` with `args`, forks a replacement when one dies (not while
 * shutting down), forwards SIGINT/SIGTERM to the workers and exits once they are gone. Each worker gets
 * WORKER_INDEX (1…count; a replacement keeps the index of the worker it replaces).
 * @param {{ exec: string, args: string[], count: number, log?: (line: string) => void }} options
 * @returns {{ stop: (signal?: NodeJS.Signals) => Promise<void> }}
 */
export function startCluster({ exec, args, count, log = (line) => console.log(line) }) {
  cluster.setupPrimary({ exec, args });
  let stopping = false;
  let earlyExits = 0;
  /** @type {Map<number, { index: number, startedAt: number }>} worker id → slot */
  const slots = new Map();

  const fork = (/** @type {number} */ index) => {
    const worker = cluster.fork({ WORKER_INDEX: String(index), WEB_CONCURRENCY: String(count) });
    slots.set(worker.id, { index, startedAt: Date.now() });
  };

  cluster.on("exit", (worker, code, signal) => {
    const slot = slots.get(worker.id);
    slots.delete(worker.id);
    if (stopping || !slot) {
      if (slots.size === 0) process.exit(0);
      return;
    }
    const early = Date.now() - slot.startedAt < EARLY_EXIT_MS;
    earlyExits = early ? earlyExits + 1 : 0;
    log(`[cluster] worker ${slot.index} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); starting a new one`);
    if (earlyExits >= MAX_EARLY_EXITS) {
      log(`[cluster] ${earlyExits} workers in a row died within ${EARLY_EXIT_MS / 1000} s of starting; stopping`);
      void stop("SIGTERM").then(() => process.exit(1));
      return;
    }
    // A short pause after a start-up failure, so a broken configuration does not spin a core.
    setTimeout(() => fork(slot.index), early ? 1000 * earlyExits : 0);
  });

  /** @param {NodeJS.Signals} [signal] */
  const stop = (signal = "SIGTERM") => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      let left = workers.length;
      for (const worker of workers) {
        worker?.once("exit", () => {
          if (--left === 0) resolve(undefined);
        });
        worker?.process.kill(signal);
      }
    });
  };

  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
    process.on(signal, () => {
      if (!stopping) void stop(signal).then(() => process.exit(0));
    });
  }

  for (let index = 1; index <= count; index++) fork(index);
  log(`[cluster] primary ${process.pid}: ${count} worker${count === 1 ? "" : "s"} running ${path.basename(exec)} ${args.join(" ")}`);
  return { stop };
}

/** Environment files like Next.js reads them (real variables win), so DATABASE_URL from .env counts too. */
function loadEnvFiles() {
  const mode = process.env.NODE_ENV === "test" ? "test" : "production";
  for (const file of [`.env.${mode}.local`, ".env.local", `.env.${mode}`, ".env"]) {
    if (fs.existsSync(file)) process.loadEnvFile(file);
  }
}

function main() {
  loadEnvFiles();
  let count;
  try {
    count = workerCount(process.env, os.availableParallelism());
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  const next = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  startCluster({ exec: next, args: ["start", ...process.argv.slice(2)], count });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

import "./load-env";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { chooseClient, machineCpuMs, postgresCpuMs, serverCpuMs, type Target } from "./bench-load";
import { formatSummary, summarise, type Profile } from "./profile-summary";

/**
 * `npm run bench:api` — an HTTP benchmark of the production build, not part of the test command.
 * Seeds a PostgreSQL database with the demo data plus a large set (500 rooms, 200,000 bookings), starts the
 * production server (`npm start`'s launcher, scripts/start.mjs) on it, and drives it at 50 connections with wrk
 * when it is on the PATH, else autocannon (scripts/bench-load.ts; the client used is printed), printing
 * requests/s, p50, p99 and each endpoint's throughput as a share of /api/health's in the same run, and the CPU
 * time per request of the server, of PostgreSQL's backends and of the client, with how busy the machine was.
 * Variants, one after another on the same database:
 *  - WEB_CONCURRENCY = each of BENCH_WORKERS (default "1,2"): one server process, then one per core;
 *  - the same again as a "busy organisation": 50,000 more confirmed future bookings spread over 100 other rooms
 *    (BENCH_BUSY=false skips it). The lazy release and the day reads must not notice them.
 * Ends with a side-by-side table (workers, busy/normal ratios). The load average is printed with each variant:
 * other work on the machine skews absolute figures; the ratios within one run are the ones to compare.
 * BENCH_PROFILE=1 adds a run of one worker under `--experimental-cpu-prof` and prints, per endpoint, the
 * profile of its measured run by origin (our code, Next.js, Node.js, GC …) in ms of CPU per request
 * (the profiler's own cost included). BENCH_WORKERS=none leaves only that run.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/circle_time_bench) is dropped and re-created.
 * BENCH_SECONDS (default 10) is the duration of each run, after BENCH_WARMUP_SECONDS (default 2) not counted;
 * BENCH_CONNECTIONS (default 50).
 */

const DB_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/circle_time_bench";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const BASE = `http://127.0.0.1:${PORT}`;
const LARGE_ROOMS = 500;
const LARGE_BOOKINGS = 200_000;
const BENCH_USERS = 2_000;
const SECRET = "bench-only-secret-bench-only-secret-bench";
const WORKERS = (process.env.BENCH_WORKERS ?? "1,2").split(",").filter((w) => /^\s*\d+\s*$/.test(w)).map(Number);
const PROFILE = process.env.BENCH_PROFILE === "1";
const DB_NAME = new URL(DB_URL).pathname.slice(1);
const client = chooseClient();
const BUSY = process.env.BENCH_BUSY !== "false";
const BUSY_ROOMS = 100;
const BUSY_BOOKINGS = 50_000;

interface Variant {
  name: string;
  workers: number;
  busy: boolean;
  load: string;
  rows: Row[];
}

async function main() {
  console.log(`Load generator: ${client.description}`);
  await recreateDatabase();
  const env = { ...process.env, DATABASE_URL: DB_URL, AUTH_SECRET: SECRET, DISABLE_SWEEP: "true", NODE_ENV: "production" as const };
  run("npx", ["tsx", "scripts/seed.ts"], env);
  await addLargeSet();

  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) run("npx", ["next", "build"], env);
  const variants: Variant[] = [];
  for (const busy of BUSY && WORKERS.length ? [false, true] : [false]) {
    if (busy) await addBusySet();
    for (const workers of WORKERS) {
      const name = `WEB_CONCURRENCY=${workers}${busy ? `, busy organisation (+${BUSY_BOOKINGS.toLocaleString("en")} bookings)` : ""}`;
      const load = loadAverage();
      const server = startServer(env, workers);
      try {
        await waitForHealth();
        process.stderr.write(`\n${name} (load average ${load})\n`);
        const rows = await measureAll(server.pid!);
        variants.push({ name, workers, busy, load, rows });
        printTable(name, load, rows);
      } finally {
        await stop(server);
      }
    }
  }
  printComparison(variants);
  if (PROFILE) await profileRun(env);
}

function startServer(env: NodeJS.ProcessEnv, workers: number, extraArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [path.join("scripts", "start.mjs"), "-p", String(PORT), ...extraArgs], {
    env: { ...env, WEB_CONCURRENCY: String(workers) },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/**
 * One worker under the V8 profiler (`next start --experimental-cpu-prof`, the profile written when it exits); each
 * endpoint's measured run is cut out of the profile by its time window and divided by its requests.
 */
async function profileRun(env: NodeJS.ProcessEnv) {
  const dir = ".next-profiles";
  const before = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  const server = startServer(env, 1, ["--experimental-cpu-prof"]);
  let rows: Row[];
  try {
    await waitForHealth();
    process.stderr.write("\nWEB_CONCURRENCY=1 under the CPU profiler\n");
    rows = await measureAll(server.pid!);
  } finally {
    await stop(server);
  }
  const file = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile") && !before.has(f)).map((f) => path.join(dir, f))[0];
  if (!file) throw new Error(`No new profile in ${dir}`);
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  printTable(`WEB_CONCURRENCY=1 under --experimental-cpu-prof (${file})`, loadAverage(), rows);
  for (const row of rows) {
    const { from, to } = row.window!;
    if (from < profile.startTime || to > profile.endTime) console.log(`(window of ${row.name} outside the profile: clocks differ?)`);
    const summary = summarise(profile, { from, to });
    console.log(`\n${row.name}: ${row.total} requests in ${((to - from) / 1e6).toFixed(1)} s, profiled busy ${(summary.busy / 1e6).toFixed(2)} s of ${(summary.total / 1e6).toFixed(2)} s`);
    console.log(formatSummary(summary, row.total, 15));
  }
}

function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(", ");
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

async function recreateDatabase() {
  const url = new URL(DB_URL);
  const name = url.pathname.slice(1);
  const admin = postgres({ ...parse(url), database: "postgres", onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
}

function parse(url: URL) {
  return { host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username || "postgres"), password: decodeURIComponent(url.password) || undefined };
}

/**
 * 500 more rooms in a third building, 2,000 people and 200,000 bookings over the past 180 and next 20 days, and
 * three quarters of the rooms busy or about to be at the moment of the run, in set-based SQL.
 */
async function addLargeSet() {
  const sql = postgres(DB_URL, { onnotice: () => {} });
  const started = Date.now();
  await sql`insert into buildings (name, address, timezone, floors) values ('Bench Tower', 'Load street 1', 'Europe/London', 25)`;
  // The people of a 500-room organisation: 2,000 more employees (sharing one password hash; they never sign in).
  await sql`
    insert into users (email, name, password_hash, department)
    select 'bench' || g || '@circletime.dev', 'Bench Person ' || g, (select password_hash from users where email = 'admin@circletime.dev'),
           (array['Engineering','Sales','Marketing','Finance','People','Design'])[1 + g % 6]
    from generate_series(1, ${BENCH_USERS}) g`;
  await sql`
    insert into rooms (building_id, name, floor, capacity, amenities)
    select b.id, 'Bench ' || lpad(g::text, 3, '0'), g % 25, 2 + (g % 12) * 2,
           case g % 4 when 0 then '{projector}'::text[] when 1 then '{whiteboard,tv_display}'::text[]
                      when 2 then '{video_conference,phone}'::text[] else '{}'::text[] end
    from generate_series(1, ${LARGE_ROOMS}) g, (select id from buildings where name = 'Bench Tower') b`;
  const perRoom = LARGE_BOOKINGS / LARGE_ROOMS;
  // Two bookings a day per room (09:00 and 13:00 UTC), going back from 20 days ahead.
  await sql`
    with people as (select array_agg(id order by email) as ids from users where email like 'bench%'),
         bench_rooms as (select id, row_number() over (order by name) as n from rooms where name like 'Bench %')
    insert into bookings (room_id, organizer_id, title, start_time, end_time, status, attendee_count, checked_in_at, created_at)
    select r.id,
           p.ids[1 + ((r.n + k) % cardinality(p.ids))],
           'Bench meeting',
           s.start_time,
           s.start_time + interval '1 hour',
           case when s.start_time > now() then 'confirmed' when k % 5 = 0 then 'no_show' else 'completed' end,
           1 + (k % 6),
           case when s.start_time < now() and k % 5 <> 0 then s.start_time else null end,
           s.start_time - interval '3 days'
    from bench_rooms r
    cross join generate_series(0, ${perRoom - 1}) k
    cross join people p
    cross join lateral (
      select date_trunc('day', now()) + interval '20 days' - (k / 2) * interval '1 day'
             + case when k % 2 = 0 then interval '9 hours' else interval '13 hours' end as start_time
    ) s`;
  // A busy moment, whenever the benchmark runs: half the rooms in a meeting now (checked in), a quarter with one
  // starting in 10 minutes, so the status of every room is really computed (ON CONFLICT skips a room whose
  // regular booking is already there).
  await sql`
    with people as (select array_agg(id order by email) as ids from users where email like 'bench%'),
         bench_rooms as (select id, row_number() over (order by name) as n from rooms where name like 'Bench %')
    insert into bookings (room_id, organizer_id, title, start_time, end_time, status, attendee_count, checked_in_at)
    select r.id, p.ids[1 + (r.n % cardinality(p.ids))], 'Bench now', s.start_time, s.start_time + interval '1 hour',
           'confirmed', 4, case when r.n % 4 < 2 then s.start_time end
    from bench_rooms r cross join people p
    cross join lateral (select case when r.n % 4 < 2 then now() - interval '10 minutes' else now() + interval '10 minutes' end as start_time) s
    where r.n % 4 < 3
    on conflict do nothing`;
  // As autovacuum leaves a table in steady state: planner statistics and the visibility map (index-only scans).
  await sql`vacuum analyze`;
  const [{ n }] = await sql`select count(*)::int as n from bookings`;
  console.log(`Large set: ${LARGE_ROOMS} rooms, ${BENCH_USERS} people, ${n} bookings in total (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  await sql.end();
}

/**
 * The busy organisation: 50,000 more confirmed future bookings, none checked in, spread over 100 more rooms in
 * another building (500 each, hourly from 30 days ahead), rooms the measured requests never touch.
 */
async function addBusySet() {
  const sql = postgres(DB_URL, { onnotice: () => {} });
  const started = Date.now();
  await sql`insert into buildings (name, address, timezone, floors) values ('Busy Annex', 'Load street 2', 'Europe/London', 5)`;
  await sql`
    insert into rooms (building_id, name, floor, capacity, amenities)
    select b.id, 'Busy ' || lpad(g::text, 3, '0'), g % 5, 6, '{}'::text[]
    from generate_series(1, ${BUSY_ROOMS}) g, (select id from buildings where name = 'Busy Annex') b`;
  await sql`
    with people as (select array_agg(id order by email) as ids from users where email like 'bench%')
    insert into bookings (room_id, organizer_id, title, start_time, end_time, status, attendee_count)
    select r.id, p.ids[1 + (k % cardinality(p.ids))], 'Busy meeting',
           date_trunc('hour', now()) + interval '30 days' + k * interval '1 hour',
           date_trunc('hour', now()) + interval '30 days' + k * interval '1 hour' + interval '45 minutes',
           'confirmed', 2
    from (select id from rooms where name like 'Busy %') r
    cross join generate_series(1, ${BUSY_BOOKINGS / BUSY_ROOMS}) k
    cross join people p`;
  await sql`vacuum analyze bookings`;
  const [{ n }] = await sql`select count(*)::int as n from bookings where status = 'confirmed' and start_time > now()`;
  console.log(`Busy organisation: +${BUSY_BOOKINGS} bookings in ${BUSY_ROOMS} more rooms; ${n} confirmed future bookings in all (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  await sql.end();
}

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${BASE}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("The server did not become healthy in 60 s");
}

async function stop(server: ChildProcess) {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The next POST slot (scripts/bench-load.ts bookingSlot); runs on across variants, so every slot is new. */
let nextSlot = 0;

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  /** CPU time per request (ms): the server's processes, PostgreSQL's backends of the bench database, the client. */
  serverMs: number;
  postgresMs: number;
  clientMs: number;
  /** Share of all cores' time that was busy during the run. */
  machineBusy: number;
  /** The measured run, µs of the monotonic clock. */
  window?: { from: number; to: number };
}

async function measureAll(serverPid: number): Promise<Row[]> {
  const login = await (
    await fetch(`${BASE}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "ada.lovelace@circletime.dev", password: "circle-time-demo" }),
    })
  ).json();
  const auth = { authorization: `Bearer ${login.data.access}`, "content-type": "application/json" };
  const rooms = (await (await fetch(`${BASE}/api/rooms`, { headers: auth })).json()).data as { id: string; name: string; status: string }[];
  const benchRoom = rooms.find((r) => r.name.startsWith("Bench"))!;
  const freeRooms = rooms.filter((r) => r.name.startsWith("Bench ")).map((r) => r.id);
  const today = new Date().toISOString().slice(0, 10);
  const base = new Date();
  base.setUTCHours(0, 0, 0, 0);

  const measure = (name: string, target: Target) => measureOne(serverPid, name, target);
  const results: Row[] = [];
  results.push(await measure("GET /api/health", { url: `${BASE}/api/health` }));
  results.push(await measure(`GET /api/rooms (${rooms.length} rooms)`, { url: `${BASE}/api/rooms`, headers: auth }));
  results.push(await measure("GET /api/rooms/{id}/bookings?date=", { url: `${BASE}/api/rooms/${benchRoom.id}/bookings?date=${today}`, headers: auth }));
  results.push(await measure("GET /api/bookings", { url: `${BASE}/api/bookings`, headers: auth }));
  // Distinct free slots, round-robin over the 500 bench rooms (bookingSlot).
  const slots = { rooms: freeRooms, base, next: nextSlot };
  results.push(await measure("POST /api/bookings (distinct free slots)", { url: `${BASE}/api/bookings`, headers: auth, bookingSlots: slots }));
  nextSlot = slots.next;
  return results;
}

async function measureOne(serverPid: number, name: string, target: Target): Promise<Row> {
  process.stderr.write(`measuring ${name} …\n`);
  // A short warm-up first (JIT, connection pool, prepared statements), not counted.
  await client.run(target, CONNECTIONS, WARMUP_SECONDS);
  const server = serverCpuMs(serverPid);
  const pg = postgresCpuMs(DB_NAME);
  const machine = machineCpuMs();
  const from = Number(process.hrtime.bigint() / 1000n);
  const result = await client.run(target, CONNECTIONS, SECONDS);
  const to = Number(process.hrtime.bigint() / 1000n);
  const machineAfter = machineCpuMs();
  const perRequest = (ms: number) => ms / result.requests;
  return {
    name,
    rps: result.rps,
    p50: result.p50,
    p99: result.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    total: result.requests,
    serverMs: perRequest(serverCpuMs(serverPid) - server),
    postgresMs: perRequest(postgresCpuMs(DB_NAME) - pg),
    clientMs: perRequest(result.clientCpuMs),
    machineBusy: (machineAfter.busy - machine.busy) / (machineAfter.total - machine.total),
    window: { from, to },
  };
}

function formatTable(header: string[], lines: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => "| " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|";
  return [fmt(header), rule, ...lines.map(fmt)].join("\n");
}

const share = (rps: number, health: number) => `${((rps / health) * 100).toFixed(0)}%`;

function printTable(name: string, load: string, rows: Row[]) {
  const health = rows[0].rps;
  const header = ["endpoint", "req/s", "of health", "p50 ms", "p99 ms", "requests", "errors", "non-2xx"];
  const lines = rows.map((r) => [
    r.name,
    r.rps.toFixed(0),
    share(r.rps, health),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    String(r.total),
    String(r.errors),
    String(r.non2xx),
  ]);
  console.log(`\n${name}: ${CONNECTIONS} connections, ${SECONDS} s each, ${client.name}, ${new Date().toISOString()}, load average before ${load}`);
  console.log(formatTable(header, lines));
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "n/a");
  const cpuHeader = ["endpoint", "server ms/req", "PostgreSQL ms/req", `${client.name} ms/req`, "all ms/req", "machine busy"];
  const cpuLines = rows.map((r) => [
    r.name,
    ms(r.serverMs),
    ms(r.postgresMs),
    ms(r.clientMs),
    ms(r.serverMs + r.postgresMs + r.clientMs),
    Number.isFinite(r.machineBusy) ? `${(r.machineBusy * 100).toFixed(0)}%` : "n/a",
  ]);
  console.log(`CPU time per request (user + system, from /proc; machine: ${os.availableParallelism()} cores)`);
  console.log(formatTable(cpuHeader, cpuLines));
}

/** Side by side: req/s (share of /api/health) per variant, more workers ÷ one worker, busy ÷ normal. */
function printComparison(variants: Variant[]) {
  if (variants.length < 2) return;
  const header = ["endpoint", ...variants.map((v) => `${v.workers}w${v.busy ? " busy" : ""}`)];
  const lines = variants[0].rows.map((row, i) => [
    row.name,
    ...variants.map((v) => `${v.rows[i].rps.toFixed(0)} (${share(v.rows[i].rps, v.rows[0].rps)})`),
  ]);
  const ratios: string[][] = [];
  const find = (workers: number, busy: boolean) => variants.find((v) => v.workers === workers && v.busy === busy);
  const ratioHeader = ["endpoint"];
  const columns: { label: string; a: Variant; b: Variant }[] = [];
  for (const busy of [false, true]) {
    const one = find(WORKERS[0], busy);
    for (const w of WORKERS.slice(1)) {
      const more = find(w, busy);
      if (one && more) columns.push({ label: `${w}w ÷ ${WORKERS[0]}w${busy ? " (busy)" : ""}`, a: more, b: one });
    }
  }
  for (const w of WORKERS) {
    const normal = find(w, false);
    const busy = find(w, true);
    if (normal && busy) columns.push({ label: `busy ÷ normal (${w}w)`, a: busy, b: normal });
  }
  ratioHeader.push(...columns.map((c) => c.label));
  variants[0].rows.forEach((row, i) => ratios.push([row.name, ...columns.map((c) => (c.a.rows[i].rps / c.b.rows[i].rps).toFixed(2))]));
  console.log(`\nreq/s (share of /api/health in the same run); load averages: ${variants.map((v) => `${v.workers}w${v.busy ? " busy" : ""} ${v.load}`).join("; ")}`);
  console.log(formatTable(header, lines));
  console.log("\nRatios (aims: more workers ≥ 1.6 per extra core's worth; busy ÷ normal ≥ 0.90)");
  console.log(formatTable(ratioHeader, ratios));
  console.log("\nAims per run: a room's day ≥ 60 % and POST /api/bookings ≥ 45 % of /api/health.");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

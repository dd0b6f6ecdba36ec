import "./load-env";
import { spawnSync } from "node:child_process";
import postgres from "postgres";

/**
 * `npm run bench:analytics` — timings of every analytics endpoint's service call (the whole work of the handler but
 * the JSON encoding), not part of the tests. Two datasets, each in its own PostgreSQL database, dropped and re-created:
 *
 *  - demo:  `npm run db:seed` (22 rooms, 90 days of history) in BENCH_DEMO_DATABASE_URL
 *           (default postgres://postgres@127.0.0.1:5432/circle_time_analytics_bench_demo);
 *  - large: 500 rooms in three zones × 2,000 bookings each = 1,000,000 bookings over the past two years (and a few
 *           days ahead), generated in set-based SQL, in BENCH_DATABASE_URL
 *           (default postgres://postgres@127.0.0.1:5432/circle_time_analytics_bench).
 *
 * For 30-, 90- and 365-day ranges ending today it prints the median and the slowest of BENCH_RUNS (default 5) calls
 * after one uncounted warm-up. BENCH_REUSE=1 keeps an already generated database; BENCH_GENERATE_ONLY=1 stops after
 * generating. Each dataset is measured in a child
 * process (`--measure <url> <label>`), since the app's database handle reads DATABASE_URL once.
 */

const LARGE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/circle_time_analytics_bench";
const DEMO_URL = process.env.BENCH_DEMO_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/circle_time_analytics_bench_demo";
const ROOMS = 500;
const PER_ROOM = 2_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main() {
  if (process.argv[2] === "--measure") return measure(process.argv[4] ?? process.argv[3]);
  const reuse = process.env.BENCH_REUSE === "1";
  if (!reuse || !(await hasBookings(DEMO_URL))) {
    await recreate(DEMO_URL);
    run(["tsx", "scripts/seed.ts"], DEMO_URL);
  }
  if (!reuse || !(await hasBookings(LARGE_URL))) {
    await recreate(LARGE_URL);
    run(["tsx", "scripts/migrate.ts"], LARGE_URL);
    await generateLarge(LARGE_URL);
  }
  // What the sweep does on a server: roll the analytics up to two days before today (migration 0008).
  for (const url of [DEMO_URL, LARGE_URL]) await rollUp(url);
  if (process.env.BENCH_GENERATE_ONLY === "1") return;
  for (const [url, label] of [[DEMO_URL, "demo data"], [LARGE_URL, `${ROOMS} rooms × ${(ROOMS * PER_ROOM).toLocaleString("en")} bookings`]]) {
    console.log(`\n== ${label}`);
    run(["tsx", "scripts/bench-analytics.ts", "--measure", url, label], url);
  }
}

function run(args: string[], url: string) {
  const r = spawnSync("npx", args, {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url, DISABLE_SWEEP: "true", MIGRATE_ON_START: "true", NODE_ENV: "production", AUTH_SECRET: "bench-only-secret-bench-only-secret-bench" },
  });
  if (r.status !== 0) throw new Error(`npx ${args.join(" ")} failed`);
}

async function hasBookings(url: string): Promise<boolean> {
  const sql = postgres(url, { onnotice: () => {} });
  try {
    const [{ n }] = await sql`select count(*)::int as n from bookings`;
    return n > 0;
  } catch {
    return false;
  } finally {
    await sql.end();
  }
}

async function recreate(url: string) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  const admin = postgres({ host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username || "postgres"), password: decodeURIComponent(u.password) || undefined, database: "postgres", onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
}

/**
 * 3 buildings (Berlin, New York, Tokyo), 500 rooms, 1,000 people in 6 departments, and per room 2,000 bookings on
 * the 2,190 slots of 730 days up to 4 days ahead (09:00, 11:30 and 14:00 local, 30–120 minutes; a tenth of the slots
 * left free, a different tenth per room), in one INSERT … SELECT: ~7 % cancelled, ~15 % no-shows (released after 15 min), the rest checked in,
 * a fifth of those ended early; the last few days' slots ahead of now are confirmed.
 */
async function generateLarge(url: string) {
  // One connection, so that the session setting below applies to every statement.
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const started = Date.now();
  await sql`insert into buildings (name, timezone, floors) values ('Bench Berlin', 'Europe/Berlin', 10), ('Bench New York', 'America/New_York', 30), ('Bench Tokyo', 'Asia/Tokyo', 20)`;
  await sql`
    insert into users (email, name, password_hash, department)
    select 'bench' || g || '@circletime.dev', 'Bench Person ' || g, '!',
           (array['Engineering','Sales','Marketing','Finance','People', null])[1 + g % 6]
    from generate_series(1, 1000) g`;
  await sql`
    insert into rooms (building_id, name, floor, capacity)
    select b.id, 'Room ' || lpad(g::text, 3, '0'), 1 + g % 10, 2 + (g % 10) * 2
    from generate_series(1, ${ROOMS}) g
    join (select id, row_number() over (order by name) - 1 as n from buildings) b on b.n = g % 3`;
  // Secondary indexes are built once after the load instead of row by row (the primary key and the exclusion
  // constraint's index stay); their definitions are read back from pg_indexes, so they are exactly the migrations'.
  const indexes = await sql<{ indexname: string; indexdef: string }[]>`
    select indexname, indexdef from pg_indexes
    where tablename = 'bookings' and indexname not in (select conname from pg_constraint where conrelid = 'bookings'::regclass)`;
  for (const i of indexes) await sql.unsafe(`drop index "${i.indexname}"`);
  // The generated rows are consistent by construction: skip the per-row foreign-key triggers (2 lookups a row).
  await sql`set session_replication_role = replica`;
  const loading = Date.now();
  await sql`
    with people as (select array_agg(id) as ids from users where email like 'bench%'),
         r as (select r.id, r.capacity, b.timezone as tz, row_number() over (order by r.id) as n
               from rooms r join buildings b on b.id = r.building_id),
         slots as (select k, (current_date - 725 + k / 3) as day, (array['09:00','11:30','14:00'])[1 + k % 3]::time as at
                   from generate_series(0, 2189) k)
    insert into bookings (room_id, organizer_id, title, start_time, end_time, status, attendee_count, checked_in_at, ended_at, created_at)
    select x.id, x.organizer, 'Bench meeting', x.s, x.e,
           case when x.s > now() then 'confirmed' when x.dice < 0.07 then 'cancelled' when x.dice < 0.22 then 'no_show' else 'completed' end,
           x.attendees,
           case when x.s <= now() and x.dice >= 0.22 then x.s end,
           case when x.s > now() or x.dice < 0.07 then null
                when x.dice < 0.22 then x.s + interval '15 minutes'
                when x.dice < 0.38 then x.s + (x.e - x.s) / 2 end,
           x.s - interval '7 days'
    from (
      select r.id, p.ids[1 + ((r.n * 7 + s.k) % cardinality(p.ids))] as organizer,
             (s.day + s.at) at time zone r.tz as s,
             ((s.day + s.at) at time zone r.tz) + make_interval(mins => 30 * (1 + (s.k * 7 + r.n::int) % 4)) as e,
             random() as dice, 1 + ((s.k * 13 + r.n::int) % (r.capacity + 4)) as attendees
      from r cross join slots s cross join people p
      -- k ↦ (7919 k + n) mod 2190 is a permutation of the slots (7919 is prime), so every room keeps exactly 2,000.
      where (s.k * 7919 + r.n) % 2190 < ${PER_ROOM}
    ) x`;
  const inserted = Date.now();
  await sql`set session_replication_role = origin`;
  for (const i of indexes) await sql.unsafe(i.indexdef);
  const indexed = Date.now();
  await sql`vacuum analyze`;
  const [{ n }] = await sql`select count(*)::int as n from bookings`;
  const s = (a: number, b: number) => `${((b - a) / 1000).toFixed(1)} s`;
  console.log(
    `Generated ${ROOMS} rooms and ${n.toLocaleString("en")} bookings in ${s(started, Date.now())}: ` +
      `insert ${s(loading, inserted)}, ${indexes.length} secondary indexes ${s(inserted, indexed)}, vacuum analyze ${s(indexed, Date.now())}`,
  );
  await sql.end();
}

/** Builds (or brings forward) the analytics rollup and prints how long it took and how many rows it holds. */
async function rollUp(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const started = Date.now();
  const [{ result }] = await sql`select analytics_roll_forward(current_date) as result`;
  const [{ n, through }] = await sql`select (select count(*)::int from analytics_room_days) as n, rolled_through::text as through from analytics_rollup_state`;
  console.log(`Analytics rollup of ${new URL(url).pathname.slice(1)} ${result} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${n.toLocaleString("en")} room-day rows, start dates through ${through}`);
  await sql.end();
}

async function measure(label: string) {
  const { DateTime } = await import("luxon");
  const svc = await import("@/lib/analytics/service");
  const { closeDb, getDb } = await import("@/db/client");
  const { sql } = await import("drizzle-orm");
  const { selectRows } = await import("@/db/client");
  const db = await getDb();
  const [adminRow] = await selectRows<{ id: string }>(db, sql`select id from users where role = 'admin' limit 1`);
  const principal = { kind: "user" as const, userId: adminRow?.id ?? "00000000-0000-4000-8000-000000000001", role: "admin" as const, via: "token" as const };
  const roomIds = (await selectRows<{ id: string }>(db, sql`select id from rooms order by name limit 5`)).map((r) => r.id);
  const today = DateTime.now().toFormat("yyyy-MM-dd");
  const endpoints: [string, (q: { startDate: string; endDate: string }) => Promise<unknown>][] = [
    ["kpi", (q) => svc.getKpis(principal, q)],
    ["utilization", (q) => svc.getUtilization(principal, q)],
    ["ghosting", (q) => svc.getGhosting(principal, q)],
    ["capacity", (q) => svc.getCapacity(principal, q)],
    ["heatmap", (q) => svc.getHeatmap(principal, q)],
    ["trends", (q) => svc.getTrends(principal, { ...q, metric: "utilization" })],
    ["rooms/compare", (q) => svc.compareRooms(principal, { ...q, roomIds })],
    ["ghosting/departments", (q) => svc.getDepartmentGhosting(principal, q)],
    ["export csv (header+1st page)", async (q) => {
      const file = await svc.exportReport(principal, { ...q, format: "csv" });
      const reader = (file.body as ReadableStream<Uint8Array>).getReader();
      await reader.read(); // the header
      await reader.read(); // the first page of rows
      await reader.cancel();
    }],
    ["export csv (whole file)", async (q) => {
      const file = await svc.exportReport(principal, { ...q, format: "csv" });
      const reader = (file.body as ReadableStream<Uint8Array>).getReader();
      while (!(await reader.read()).done);
    }],
    ["export pdf", (q) => svc.exportReport(principal, { ...q, format: "pdf" })],
    ["capacity page: scatter+advice", (q) => svc.getCapacityInsights(principal, q)],
    ["utilization page: profile", (q) => svc.getUsageProfile(principal, q)],
  ];
  const ranges = [30, 90, 365];
  console.log(`${"endpoint".padEnd(26)}${ranges.map((d) => `${d} days: median / max`.padStart(26)).join("")}`);
  for (const [name, fn] of endpoints) {
    const cells: string[] = [];
    for (const days of ranges) {
      const q = { startDate: DateTime.now().minus({ days: days - 1 }).toFormat("yyyy-MM-dd"), endDate: today };
      await fn(q);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await fn(q);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      cells.push(`${times[Math.floor(times.length / 2)].toFixed(0)} ms / ${times[times.length - 1].toFixed(0)} ms`.padStart(26));
    }
    console.log(`${name.padEnd(26)}${cells.join("")}`);
  }
  console.log(`(${label}; ${RUNS} runs after a warm-up)`);
  await closeDb();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

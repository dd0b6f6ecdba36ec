import "./load-env";
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import postgres from "postgres";

/**
 * `npm run bench:sse` — the door tablets' event streams under load (issue 6), not part of the tests.
 * One production server (`next start`) on a fresh PostgreSQL database holds BENCH_STREAMS (2,000) open event
 * streams over BENCH_ROOMS (200) rooms; then BENCH_BURSTS bursts, each committing a new booking in BENCH_BURST_ROOMS
 * rooms at once (with the NOTIFY of DOMAIN §6, as the app's writers do). It prints the push latency from commit to
 * the event arriving on every stream of the room (p50, p99, max), the server's memory per open stream (RSS growth
 * over the streams), and its CPU while the streams sit idle for BENCH_IDLE_SECONDS.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/circle_time_bench_sse) is dropped and re-created.
 */

const DB_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/circle_time_bench_sse";
const PORT = Number(process.env.BENCH_PORT ?? 3301);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 200);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 2_000);
const BURSTS = Number(process.env.BENCH_BURSTS ?? 10);
const BURST_ROOMS = Number(process.env.BENCH_BURST_ROOMS ?? 50);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
const SECRET = "bench-only-secret-bench-only-secret-bench";
const CLOCK_TICKS = 100; // USER_HZ on Linux

interface Stream {
  roomId: string;
  events: number[];
  pings: number;
  req: http.ClientRequest;
}

async function main() {
  await recreateDatabase();
  const env = { ...process.env, DATABASE_URL: DB_URL, AUTH_SECRET: SECRET, DISABLE_SWEEP: "true", NODE_ENV: "production" as const };
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) run("npx", ["next", "build"], env);
  const server = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(PORT)], { env, stdio: ["ignore", "ignore", "inherit"] });
  const sql = postgres(DB_URL, { max: 20, onnotice: () => {} });
  try {
    await waitForHealth();
    const { rooms, tokens } = await seed(sql);
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    // Warm the route up with a few streams, then read the server's baseline memory.
    const warm = await Promise.all(rooms.slice(0, 5).map((roomId, i) => openStream(agent, roomId, tokens[i])));
    for (const s of warm) s.req.destroy();
    await sleep(2_000);
    const rssBefore = treeRssKiB(server.pid!);
    // The server's own idle CPU, with no stream open, for comparison.
    const baselineStart = treeCpuTicks(server.pid!);
    await sleep(IDLE_SECONDS * 1000);
    const baselineCpuSeconds = (treeCpuTicks(server.pid!) - baselineStart) / CLOCK_TICKS;

    const opening = Date.now();
    const streams: Stream[] = [];
    for (let i = 0; i < STREAMS; i += 100) {
      const batch = Array.from({ length: Math.min(100, STREAMS - i) }, (_, k) => {
        const r = (i + k) % rooms.length;
        return openStream(agent, rooms[r], tokens[r]);
      });
      streams.push(...(await Promise.all(batch)));
    }
    const openedMs = Date.now() - opening;
    await sleep(3_000);
    const rssAfter = treeRssKiB(server.pid!);

    // Idle: nothing changes; only the keep-alive comments flow.
    const cpuStart = treeCpuTicks(server.pid!);
    const pingsBefore = streams.reduce((n, s) => n + s.pings, 0);
    await sleep(IDLE_SECONDS * 1000);
    const idleCpuSeconds = (treeCpuTicks(server.pid!) - cpuStart) / CLOCK_TICKS;
    const pingsDuringIdle = streams.reduce((n, s) => n + s.pings, 0) - pingsBefore;

    // Bursts of booking changes, each in BURST_ROOMS different rooms at once.
    const byRoom = new Map<string, Stream[]>();
    for (const s of streams) byRoom.set(s.roomId, [...(byRoom.get(s.roomId) ?? []), s]);
    const latencies: number[] = [];
    let missing = 0;
    const perRoomCount = new Map<string, number>();
    const burstCpuStart = treeCpuTicks(server.pid!);
    for (let b = 0; b < BURSTS; b++) {
      const chosen = shuffle([...rooms]).slice(0, BURST_ROOMS);
      const commits = await Promise.all(
        chosen.map(async (roomId) => {
          const n = (perRoomCount.get(roomId) ?? 0) + 1;
          perRoomCount.set(roomId, n);
          const seen = byRoom.get(roomId)!.map((s) => s.events.length);
          await sql.begin(async (tx) => {
            await tx`insert into bookings (room_id, organizer_id, title, start_time, end_time, attendee_count)
                     select ${roomId}, id, ${`Burst ${b}`}, now() + make_interval(mins => ${30 + n * 15}), now() + make_interval(mins => ${30 + n * 15 + 10}), 1
                     from users where email = 'bench@circletime.dev'`;
            await tx`select pg_notify('room_events', ${roomId})`;
          });
          return { roomId, at: performance.now() + performance.timeOrigin, seen };
        }),
      );
      await sleep(2_000);
      for (const c of commits) {
        byRoom.get(c.roomId)!.forEach((s, i) => {
          const arrived = s.events[c.seen[i]];
          if (arrived === undefined) missing++;
          else latencies.push(Math.max(0, arrived - c.at));
        });
      }
    }
    const burstCpuSeconds = (treeCpuTicks(server.pid!) - burstCpuStart) / CLOCK_TICKS;
    for (const s of streams) s.req.destroy();

    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log("\nbench:sse — one `next start` on PostgreSQL");
    console.log(`  streams open            ${streams.length} over ${rooms.length} rooms (${(streams.length / rooms.length).toFixed(0)} per room), opened in ${(openedMs / 1000).toFixed(1)} s`);
    console.log(`  server memory (RSS)     ${(rssBefore / 1024).toFixed(0)} MiB before → ${(rssAfter / 1024).toFixed(0)} MiB with the streams: ${((rssAfter - rssBefore) / streams.length).toFixed(1)} KiB per open stream`);
    console.log(`  idle CPU                ${((idleCpuSeconds / IDLE_SECONDS) * 100).toFixed(2)} % of one core over ${IDLE_SECONDS} s with the streams open (${pingsDuringIdle} keep-alive pings sent); ${((baselineCpuSeconds / IDLE_SECONDS) * 100).toFixed(2)} % with none`);
    console.log(`  bursts                  ${BURSTS} × ${BURST_ROOMS} rooms changed at once → ${latencies.length} events received, ${missing} missing`);
    console.log(`  push latency (commit → event on each stream of the room)  p50 ${fmt(pct(50))}  p99 ${fmt(pct(99))}  max ${fmt(latencies.at(-1) ?? NaN)}`);
    console.log(`  CPU during the bursts   ${burstCpuSeconds.toFixed(2)} s for ${BURSTS * BURST_ROOMS} changes (${((burstCpuSeconds / (BURSTS * BURST_ROOMS)) * 1000).toFixed(1)} ms per change, ${(streams.length / rooms.length).toFixed(0)} streams each)`);
    if (missing > 0 || pct(99) >= 1000) process.exitCode = 1;
  } finally {
    await sql.end({ timeout: 2 });
    server.kill("SIGTERM");
    await sleep(500);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
}

/** A building whose local time is mid-morning now (so every burst's booking falls on the same local day), rooms, one tablet each. */
async function seed(sql: postgres.Sql) {
  const utcHour = new Date().getUTCHours();
  const offset = ((10 - utcHour + 36) % 24) - 12; // local hour ≈ 10:00, offset in −12…+11
  const zone = offset === 0 ? "UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
  const [building] = await sql`insert into buildings (name, timezone, floors) values ('Bench tower', ${zone}, 20) returning id`;
  const rooms = (await sql`
    insert into rooms (building_id, name, floor, capacity)
    select ${building.id}, 'Bench room ' || g, 1 + g % 20, 6 from generate_series(1, ${ROOMS}) g
    returning id`).map((r) => r.id as string);
  await sql`insert into users (email, name, role, password_hash) values ('bench@circletime.dev', 'Bench Organizer', 'user', '!')`;
  const tokens = rooms.map(() => `ctd_${crypto.randomBytes(32).toString("base64url")}`);
  const rows = rooms.map((roomId, i) => ({ room_id: roomId, name: `Tablet ${i}`, token_hash: crypto.createHash("sha256").update(tokens[i]).digest("hex") }));
  await sql`insert into devices ${sql(rows)}`;
  return { rooms, tokens };
}

function openStream(agent: http.Agent, roomId: string, token: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const stream: Stream = { roomId, events: [], pings: 0, req: undefined as unknown as http.ClientRequest };
    stream.req = http.get(`http://127.0.0.1:${PORT}/api/panel/rooms/${roomId}/events?token=${token}`, { agent }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      let buffer = "";
      let first = true;
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block.startsWith(": ping")) stream.pings++;
          else if (block.includes("event: room_state")) {
            // The first state is the answer to connecting, not a change.
            if (first) {
              first = false;
              resolve(stream);
            } else stream.events.push(performance.now() + performance.timeOrigin);
          }
        }
      });
      res.on("error", () => {});
    });
    stream.req.on("error", (err) => (stream.events.length === 0 ? reject(err) : undefined));
  });
}

/** Resident memory of the server process and its children (KiB), from /proc. */
function treeRssKiB(pid: number): number {
  return treePids(pid).reduce((sum, p) => {
    const status = readProc(`/proc/${p}/status`);
    return sum + Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }, 0);
}

/** CPU time (user + system, clock ticks) of the server process and its children, from /proc. */
function treeCpuTicks(pid: number): number {
  return treePids(pid).reduce((sum, p) => {
    const fields = readProc(`/proc/${p}/stat`).replace(/^.*\) /, "").split(" ");
    return sum + Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }, 0);
}

function treePids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(`/proc/${entry}/stat`);
    const ppid = Number(stat.replace(/^.*\) /, "").split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []));
  return all;
}

function readProc(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

async function recreateDatabase() {
  const url = new URL(DB_URL);
  const name = url.pathname.slice(1);
  const admin = postgres({ host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username || "postgres"), password: decodeURIComponent(url.password) || undefined, database: "postgres", onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
}

async function waitForHealth() {
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await sleep(250);
  }
  throw new Error("the server did not become healthy");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

/**
 * The load generator of `npm run bench:api` and what each run costs the machine. wrk (C, one epoll thread) when it
 * is on the PATH, autocannon (Node, in this process) otherwise or with BENCH_CLIENT=autocannon: on a two-core
 * machine the client shares the cores with the server and PostgreSQL, and autocannon took a large part of one
 * (its CPU per request is printed beside the server's, so the two can be compared). BENCH_CLIENT_CPUS (taskset's
 * list, e.g. "1") pins the client to those cores; BENCH_WRK_THREADS (default 1) sets wrk's threads.
 */

export interface Target {
  url: string;
  headers?: Record<string, string>;
  /** POST: a new booking in a distinct free slot per request (see `bookingSlot`); `next` is the first slot number. */
  bookingSlots?: { rooms: string[]; base: Date; next: number };
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU time the client itself used during the run (user + system), ms. */
  clientCpuMs: number;
}

export interface Client {
  name: "wrk" | "autocannon";
  /** One line for the report: which client, threads, pinning. */
  description: string;
  run(target: Target, connections: number, seconds: number): Promise<LoadResult>;
}

export function chooseClient(): Client {
  const wanted = process.env.BENCH_CLIENT;
  const cpus = process.env.BENCH_CLIENT_CPUS?.trim() || undefined;
  const wrk = onPath("wrk");
  if (wanted === "wrk" && !wrk) throw new Error("BENCH_CLIENT=wrk but wrk is not on the PATH");
  if (wrk && wanted !== "autocannon") {
    const threads = Number(process.env.BENCH_WRK_THREADS ?? 1);
    const version = spawnSync(wrk, ["--version"], { encoding: "utf8" }).stdout.split("\n")[0].replace(/ Copyright.*$/, "").trim();
    return {
      name: "wrk",
      description: `wrk (${wrk}, ${version}), ${threads} thread${threads === 1 ? "" : "s"}${cpus ? `, pinned with taskset -c ${cpus}` : ", not pinned"}`,
      run: (target, connections, seconds) => runWrk(wrk, threads, cpus, target, connections, seconds),
    };
  }
  if (cpus) spawnSync("taskset", ["-a", "-p", "-c", cpus, String(process.pid)], { stdio: "ignore" });
  return {
    name: "autocannon",
    description: `autocannon 8 in the benchmark's own Node process${wrk ? " (BENCH_CLIENT=autocannon)" : " (wrk is not on the PATH)"}${cpus ? `, pinned with taskset -c ${cpus}` : ", not pinned"}`,
    run: runAutocannon,
  };
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const file = path.join(dir, command);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Slot `i` of the POST runs: 15-minute slots between 00:00 and 08:45 UTC (the large set books 09:00 and 13:00),
 * round-robin over the bench rooms, from 34 days ahead: outside GET /api/bookings' default 30 days and the day or
 * two of slack its index range reads around them (at day 31 every POST run added ~3,000 rows that each later list
 * read and dropped). The wrk script below computes the same slots in Lua.
 */
export function bookingSlot(i: number, rooms: string[], base: Date) {
  const room = rooms[i % rooms.length];
  const slot = Math.floor(i / rooms.length);
  const day = 34 + Math.floor(slot / 36);
  const start = new Date(base.getTime() + day * 86_400_000 + (slot % 36) * 15 * 60_000);
  const end = new Date(start.getTime() + 15 * 60_000);
  return { roomId: room, title: "Bench booking", startTime: start.toISOString(), endTime: end.toISOString() };
}

async function runAutocannon(target: Target, connections: number, seconds: number): Promise<LoadResult> {
  const slots = target.bookingSlots;
  const opts: autocannon.Options = { url: target.url, headers: target.headers, connections, duration: seconds };
  if (slots) {
    opts.method = "POST";
    opts.requests = [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(bookingSlot(slots.next++, slots.rooms, slots.base)) }) }];
  }
  const cpu = process.cpuUsage();
  const result = await autocannon(opts);
  const used = process.cpuUsage(cpu);
  return {
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    clientCpuMs: (used.user + used.system) / 1000,
  };
}

/** wrk's report, written by the `done` function of the script as one JSON line. */
interface WrkSummary {
  requests: number;
  duration_us: number;
  p50_us: number;
  p99_us: number;
  connect: number;
  read: number;
  write: number;
  timeout: number;
  status: number;
  issued: number;
}

async function runWrk(wrk: string, threads: number, cpus: string | undefined, target: Target, connections: number, seconds: number): Promise<LoadResult> {
  const script = path.join(os.tmpdir(), `circle-time-bench-${process.pid}.lua`);
  fs.writeFileSync(script, wrkScript(target.bookingSlots, threads));
  const args = ["-t", String(threads), "-c", String(connections), "-d", `${seconds}s`, "--timeout", "10s", "-s", script];
  for (const [name, value] of Object.entries(target.headers ?? {})) args.push("-H", `${name}: ${value}`);
  args.push(target.url);
  const [command, commandArgs] = cpus ? ["taskset", ["-c", cpus, wrk, ...args]] : [wrk, args];
  const before = childrenCpuMs();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}:\n${out}`))));
  });
  // wrk has been waited for: its CPU time is now counted among this process's children's.
  const clientCpuMs = childrenCpuMs() - before;
  fs.rmSync(script, { force: true });
  const line = output.split("\n").find((l) => l.startsWith("WRK_JSON "));
  if (!line) throw new Error(`wrk printed no summary:\n${output}`);
  const s = JSON.parse(line.slice("WRK_JSON ".length)) as WrkSummary;
  if (target.bookingSlots) target.bookingSlots.next += s.issued * threads;
  const secs = s.duration_us / 1e6;
  return {
    requests: s.requests,
    seconds: secs,
    rps: s.requests / secs,
    p50: s.p50_us / 1000,
    p99: s.p99_us / 1000,
    errors: s.connect + s.read + s.write + s.timeout,
    non2xx: s.status,
    clientCpuMs,
  };
}

/**
 * The Lua script of one wrk run: `done` prints the summary as JSON; with booking slots, `request` builds each POST
 * body, thread t of n taking slots next + t, next + t + n, … (`issued` per thread tells the next run where to go on).
 */
function wrkScript(slots: Target["bookingSlots"], threads: number): string {
  const done = `
function done(summary, latency, requests)
  local issued = 0
  for _, t in ipairs(threads) do
    local n = t:get("issued") or 0
    if n > issued then issued = n end
  end
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d,"issued":%d}\\n',
    summary.requests, summary.duration, math.floor(latency:percentile(50)), math.floor(latency:percentile(99)), e.connect, e.read, e.write, e.timeout, e.status, issued))
end
`;
  const setup = `
threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
`;
  if (!slots) return setup + done;
  return `${setup}
local rooms = {${slots.rooms.map((r) => `"${r}"`).join(",")}}
local first = ${slots.next}
local base = ${Math.floor(slots.base.getTime() / 1000)}
local step = ${threads}

function init(args)
  issued = 0
end

local function iso(t)
  return os.date("!%Y-%m-%dT%H:%M:%S.000Z", t)
end

function request()
  local i = first + id + issued * step
  issued = issued + 1
  local room = rooms[(i % #rooms) + 1]
  local slot = math.floor(i / #rooms)
  local start = base + (34 + math.floor(slot / 36)) * 86400 + (slot % 36) * 900
  local body = string.format('{"roomId":"%s","title":"Bench booking","startTime":"%s","endTime":"%s"}', room, iso(start), iso(start + 900))
  return wrk.format("POST", nil, nil, body)
end
${done}`;
}

// ── CPU accounting from /proc (Linux) ───────────────────────────────────────

const TICK_MS = 1000 / Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);

/** The fields of /proc/<pid>/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime. */
function statFields(pid: number | "self"): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

function pids(): number[] {
  try {
    return fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return [];
  }
}

/** CPU time (ms) of this process's children that have been waited for. */
function childrenCpuMs(): number {
  const f = statFields("self");
  return f ? (Number(f[13]) + Number(f[14])) * TICK_MS : NaN;
}

/** CPU time (ms) of the server: the cluster primary and every process under it (its workers). */
export function serverCpuMs(primary: number): number {
  const stats = new Map<number, string[]>();
  for (const pid of pids()) {
    const f = statFields(pid);
    if (f) stats.set(pid, f);
  }
  const tree = new Set([primary]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const [pid, f] of stats) {
      if (!tree.has(pid) && tree.has(Number(f[1]))) {
        tree.add(pid);
        grown = true;
      }
    }
  }
  let total = 0;
  for (const pid of tree) {
    const f = stats.get(pid);
    if (f) total += (Number(f[11]) + Number(f[12])) * TICK_MS;
  }
  return total;
}

/** CPU time (ms) of the PostgreSQL backends connected to `database` (their process title names it). */
export function postgresCpuMs(database: string): number {
  let total = 0;
  for (const pid of pids()) {
    let title: string;
    try {
      title = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue;
    }
    if (!title.startsWith("postgres: ") || !title.includes(` ${database} `)) continue;
    const f = statFields(pid);
    if (f) total += (Number(f[11]) + Number(f[12])) * TICK_MS;
  }
  return total;
}

/** All cores' busy and total time (ms) since boot, from /proc/stat. */
export function machineCpuMs(): { busy: number; total: number } {
  try {
    const [, ...fields] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    return { busy: (total - idle - iowait) * TICK_MS, total: total * TICK_MS };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

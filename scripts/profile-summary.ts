import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Summarises a V8 CPU profile (`npm start -- --experimental-cpu-prof`, saved in .next-profiles/ on Ctrl+C):
 * self time by origin — our code, Next.js, React, other packages, Node.js itself, idle/GC — and the heaviest
 * functions. `npx tsx scripts/profile-summary.ts .next-profiles/<file>.cpuprofile [top]`. With the number of
 * requests served during the profile (`--requests N`), prints each origin's CPU time per request; with
 * `--window FROM TO` (µs of the monotonic clock, as `process.hrtime` and the profile's timestamps count on Linux)
 * only the samples taken in that window count (`npm run bench:api` with BENCH_PROFILE=1 passes each endpoint's
 * measured run).
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function origin(url: string, fn: string): string {
  if (fn === "(idle)") return "idle";
  if (fn === "(garbage collector)") return "garbage collector";
  if (fn === "(program)") return "V8 (program)";
  if (!url) return "V8/native";
  if (url.startsWith("node:")) return "Node.js";
  if (/node_modules\/next\/dist\/compiled\/(react|react-dom|react-server-dom)/.test(url)) return "React (in Next)";
  if (url.includes("node_modules/next/")) return "Next.js";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes("/.next/server/")) {
    // Turbopack chunks: our modules and the packages bundled with them, named after their source path.
    if (/\[root-of-the-server\]|node_modules/.test(url)) return "bundled packages (.next chunks)";
    return "our code (.next chunks)";
  }
  return url.replace(/^file:\/\//, "");
}

export interface Summary {
  /** Profiled and busy (not idle) time in the window, µs. */
  total: number;
  busy: number;
  /** Self time per origin, µs, heaviest first (idle included). */
  byOrigin: [string, number][];
  /** Self time per function (`name  file:line  [origin]`), µs, heaviest first. */
  byFunction: [string, number][];
}

/** Self time by origin and by function, of the samples taken in `window` (µs, the profile's clock) or of all. */
export function summarise(profile: Profile, window?: { from: number; to: number }): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (!window || (at >= window.from && at <= window.to)) self.set(id, (self.get(id) ?? 0) + delta);
  });
  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const o = origin(url, functionName);
    byOrigin.set(o, (byOrigin.get(o) ?? 0) + us);
    const key = `${functionName || "(anonymous)"}  ${url.replace(/^.*node_modules\//, "").replace(/^.*\.next\//, ".next/")}:${lineNumber + 1}  [${o}]`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    total += us;
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { total, busy: total - (byOrigin.get("idle") ?? 0), byOrigin: sorted(byOrigin), byFunction: sorted(byFunction) };
}

/** The summary as text: origins (share of busy time, ms, ms per request when `requests` is known), then the top functions. */
export function formatSummary(summary: Summary, requests: number, top: number): string {
  const lines: string[] = [];
  lines.push("Self time by origin (share of busy time):");
  for (const [o, us] of summary.byOrigin) {
    if (o === "idle") continue;
    const perRequest = requests ? `  ${(us / requests / 1000).toFixed(3)} ms/request` : "";
    lines.push(`  ${((100 * us) / summary.busy).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${o}${perRequest}`);
  }
  if (requests) lines.push(`  busy in all: ${(summary.busy / requests / 1000).toFixed(3)} ms/request`);
  lines.push("", "Heaviest functions (self time):");
  for (const [key, us] of summary.byFunction.slice(0, top)) {
    if (key.includes("[idle]")) continue;
    lines.push(`  ${((100 * us) / summary.busy).toFixed(1).padStart(5)} %  ${key}`);
  }
  return lines.join("\n");
}

function main() {
  const args = process.argv.slice(2);
  const file = args[0];
  const flagValues = new Set<number>();
  const flag = (name: string, count = 1) => {
    const at = args.indexOf(name);
    if (at < 0) return undefined;
    for (let i = 1; i <= count; i++) flagValues.add(at + i);
    return args.slice(at + 1, at + 1 + count).map(Number);
  };
  const requests = flag("--requests")?.[0] ?? 0;
  const window = flag("--window", 2);
  const top = Number(args.find((a, i) => i > 0 && /^\d+$/.test(a) && !flagValues.has(i)) ?? 25);
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const summary = summarise(profile, window ? { from: window[0], to: window[1] } : undefined);
  console.log(`${file}: ${(summary.total / 1e6).toFixed(2)} s profiled, ${(summary.busy / 1e6).toFixed(2)} s busy${requests ? `, ${requests} requests` : ""}`);
  console.log(`\n${formatSummary(summary, requests, top)}`);
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) main();

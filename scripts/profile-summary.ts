import fs from "node:fs";

/**
 * Summarises a V8 CPU profile (`npm start -- --experimental-cpu-prof`, saved in .next-profiles/ on Ctrl+C):
 * self time by origin — our code, Next.js, React, other packages, Node.js itself, idle/GC — and the heaviest
 * functions. `npx tsx scripts/profile-summary.ts .next-profiles/<file>.cpuprofile [top]`. With the number of
 * requests served during the profile (`--requests N`), prints each origin's CPU time per request.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function origin(url: string, fn: string): string {
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

function main() {
  const args = process.argv.slice(2);
  const file = args[0];
  const top = Number(args.find((a, i) => i > 0 && /^\d+$/.test(a) && args[i - 1] !== "--requests") ?? 25);
  const requestsAt = args.indexOf("--requests");
  const requests = requestsAt >= 0 ? Number(args[requestsAt + 1]) : 0;
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
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
  const busy = total - (byOrigin.get("idle") ?? 0);
  console.log(`${file}: ${(total / 1e6).toFixed(2)} s profiled, ${(busy / 1e6).toFixed(2)} s busy${requests ? `, ${requests} requests` : ""}`);
  console.log("\nSelf time by origin (share of busy time):");
  for (const [o, us] of [...byOrigin].sort((a, b) => b[1] - a[1])) {
    if (o === "idle") continue;
    const perRequest = requests ? `  ${((us / requests) / 1000).toFixed(3)} ms/request` : "";
    console.log(`  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${o}${perRequest}`);
  }
  console.log(`\nHeaviest functions (self time):`);
  for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${key}`);
  }
}

main();

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { workerCount } from "./start.mjs";

describe("npm start: how many workers (WEB_CONCURRENCY)", () => {
  it("defaults to one per core on PostgreSQL and to one on the embedded database", () => {
    expect(workerCount({ DATABASE_URL: "postgres://x/y" }, 2)).toBe(2);
    expect(workerCount({ DATABASE_URL: "postgres://x/y" }, 8)).toBe(8);
    expect(workerCount({}, 8)).toBe(1);
    expect(workerCount({ DATABASE_URL: "" }, 8)).toBe(1);
  });

  it("takes WEB_CONCURRENCY when set, and refuses what cannot work", () => {
    expect(workerCount({ DATABASE_URL: "postgres://x/y", WEB_CONCURRENCY: "3" }, 2)).toBe(3);
    expect(workerCount({ WEB_CONCURRENCY: "1" }, 8)).toBe(1);
    expect(() => workerCount({ WEB_CONCURRENCY: "2" }, 8)).toThrow(/needs DATABASE_URL.*one process only/);
    expect(() => workerCount({ DATABASE_URL: "postgres://x/y", WEB_CONCURRENCY: "0" }, 2)).toThrow(/positive integer/);
    expect(() => workerCount({ DATABASE_URL: "postgres://x/y", WEB_CONCURRENCY: "two" }, 2)).toThrow(/positive integer/);
  });
});

// The cluster itself, with a small HTTP worker in place of `next start` (the real one needs a build): both workers
// serve the one port, and a worker that dies is replaced under the same WORKER_INDEX.
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

describe("npm start: the cluster", () => {
  it("serves one port from every worker and replaces a worker that dies", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ct-cluster-"));
    const worker = path.join(dir, "worker.mjs");
    fs.writeFileSync(
      worker,
      `import http from "node:http";
       http.createServer((req, res) => {
         if (req.url === "/crash") process.exit(3);
         res.end(JSON.stringify({ pid: process.pid, index: process.env.WORKER_INDEX, argv: process.argv.slice(2) }));
       }).listen(Number(process.argv[2]));`,
    );
    const port = 41_000 + Math.floor(Math.random() * 2000);
    const driver = path.join(dir, "primary.mjs");
    fs.writeFileSync(
      driver,
      `import { startCluster } from ${JSON.stringify(path.resolve("scripts/start.mjs"))};
       startCluster({ exec: ${JSON.stringify(worker)}, args: ["${port}"], count: 2 });`,
    );
    const primary = spawn(process.execPath, [driver], { stdio: ["ignore", "pipe", "pipe"] });
    children.push(primary);
    let output = "";
    primary.stdout!.on("data", (chunk) => (output += chunk));
    primary.stderr!.on("data", (chunk) => (output += chunk));

    const seen = async (attempts = 200) => {
      const pids = new Map<number, string>();
      for (let i = 0; i < attempts && pids.size < 2; i++) {
        try {
          // A new connection per request: the primary hands connections to the workers in turn.
          const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: "close" } });
          const body = (await res.json()) as { pid: number; index: string; argv: string[] };
          expect(body.argv).toEqual([String(port)]);
          pids.set(body.pid, body.index);
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      return pids;
    };

    const before = await seen();
    expect([...before.values()].sort(), output).toEqual(["1", "2"]);

    await fetch(`http://127.0.0.1:${port}/crash`, { headers: { connection: "close" } }).catch(() => undefined);
    let after = await seen();
    for (let i = 0; i < 100 && [...after.keys()].every((pid) => before.has(pid)); i++) after = await seen();
    expect(output).toMatch(/worker [12] \(pid \d+\) exited \(code 3\); starting a new one/);
    expect([...after.values()].sort()).toEqual(["1", "2"]);
    expect([...after.keys()].filter((pid) => !before.has(pid))).toHaveLength(1);

    primary.kill("SIGTERM");
    const code = await new Promise((resolve) => primary.on("exit", resolve));
    expect(code).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
